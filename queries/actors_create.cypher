// Create actors that are not in the store yet (the fast path of an upsert).
// $rows as for actors_upsert.cypher. Properties are spelled out rather than set
// from the map: that spares Neo4j an eager pass over every row.
UNWIND $rows AS row
CREATE (a:Actor:$(row.labels) {
  id: row.props.id, kind: row.props.kind, name: row.props.name, area: row.props.area,
  member_of: row.props.member_of, phone: row.props.phone, email: row.props.email,
  note: row.props.note, properties_json: row.props.properties_json
})
WITH a, row
MATCH (area:Area {code: row.props.area})
CREATE (a)-[:LOCATED_IN]->(area)
