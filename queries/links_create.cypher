// Create coordination links (any previous link with the same id was deleted first,
// see links_delete_by_id.cypher).
// $rows: [{source, target, type, props: {id, date, topic, note}}]; type is a
// LinkType, checked before it got here. Rows whose endpoints are missing create
// nothing, which the caller sees in `created`.
UNWIND $rows AS row
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
CREATE (s)-[r:$(row.type)]->(t)
SET r = row.props
RETURN count(r) AS created
