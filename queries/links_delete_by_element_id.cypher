// Delete relationships found earlier in the same transaction (links_existing.cypher).
UNWIND $element_ids AS element_id
MATCH ()-[r]->()
WHERE elementId(r) = element_id
DELETE r
