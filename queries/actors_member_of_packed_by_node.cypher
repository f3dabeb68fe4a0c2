// actors_member_of_packed.cypher for a first load: member and institution are
// found by the element ids actors_create_packed.cypher returned ($members and
// $institutions, joined by $sep), not looked up in the actor id index.
WITH split($members, $sep) AS members, split($institutions, $sep) AS institutions
UNWIND range(0, size(members) - 1) AS i
MATCH (member) WHERE elementId(member) = members[i]
MATCH (institution) WHERE elementId(institution) = institutions[i]
CREATE (member)-[:MEMBER_OF]->(institution)
