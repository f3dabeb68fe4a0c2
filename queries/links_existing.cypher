// The stored coordination links with these ids: [element id, id, type, source, target].
// An upsert reads them before it writes anything, because relationship index
// seeks get slow once the same transaction has changed many relationships.
// One unique-index seek per link type (every sinergi_graph.models.LinkType); the
// hints keep the planner from scanning a whole index per id once the data grows.
UNWIND $ids AS wanted
CALL (wanted) {
  MATCH (s:Actor)-[r:KOORDINASI {id: wanted}]->(t:Actor) USING INDEX SEEK r:KOORDINASI(id) RETURN r, s, t
  UNION ALL
  MATCH (s:Actor)-[r:RAPAT {id: wanted}]->(t:Actor) USING INDEX SEEK r:RAPAT(id) RETURN r, s, t
  UNION ALL
  MATCH (s:Actor)-[r:SOSIALISASI {id: wanted}]->(t:Actor) USING INDEX SEEK r:SOSIALISASI(id) RETURN r, s, t
  UNION ALL
  MATCH (s:Actor)-[r:AUDIENSI {id: wanted}]->(t:Actor) USING INDEX SEEK r:AUDIENSI(id) RETURN r, s, t
  UNION ALL
  MATCH (s:Actor)-[r:KERJASAMA {id: wanted}]->(t:Actor) USING INDEX SEEK r:KERJASAMA(id) RETURN r, s, t
  UNION ALL
  MATCH (s:Actor)-[r:SURAT {id: wanted}]->(t:Actor) USING INDEX SEEK r:SURAT(id) RETURN r, s, t
  UNION ALL
  MATCH (s:Actor)-[r:KUNJUNGAN {id: wanted}]->(t:Actor) USING INDEX SEEK r:KUNJUNGAN(id) RETURN r, s, t
  UNION ALL
  MATCH (s:Actor)-[r:BIMTEK {id: wanted}]->(t:Actor) USING INDEX SEEK r:BIMTEK(id) RETURN r, s, t
  UNION ALL
  MATCH (s:Actor)-[r:MONITORING {id: wanted}]->(t:Actor) USING INDEX SEEK r:MONITORING(id) RETURN r, s, t
}
RETURN collect([elementId(r), r.id, type(r), s.id, t.id]) AS rows
