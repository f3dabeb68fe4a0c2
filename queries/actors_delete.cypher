// Delete actors with every relationship touching them (their links included).
UNWIND $ids AS id
MATCH (a:Actor {id: id})
DETACH DELETE a
