// Create coordination links of one type: the bulk path of links_create.cypher,
// with each column sent as one text (values joined by $sep, $nul for "no value";
// see actors_create_packed.cypher). $type is a LinkType, checked before it got
// here; $dates holds ISO dates. Rows whose ends are missing create nothing,
// which the caller sees in `created`.
WITH $nul AS nul,
     split($ids, $sep) AS ids, split($sources, $sep) AS sources,
     split($targets, $sep) AS targets, split($dates, $sep) AS dates,
     split($topics, $sep) AS topics, split($notes, $sep) AS notes
UNWIND range(0, size(ids) - 1) AS i
MATCH (s:Actor {id: sources[i]})
MATCH (t:Actor {id: targets[i]})
CREATE (s)-[r:$($type) {
  id: ids[i],
  date: CASE dates[i] WHEN nul THEN null ELSE date(dates[i]) END,
  topic: CASE topics[i] WHEN nul THEN null ELSE topics[i] END,
  note: CASE notes[i] WHEN nul THEN null ELSE notes[i] END
}]->(t)
RETURN count(r) AS created
