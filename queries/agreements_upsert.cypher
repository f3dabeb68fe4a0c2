// Insert or replace kerja sama (agreements: MoU, PKS) by id, with their parties in order.
// $rows: [{id, props: {id, title, number, signed, expires, note}, parties: [actor ids]}];
// dates as ISO text or null.
UNWIND $rows AS row
MERGE (g:KerjaSama {id: row.id})
SET g = row.props
SET g.signed = date(row.props.signed), g.expires = date(row.props.expires)
WITH g, row
CALL (g) {
  MATCH (:Actor)-[old:PIHAK]->(g)
  DELETE old
}
CALL (g, row) {
  UNWIND range(0, size(row.parties) - 1) AS i
  MATCH (a:Actor {id: row.parties[i]})
  CREATE (a)-[:PIHAK {position: i}]->(g)
}
RETURN count(*) AS written
