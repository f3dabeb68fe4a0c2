MATCH (d:SinergiDocument {namespace: $namespace})
RETURN d.key AS key
ORDER BY key
