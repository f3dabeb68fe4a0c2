// Every coordination link as a full record, by id.
MATCH (s:Actor)-[r:KOORDINASI|RAPAT|SOSIALISASI|AUDIENSI|KERJASAMA|SURAT|KUNJUNGAN|BIMTEK|MONITORING]->(t:Actor)
RETURN r.id AS id, s.id AS source, t.id AS target, type(r) AS type,
       r.date AS date, r.topic AS topic, r.note AS note
ORDER BY id
