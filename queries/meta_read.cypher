// The network's revision counter and schema version (no row data when never written).
OPTIONAL MATCH (m:SinergiMeta {name: 'network'})
RETURN coalesce(m.revision, 0) AS revision,
       m.schema_version AS schema_version,
       m.incomplete AS incomplete
