// Remove coordination links by id, whatever their type and endpoints.
// The type list is every sinergi_graph.models.LinkType; each has a unique index on id.
UNWIND $ids AS id
MATCH ()-[r:KOORDINASI|RAPAT|SOSIALISASI|AUDIENSI|KERJASAMA|SURAT|KUNJUNGAN|BIMTEK|MONITORING {id: id}]->()
DELETE r
