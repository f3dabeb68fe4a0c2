// Insert or replace kegiatan (activities) by id, with their attendees in order.
// $rows: [{id, props: {id, date, type, topic, place, area, agreement, note},
//          attendees: [actor ids]}]; date as ISO text. Attendees were checked to exist.
UNWIND $rows AS row
MERGE (k:Kegiatan {id: row.id})
SET k = row.props
SET k.date = date(row.props.date)
WITH k, row
CALL (k) {
  MATCH (:Actor)-[old:HADIR]->(k)
  DELETE old
}
CALL (k, row) {
  UNWIND range(0, size(row.attendees) - 1) AS i
  MATCH (a:Actor {id: row.attendees[i]})
  CREATE (a)-[:HADIR {position: i}]->(k)
}
RETURN count(*) AS written
