// Every kegiatan as the analysis reads it, as one list: [id, type, ISO date, topic, attendees].
MATCH (k:Kegiatan)
CALL (k) {
  OPTIONAL MATCH (a:Actor)-[h:HADIR]->(k)
  WITH a, h ORDER BY h.position
  RETURN collect(a.id) AS attendees
}
RETURN collect([k.id, k.type, toString(k.date), k.topic, attendees]) AS rows
