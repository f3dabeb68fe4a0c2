// Actors new to the store adopt the members that named them before they existed.
UNWIND $ids AS wanted
MATCH (institution:Actor {id: wanted})
MATCH (member:Actor {member_of: wanted})
MERGE (member)-[:MEMBER_OF]->(institution)
