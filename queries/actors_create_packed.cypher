// Create actors of one kind that are not in the store yet: the bulk path of an
// import. Each column travels as ONE text, the values joined by $sep, with $nul
// standing for "no value": a single string is far cheaper for the driver to
// encode than a map per row (the pure-Python driver spends most of a national
// import encoding maps otherwise). Values never contain $sep or $nul (the
// caller checks, and sends such rows with actors_create.cypher instead).
// $kind, $labels ([Category, KIND] from the kind catalogue, or []), and the columns
// $ids, $names, $areas, $member_of, $phones, $emails, $notes, $properties_json.
WITH $nul AS nul,
     split($ids, $sep) AS ids, split($names, $sep) AS names, split($areas, $sep) AS areas,
     split($member_of, $sep) AS member_of, split($phones, $sep) AS phones,
     split($emails, $sep) AS emails, split($notes, $sep) AS notes,
     split($properties_json, $sep) AS props
UNWIND range(0, size(ids) - 1) AS i
CREATE (a:Actor:$($labels) {
  id: ids[i], kind: $kind, name: names[i],
  area: CASE areas[i] WHEN nul THEN null ELSE areas[i] END,
  member_of: CASE member_of[i] WHEN nul THEN null ELSE member_of[i] END,
  phone: CASE phones[i] WHEN nul THEN null ELSE phones[i] END,
  email: CASE emails[i] WHEN nul THEN null ELSE emails[i] END,
  note: CASE notes[i] WHEN nul THEN null ELSE notes[i] END,
  properties_json: CASE props[i] WHEN nul THEN null ELSE props[i] END
})
WITH collect(a) AS created
CALL (created) {
  UNWIND created AS a
  MATCH (area:Area {code: a.area})
  CREATE (a)-[:LOCATED_IN]->(area)
}
// The new nodes' element ids, in the order of $ids: a first load creates the
// memberships and links by them (links_create_packed_by_node.cypher), with no
// index lookup.
RETURN [a IN created | elementId(a)] AS node_ids
