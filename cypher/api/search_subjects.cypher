// Analysts' search by PII and case attributes. Names go through the full-text index
// `subject_names` (fuzzy `~` terms) and the NYSIIS code of the surname (phonetic); without a
// name every subject is a candidate and the other filters narrow it. Only readable subjects,
// and only readable cases/incidents/protectees, ever count. At most $cap matches are ranked.
// The index only finds candidates: its relevance score weighs a term by how many records of
// the whole index hold it, hidden ones too, so it would tell of records the caller may not
// read. A match is scored from its own names: the Jaro-Winkler similarity of its comparison
// forms to the ones asked for, averaged over the names given.
CALL () {
  WITH $lucene AS q WHERE q IS NOT NULL
  CALL db.index.fulltext.queryNodes('subject_names', q) YIELD node
  RETURN node AS s
  UNION
  WITH $nysiis AS k WHERE k IS NOT NULL
  MATCH (s:Subject {name_nysiis: k})
  RETURN s
  UNION
  WITH $lucene AS q WHERE q IS NULL AND $nysiis IS NULL
  MATCH (s:Subject)
  RETURN s
}
WITH s
WHERE all(c IN coalesce(s.compartments, []) WHERE c IN $compartments)
  AND ($may_see_protected OR (size(coalesce(s.protected_classes, [])) = 0
       AND NOT EXISTS { (s)-[:MEMBER_OF]->(pi:Identity) WHERE pi.protected }))
  // A branch-scoped caller (ud_officer) reads only people in an incident of their branch.
  AND ($scope_branch IS NULL OR EXISTS {
    MATCH (s)<-[:INVOLVES]-(bi:Incident {branch: $scope_branch})
    WHERE all(x IN coalesce(bi.compartments, []) WHERE x IN $compartments)
      AND ($may_see_retired OR NOT coalesce(bi.retired, false))
      AND ($may_see_protected OR size(coalesce(bi.protected_classes, [])) = 0) })
  AND ($dob IS NULL OR s.dob STARTS WITH $dob)
  AND ($ssn IS NULL OR s.ssn_norm = $ssn)
  AND ($a_number IS NULL OR s.a_number_norm = $a_number)
  AND ($fin IS NULL OR s.fin_norm = $fin)
  AND ($gender IS NULL OR s.gender = $gender)
  AND (NOT $case_filter OR EXISTS {
    MATCH (c:Case)-[:INVOLVES]->(s)
    WHERE $scope_branch IS NULL AND all(x IN coalesce(c.compartments, []) WHERE x IN $compartments)
      AND ($may_see_retired OR NOT coalesce(c.retired, false))
      AND ($may_see_protected OR size(coalesce(c.protected_classes, [])) = 0)
      AND ($employee IS NULL OR any(e IN coalesce(c.assigned_employees, [])
           WHERE toLower(e) CONTAINS toLower($employee)))
      AND ($opened_from IS NULL OR toString(c.opened_on) >= $opened_from)
      AND ($opened_to IS NULL OR toString(c.opened_on) <= $opened_to)
      AND ($closed_from IS NULL OR toString(c.closed_on) >= $closed_from)
      AND ($closed_to IS NULL OR toString(c.closed_on) <= $closed_to)
      AND ($judicial_from IS NULL OR any(d IN coalesce(c.judicial_action_dates, [])
           WHERE toString(d) >= $judicial_from AND ($judicial_to IS NULL OR toString(d) <= $judicial_to)))
      AND ($protectee_id IS NULL OR EXISTS {
        MATCH (c)-[:CONCERNS]->(p:Protectee {protectee_id: $protectee_id})
        WHERE all(x IN coalesce(p.compartments, []) WHERE x IN $compartments) })
  })
  AND (NOT $incident_filter OR EXISTS {
    MATCH (i:Incident)-[:INVOLVES]->(s)
    WHERE ($scope_branch IS NULL OR i.branch = $scope_branch)
      AND all(x IN coalesce(i.compartments, []) WHERE x IN $compartments)
      AND ($may_see_retired OR NOT coalesce(i.retired, false))
      AND ($may_see_protected OR size(coalesce(i.protected_classes, [])) = 0)
      AND ($incident_type IS NULL OR i.incident_type = $incident_type)
      AND ($activity_from IS NULL OR toString(i.occurred_at) >= $activity_from)
      AND ($activity_to IS NULL OR toString(i.occurred_at) <= $activity_to)
  })
WITH s, [n IN [[$first_key, s.first_key], [$last_key, s.last_key]] WHERE n[0] IS NOT NULL |
          1.0 - apoc.text.jaroWinklerDistance(coalesce(n[1], ''), n[0])] AS similarities
WITH s, CASE WHEN size(similarities) = 0 THEN 1.0
             ELSE reduce(t = 0.0, x IN similarities | t + x) / size(similarities) END AS score
ORDER BY score DESC, s.record_id
LIMIT $cap
WITH collect({s: s, score: score}) AS hits
WITH size(hits) AS total, hits[$offset..($offset + $limit)] AS page
UNWIND (CASE WHEN size(page) = 0 THEN [null] ELSE page END) AS h
WITH total, h, h.s AS s
RETURN total, collect(CASE WHEN s IS NULL THEN null ELSE {
    score: h.score,
    subject: s {.*,
      addresses: [(s)-[:HAS_ADDRESS]->(a) | a {.*}],
      phones: [(s)-[:HAS_PHONE]->(ph) | ph.e164],
      entity_id: head([(s)-[:MEMBER_OF]->(i) | i.entity_id])}
  } END) AS page
