// The columns of every coordination link the analysis needs, as one list; dates as ISO text.
MATCH (s:Actor)-[r:KOORDINASI|RAPAT|SOSIALISASI|AUDIENSI|KERJASAMA|SURAT|KUNJUNGAN|BIMTEK|MONITORING]->(t:Actor)
RETURN collect([r.id, s.id, t.id, type(r), toString(r.date), r.topic]) AS rows
