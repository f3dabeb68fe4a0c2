MATCH (d:SinergiDocument)
RETURN DISTINCT d.namespace AS namespace
ORDER BY namespace
