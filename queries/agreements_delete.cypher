// Remove kerja sama by id; the kegiatan that followed one up keep existing without it.
OPTIONAL MATCH (k:Kegiatan)
WHERE k.agreement IN $ids
SET k.agreement = null
WITH count(k) AS updated
MATCH (g:KerjaSama)
WHERE g.id IN $ids
DETACH DELETE g
RETURN count(*) AS deleted
