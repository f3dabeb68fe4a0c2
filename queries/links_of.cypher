// Every coordination link with actor $id at either end, oldest first (undated first).
MATCH (a:Actor {id: $id})-[r:KOORDINASI|RAPAT|SOSIALISASI|AUDIENSI|KERJASAMA|SURAT|KUNJUNGAN|BIMTEK|MONITORING]-(:Actor)
WITH DISTINCT r
RETURN r.id AS id, startNode(r).id AS source, endNode(r).id AS target, type(r) AS type,
       r.date AS date, r.topic AS topic, r.note AS note
ORDER BY r.date IS NOT NULL, r.date, id
