// Remove coordination links by id, whatever their type and endpoints.
// One unique-index seek per link type (every sinergi_graph.models.LinkType); the
// hints keep the planner from scanning a whole index per id once the data grows.
UNWIND $ids AS wanted
CALL (wanted) {
  MATCH (s:Actor)-[r:KOORDINASI {id: wanted}]->(t:Actor) USING INDEX SEEK r:KOORDINASI(id) RETURN r
  UNION ALL
  MATCH (s:Actor)-[r:RAPAT {id: wanted}]->(t:Actor) USING INDEX SEEK r:RAPAT(id) RETURN r
  UNION ALL
  MATCH (s:Actor)-[r:SOSIALISASI {id: wanted}]->(t:Actor) USING INDEX SEEK r:SOSIALISASI(id) RETURN r
  UNION ALL
  MATCH (s:Actor)-[r:AUDIENSI {id: wanted}]->(t:Actor) USING INDEX SEEK r:AUDIENSI(id) RETURN r
  UNION ALL
  MATCH (s:Actor)-[r:KERJASAMA {id: wanted}]->(t:Actor) USING INDEX SEEK r:KERJASAMA(id) RETURN r
  UNION ALL
  MATCH (s:Actor)-[r:SURAT {id: wanted}]->(t:Actor) USING INDEX SEEK r:SURAT(id) RETURN r
  UNION ALL
  MATCH (s:Actor)-[r:KUNJUNGAN {id: wanted}]->(t:Actor) USING INDEX SEEK r:KUNJUNGAN(id) RETURN r
  UNION ALL
  MATCH (s:Actor)-[r:BIMTEK {id: wanted}]->(t:Actor) USING INDEX SEEK r:BIMTEK(id) RETURN r
  UNION ALL
  MATCH (s:Actor)-[r:MONITORING {id: wanted}]->(t:Actor) USING INDEX SEEK r:MONITORING(id) RETURN r
}
DELETE r
