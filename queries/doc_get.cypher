MATCH (d:SinergiDocument {namespace: $namespace, key: $key})
RETURN d.body AS body
