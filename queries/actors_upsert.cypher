// Insert or replace actors by id.
// $rows: [{id, labels: [Category, KIND], props: {id, kind, name, area, member_of,
//          phone, email, note, properties_json}}]; labels were checked against the
// kind catalogue before they got here.
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
WITH a, row, [label IN labels(a) WHERE label <> 'Actor' AND NOT label IN row.labels] AS stale
// `=` replaces every property: a field left out (null) is removed.
SET a = row.props
SET a:$(row.labels)
REMOVE a:$(stale)
WITH a, row
// The area and membership may have changed: drop the old edges, then add the current ones.
CALL (a) {
  MATCH (a)-[old:LOCATED_IN|MEMBER_OF]->()
  DELETE old
}
CALL (a, row) {
  MATCH (area:Area {code: row.props.area})
  CREATE (a)-[:LOCATED_IN]->(area)
}
