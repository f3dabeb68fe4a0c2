MATCH (d:SinergiDocument {namespace: $namespace, key: $key})
DELETE d
RETURN count(*) AS deleted
