// Everyone who threatened or showed inappropriate interest in a protectee, with the incidents
// and cases, newest first. The protectee, each incident, case and person must be readable.
MATCH (p:Protectee {protectee_id: $protectee_id})
WHERE all(x IN coalesce(p.compartments, []) WHERE x IN $compartments)
CALL (p) {
  MATCH (p)<-[a:AFFECTED]-(i:Incident)-[r:INVOLVES]->(s:Subject)
  WHERE a.interest IN ['THREAT', 'INAPPROPRIATE_INTEREST']
    AND all(x IN coalesce(i.compartments, []) WHERE x IN $compartments)
    AND ($may_see_retired OR NOT coalesce(i.retired, false))
    AND ($may_see_protected OR size(coalesce(i.protected_classes, [])) = 0)
  RETURN s, i AS incident, null AS case, a.interest AS interest,
         toString(i.occurred_at) AS at
  UNION
  MATCH (p)<-[:CONCERNS]-(c:Case)-[r:INVOLVES]->(s:Subject)
  WHERE r.role IN ['SUBJECT', 'SUSPECT']
    AND all(x IN coalesce(c.compartments, []) WHERE x IN $compartments)
    AND ($may_see_retired OR NOT coalesce(c.retired, false))
    AND ($may_see_protected OR size(coalesce(c.protected_classes, [])) = 0)
  RETURN s, null AS incident, c AS case, 'CASE_SUBJECT' AS interest,
         toString(c.opened_on) AS at
}
WITH s, incident, case, interest, at
WHERE all(x IN coalesce(s.compartments, []) WHERE x IN $compartments)
  AND ($may_see_protected OR (size(coalesce(s.protected_classes, [])) = 0
       AND NOT EXISTS { (s)-[:MEMBER_OF]->(pi:Identity) WHERE pi.protected }))
WITH s, max(at) AS latest,
  collect(DISTINCT interest) AS interests,
  [x IN collect(DISTINCT incident {.*}) WHERE x IS NOT NULL] AS incidents,
  [x IN collect(DISTINCT case {.*}) WHERE x IS NOT NULL] AS cases
RETURN s {.*,
    addresses: [(s)-[:HAS_ADDRESS]->(a) | a {.*}],
    phones: [(s)-[:HAS_PHONE]->(ph) | ph.e164],
    entity_id: head([(s)-[:MEMBER_OF]->(i) | i.entity_id])} AS subject,
  latest, interests, incidents, cases
ORDER BY latest DESC, subject.record_id
LIMIT $limit
