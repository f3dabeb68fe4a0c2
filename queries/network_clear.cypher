// Remove every actor (with its links) and the area tree; saved documents stay.
// $limit bounds one call so a national network can be cleared in steps.
MATCH (n)
WHERE n:Actor OR n:Area
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
