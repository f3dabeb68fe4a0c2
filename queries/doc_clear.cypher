// Remove every saved document (a copy with --replace brings the source's own).
MATCH (d:SinergiDocument)
DELETE d
RETURN count(*) AS deleted
