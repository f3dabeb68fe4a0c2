// After the actors of an upsert are written: (:Actor)-[:MEMBER_OF]->(:Actor) for
// every upserted actor whose member_of names an actor in the store. The member_of
// property stays the source of truth; the edge waits until that actor exists.
// $rows: [{id, member_of}]
UNWIND $rows AS row
MATCH (member:Actor {id: row.id})
MATCH (institution:Actor {id: row.member_of})
MERGE (member)-[:MEMBER_OF]->(institution)
