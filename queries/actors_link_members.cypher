// After the actors of an upsert are written: (:Actor)-[:MEMBER_OF]->(:Actor) for
// every actor whose member_of names an upserted actor, or who is upserted and
// names an existing one. The member_of property stays the source of truth, so a
// member whose institution arrives later gets its edge then.
UNWIND $ids AS id
MATCH (a:Actor {id: id})
CALL (a) {
  MATCH (institution:Actor {id: a.member_of})
  MERGE (a)-[:MEMBER_OF]->(institution)
}
CALL (a) {
  MATCH (member:Actor {member_of: a.id})
  MERGE (member)-[:MEMBER_OF]->(a)
}
