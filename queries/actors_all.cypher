// Every actor as a full record, by id.
MATCH (a:Actor)
WHERE a.id IS NOT NULL
RETURN a.id AS id, a.kind AS kind, a.name AS name, a.area AS area,
       a.member_of AS member_of, a.phone AS phone, a.email AS email,
       a.note AS note, a.properties_json AS properties_json
ORDER BY id
