// (:Actor)-[:MEMBER_OF]->(:Actor) for actors just written by this upsert (their
// old membership edge, if any, was deleted by actors_upsert.cypher, so CREATE is
// right). Columns as in actors_create_packed.cypher: $ids and $member_of.
WITH split($ids, $sep) AS ids, split($member_of, $sep) AS member_of
UNWIND range(0, size(ids) - 1) AS i
MATCH (member:Actor {id: ids[i]})
MATCH (institution:Actor {id: member_of[i]})
CREATE (member)-[:MEMBER_OF]->(institution)
