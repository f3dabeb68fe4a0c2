// Every write ends here: the revision changes, so caches of the network know to reload.
// $incomplete marks (or, when null, clears) an import running in several transactions.
MERGE (m:SinergiMeta {name: 'network'})
ON CREATE SET m.revision = 0
SET m.revision = m.revision + 1,
    m.schema_version = $schema_version,
    m.incomplete = $incomplete
RETURN m.revision AS revision
