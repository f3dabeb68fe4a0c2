// Create actors that are not in the store yet (the fast path of an upsert).
// $rows as for actors_upsert.cypher.
UNWIND $rows AS row
CREATE (a:Actor)
SET a = row.props, a:$(row.labels)
WITH a, row
MATCH (area:Area {code: row.props.area})
CREATE (a)-[:LOCATED_IN]->(area)
