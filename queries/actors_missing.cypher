// Which of these ids have no actor (for a clear error before writing links).
UNWIND $ids AS id
OPTIONAL MATCH (a:Actor {id: id})
WITH id, a
WHERE a IS NULL
RETURN collect(id) AS missing
