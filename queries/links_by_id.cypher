// The coordination links with these ids, by id (one index seek per link type).
UNWIND $ids AS wanted
MATCH (s:Actor)-[r:KOORDINASI|RAPAT|SOSIALISASI|AUDIENSI|KERJASAMA|SURAT|KUNJUNGAN|BIMTEK|MONITORING {id: wanted}]->(t:Actor)
RETURN r.id AS id, s.id AS source, t.id AS target, type(r) AS type,
       r.date AS date, r.topic AS topic, r.note AS note
ORDER BY id
