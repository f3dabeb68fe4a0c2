// Create coordination links (a stored link with the same id was deleted first, see
// links_delete_by_element_id.cypher). $rows: [{source, target, type, props: {id,
// date, topic, note}}]; type is a LinkType, checked before it got here. Rows whose
// ends are missing create nothing, which the caller sees in `created`.
UNWIND $rows AS row
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
CREATE (s)-[r:$(row.type) {
  id: row.props.id, date: row.props.date, topic: row.props.topic, note: row.props.note
}]->(t)
RETURN count(r) AS created
