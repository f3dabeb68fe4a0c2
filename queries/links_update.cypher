// Update stored links in place (same id, type and ends): only date, topic and note change.
// Replacing them instead would make Neo4j re-check the id index against every
// relationship the transaction deleted, which is slow for large imports.
// $rows: [{element_id, props: {id, date, topic, note}}]
UNWIND $rows AS row
MATCH ()-[r]->()
WHERE elementId(r) = row.element_id
SET r.date = row.props.date, r.topic = row.props.topic, r.note = row.props.note
