// Number of coordination links (each type's count comes from Neo4j's count store).
CALL () {
  MATCH ()-[r:KOORDINASI]->() RETURN count(r) AS n
  UNION ALL MATCH ()-[r:RAPAT]->() RETURN count(r) AS n
  UNION ALL MATCH ()-[r:SOSIALISASI]->() RETURN count(r) AS n
  UNION ALL MATCH ()-[r:AUDIENSI]->() RETURN count(r) AS n
  UNION ALL MATCH ()-[r:KERJASAMA]->() RETURN count(r) AS n
  UNION ALL MATCH ()-[r:SURAT]->() RETURN count(r) AS n
  UNION ALL MATCH ()-[r:KUNJUNGAN]->() RETURN count(r) AS n
  UNION ALL MATCH ()-[r:BIMTEK]->() RETURN count(r) AS n
  UNION ALL MATCH ()-[r:MONITORING]->() RETURN count(r) AS n
}
RETURN sum(n) AS links
