// The columns of every actor the analysis needs, as one list (fast to transfer).
MATCH (a:Actor)
RETURN collect([a.id, a.kind, a.name, a.area, a.member_of]) AS rows
