// Remove kegiatan by id, with their attendance.
MATCH (k:Kegiatan)
WHERE k.id IN $ids
DETACH DELETE k
RETURN count(*) AS deleted
