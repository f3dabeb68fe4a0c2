// Full kerja sama records with their parties in order: all ($ids null) or by id.
MATCH (g:KerjaSama)
WHERE $ids IS NULL OR g.id IN $ids
CALL (g) {
  OPTIONAL MATCH (a:Actor)-[p:PIHAK]->(g)
  WITH a, p ORDER BY p.position
  RETURN collect(a.id) AS parties
}
RETURN g.id AS id, g.title AS title, g.number AS number, toString(g.signed) AS signed,
       toString(g.expires) AS expires, g.note AS note, parties
ORDER BY id
