// The coordination links with these ids that exist, as element ids.
// An upsert reads them before it writes anything: an index seek on relationships
// gets slow once the same transaction has changed many relationships.
// One unique-index seek per link type (every sinergi_graph.models.LinkType); the
// hints keep the planner from scanning a whole index per id once the data grows.
UNWIND $ids AS wanted
CALL (wanted) {
  MATCH (:Actor)-[r:KOORDINASI {id: wanted}]->(:Actor) USING INDEX SEEK r:KOORDINASI(id) RETURN r
  UNION ALL
  MATCH (:Actor)-[r:RAPAT {id: wanted}]->(:Actor) USING INDEX SEEK r:RAPAT(id) RETURN r
  UNION ALL
  MATCH (:Actor)-[r:SOSIALISASI {id: wanted}]->(:Actor) USING INDEX SEEK r:SOSIALISASI(id) RETURN r
  UNION ALL
  MATCH (:Actor)-[r:AUDIENSI {id: wanted}]->(:Actor) USING INDEX SEEK r:AUDIENSI(id) RETURN r
  UNION ALL
  MATCH (:Actor)-[r:KERJASAMA {id: wanted}]->(:Actor) USING INDEX SEEK r:KERJASAMA(id) RETURN r
  UNION ALL
  MATCH (:Actor)-[r:SURAT {id: wanted}]->(:Actor) USING INDEX SEEK r:SURAT(id) RETURN r
  UNION ALL
  MATCH (:Actor)-[r:KUNJUNGAN {id: wanted}]->(:Actor) USING INDEX SEEK r:KUNJUNGAN(id) RETURN r
  UNION ALL
  MATCH (:Actor)-[r:BIMTEK {id: wanted}]->(:Actor) USING INDEX SEEK r:BIMTEK(id) RETURN r
  UNION ALL
  MATCH (:Actor)-[r:MONITORING {id: wanted}]->(:Actor) USING INDEX SEEK r:MONITORING(id) RETURN r
}
RETURN collect(elementId(r)) AS element_ids
