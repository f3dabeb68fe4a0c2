// PPS without contact to the kepala desa or lurah of their own village.
// Paste into Neo4j Browser as it is: the rows are those of `sinergi gaps --rule pps-kades`.
// One area only: replace `null AS area_filter` by its code, e.g. '33.23' AS area_filter.
// As it stood on a day: replace `null AS as_of` by the date, e.g. '2024-02-14' AS as_of.
// Freshness windows and deadlines that follow the election calendar (rules.toml) are not
// written in (`windows: []`): for them use gaps.cypher with the windows sinergi computes.
// Written from gaps.cypher (the parameterised form) and data/rules.toml; a test keeps them equal.
WITH [
  {id: 'pps-kades', severity: 'high', subject: 'PPS', counterparts: ['KADES', 'LURAH'], scope_len: 13, windows: []}
] AS rules, null AS area_filter, null AS as_of
// ---- the same in every gaps query below this line ----
UNWIND range(0, size(rules) - 1) AS rule_order
WITH rule_order, rules[rule_order] AS rule, area_filter, as_of
// Subjects: institutions of the rule's subject kind. A member of an institution
// (member_of set) is never a subject: it is folded onto its institution.
MATCH (s:Actor {kind: rule.subject})
WHERE s.member_of IS NULL
  AND size(s.area) >= rule.scope_len
  AND (area_filter IS NULL OR area_filter = 'ID'
       OR s.area = area_filter OR s.area STARTS WITH area_filter + '.')
WITH rule_order, rule, as_of, s, left(s.area, rule.scope_len) AS scope
// Counterparts in scope: institutions of the counterpart kinds whose area code
// starts with the subject's code cut to the scope (same village, district, ...).
CALL (rule, s, scope) {
  UNWIND rule.counterparts AS kind
  MATCH (c:Actor {kind: kind})
  WHERE c.area STARTS WITH scope AND c.member_of IS NULL AND c <> s
  WITH c ORDER BY c.id
  RETURN collect(c) AS candidates
}
// Contacts: links between the subject or any of its members and a counterpart or
// any of its members (a link to a member counts for the institution).
// A kegiatan both attended (they or their members) is a contact on its date too.
CALL (rule, as_of, s, candidates) {
  CALL (as_of, s, candidates) {
    MATCH (sm:Actor)-[:MEMBER_OF*0..]->(s)
    MATCH (sm)-[r:KOORDINASI|RAPAT|SOSIALISASI|AUDIENSI|KERJASAMA|SURAT|KUNJUNGAN|BIMTEK|MONITORING]-(cm:Actor)
    WHERE as_of IS NULL OR r.date IS NULL OR r.date <= date(as_of)
    MATCH (cm)-[:MEMBER_OF*0..]->(c:Actor)
    WHERE c IN candidates
    RETURN r.id AS via, r.date AS day
    UNION ALL
    MATCH (sm:Actor)-[:MEMBER_OF*0..]->(s)
    MATCH (sm)-[:HADIR]->(k:Kegiatan)<-[:HADIR]-(cm:Actor)
    WHERE as_of IS NULL OR k.date <= date(as_of)
    MATCH (cm)-[:MEMBER_OF*0..]->(c:Actor)
    WHERE c IN candidates
    RETURN k.id AS via, k.date AS day
  }
  // The last contact: the latest date, the smallest id among equals (as `sinergi gaps`).
  WITH via, day ORDER BY day DESC, via
  RETURN count(*) AS contacts,
         max(day) AS last_date,
         collect(day) AS dates,
         head(collect(CASE WHEN day IS NOT NULL THEN via END)) AS last_via
}
// The first freshness window (in the rule's order) that no contact date meets.
WITH rule_order, rule, s, candidates, contacts, last_date, last_via,
     [w IN rule.windows WHERE none(d IN dates WHERE
        (w.since IS NULL OR d >= date(w.since)) AND (w.until IS NULL OR d <= date(w.until)))]
       AS missed_windows
WITH rule_order, rule, s, candidates, contacts, last_date, last_via, missed_windows,
     CASE
       WHEN size(candidates) = 0 THEN 'no_counterpart'
       WHEN contacts = 0 THEN 'no_contact'
       WHEN size(missed_windows) > 0 THEN 'stale'
     END AS reason
WHERE reason IS NOT NULL
RETURN rule.id AS rule,
       rule.severity AS severity,
       reason,
       s.id AS subject_id,
       s.name AS subject_name,
       s.area AS area,
       [c IN candidates | c.id] AS counterpart_ids,
       CASE WHEN reason = 'stale' THEN toString(last_date) END AS last_contact,
       CASE WHEN reason = 'stale' THEN missed_windows[0].missed END AS missed,
       CASE WHEN reason = 'stale' THEN last_via END AS via
ORDER BY area, rule_order, subject_id
