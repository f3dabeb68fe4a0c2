// Which of these actor ids are already in the store.
UNWIND $ids AS wanted
MATCH (a:Actor {id: wanted})
RETURN collect(a.id) AS ids
