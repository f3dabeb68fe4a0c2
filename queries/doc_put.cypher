// Save a document (scenario, journal, setting) under (namespace, key), replacing any previous one.
MERGE (d:SinergiDocument {namespace: $namespace, key: $key})
SET d.body = $body
