// Areas an actor uses, with their ancestors: (:Area {code, name, level}).
UNWIND $rows AS row
MERGE (x:Area {code: row.code})
SET x.name = row.name, x.level = row.level
