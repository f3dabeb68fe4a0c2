// links_create_packed.cypher for ends whose element ids the client knows (it
// has just created them: actors_create_packed.cypher returns them): each end
// is found by its element id, not looked up in the actor id index.
// $sources and $targets hold element ids; the other columns as there.
WITH $nul AS nul,
     split($ids, $sep) AS ids, split($sources, $sep) AS sources,
     split($targets, $sep) AS targets, split($dates, $sep) AS dates,
     split($topics, $sep) AS topics, split($notes, $sep) AS notes
UNWIND range(0, size(ids) - 1) AS i
MATCH (s) WHERE elementId(s) = sources[i]
MATCH (t) WHERE elementId(t) = targets[i]
CREATE (s)-[r:$($type) {
  id: ids[i],
  date: CASE dates[i] WHEN nul THEN null ELSE date(dates[i]) END,
  topic: CASE topics[i] WHEN nul THEN null ELSE topics[i] END,
  note: CASE notes[i] WHEN nul THEN null ELSE notes[i] END
}]->(t)
RETURN count(r) AS created
