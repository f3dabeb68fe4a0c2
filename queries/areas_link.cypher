// The area hierarchy: desa -[:IN]-> kecamatan -[:IN]-> kabupaten -[:IN]-> provinsi.
UNWIND $rows AS row
MATCH (child:Area {code: row.code})
MATCH (parent:Area {code: row.parent})
MERGE (child)-[:IN]->(parent)
