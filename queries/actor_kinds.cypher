// {id: kind} for the ids that exist.
UNWIND $ids AS wanted
MATCH (a:Actor {id: wanted})
RETURN a.id AS id, a.kind AS kind
