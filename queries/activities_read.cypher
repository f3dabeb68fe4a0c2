// Full kegiatan records with their attendees in order: all ($ids null) or by id.
MATCH (k:Kegiatan)
WHERE $ids IS NULL OR k.id IN $ids
CALL (k) {
  OPTIONAL MATCH (a:Actor)-[h:HADIR]->(k)
  WITH a, h ORDER BY h.position
  RETURN collect(a.id) AS attendees
}
RETURN k.id AS id, toString(k.date) AS date, k.type AS type, k.topic AS topic,
       k.place AS place, k.area AS area, k.agreement AS agreement, k.note AS note, attendees
ORDER BY id
