// Remove every kegiatan and kerja sama (with attendance and parties).
MATCH (n)
WHERE n:Kegiatan OR n:KerjaSama
DETACH DELETE n
RETURN count(*) AS deleted
