// Unknown-subject cases: readable subject records ranked by how many described traits they
// share, best first, at most $records rows (the caller groups them into identities).
// Every criterion is soft (records are often incomplete: a missing height must not exclude),
// but a record must match at least $min_hits of the criteria given. Incidents, addresses and
// protectees count only when the caller may read them.
//
// Cost at a million subjects: the scan reads only a subject's own properties first; incidents
// and addresses are looked at only when the description asks about them, and only for records
// whose own traits plus every relational criterion asked could still reach $min_hits. Ranking
// keeps the top $records rows only.
// $strict (with $min_hits = every criterion given): only the records that meet them all, which
// share the top score. They are found through one index instead of a scan ($tier_by, chosen by
// api/schema/investigate.py as the narrowest criterion given): the protectee's incidents,
// incidents at the branch or of the asked types, addresses and incidents in the state, the
// height range, or gender and race together. Only the chosen branch runs. That module also
// says when this tier is the whole answer.
CALL () {
  WITH $strict AS strict WHERE NOT strict
  MATCH (s:Subject)
  RETURN s
  UNION ALL
  CALL () {
    WITH $tier_by AS by WHERE $strict AND by = 'protectee'
    MATCH (:Protectee {protectee_id: $protectee_id})<-[:AFFECTED]-(:Incident)-[:INVOLVES]->(s:Subject)
    RETURN s
    UNION
    WITH $tier_by AS by WHERE $strict AND by = 'branch'
    MATCH (:Incident {branch: $branch})-[:INVOLVES]->(s:Subject)
    RETURN s
    UNION
    WITH $tier_by AS by WHERE $strict AND by = 'incident_types'
    MATCH (i:Incident)-[:INVOLVES]->(s:Subject) WHERE i.incident_type IN $incident_types
    RETURN s
    UNION
    WITH $tier_by AS by WHERE $strict AND by = 'state'
    MATCH (:Address {state: $state})<-[:HAS_ADDRESS]-(s:Subject)
    RETURN s
    UNION
    WITH $tier_by AS by WHERE $strict AND by = 'state'
    MATCH (:Incident {state: $state})-[:INVOLVES]->(s:Subject)
    RETURN s
    UNION
    WITH $tier_by AS by WHERE $strict AND by = 'height'
    MATCH (s:Subject) WHERE s.height_in >= $height_min AND s.height_in <= $height_max
    RETURN s
    UNION
    WITH $tier_by AS by WHERE $strict AND by = 'gender_race'
    MATCH (s:Subject) WHERE s.gender = $gender AND s.race = $race
    RETURN s
  }
  RETURN s
}
WITH s
WHERE all(c IN coalesce(s.compartments, []) WHERE c IN $compartments)
  AND ($may_see_protected OR size(coalesce(s.protected_classes, [])) = 0)
  AND ($gender IS NULL OR s.gender IS NULL OR s.gender = $gender)
WITH s, [t IN [
  [$gender IS NOT NULL AND s.gender = $gender, 0.1, 'gender matches'],
  [$race IS NOT NULL AND s.race = $race, 0.1, 'race matches'],
  [$hair IS NOT NULL AND s.hair_color = $hair, 0.1, 'hair colour matches'],
  [$eye IS NOT NULL AND s.eye_color = $eye, 0.1, 'eye colour matches'],
  [$height_min IS NOT NULL AND s.height_in >= $height_min AND s.height_in <= $height_max,
   0.1, 'height within range'],
  [$weight_min IS NOT NULL AND s.weight_lb >= $weight_min AND s.weight_lb <= $weight_max,
   0.1, 'weight within range'],
  [$age_min IS NOT NULL AND s.dob_year IS NOT NULL
     AND $year - s.dob_year >= $age_min AND $year - s.dob_year <= $age_max,
   0.1, 'age within range']
] WHERE t[0]] AS traits
WHERE size(traits) + $incident_criteria + CASE WHEN $place_asked THEN 1 ELSE 0 END >= $min_hits
  AND ($may_see_protected
       OR NOT EXISTS { (s)-[:MEMBER_OF]->(pi:Identity) WHERE pi.protected })
// Weights: direct links to the protectee or to incidents of the asked types say most; physical
// traits are weak each (common values) but add up; place narrows the field. Each relational
// criterion is an existence test (it stops at the first readable incident or address that
// fits), evaluated only when asked (CASE is lazy).
WITH s, traits + [r IN [
  [CASE WHEN $protectee_id IS NULL THEN false ELSE EXISTS {
     MATCH (i:Incident)-[:INVOLVES]->(s), (i)-[:AFFECTED]->(p:Protectee {protectee_id: $protectee_id})
     WHERE all(x IN coalesce(i.compartments, []) WHERE x IN $compartments)
       AND ($may_see_retired OR NOT coalesce(i.retired, false))
       AND ($may_see_protected OR size(coalesce(i.protected_classes, [])) = 0)
       AND ($from IS NULL OR toString(i.occurred_at) >= $from)
       AND ($to IS NULL OR toString(i.occurred_at) <= $to)
       AND all(x IN coalesce(p.compartments, []) WHERE x IN $compartments) } END,
   0.3, 'involved in an incident affecting the protectee'],
  [CASE WHEN size($incident_types) = 0 THEN false ELSE EXISTS {
     MATCH (i:Incident)-[:INVOLVES]->(s)
     WHERE i.incident_type IN $incident_types
       AND all(x IN coalesce(i.compartments, []) WHERE x IN $compartments)
       AND ($may_see_retired OR NOT coalesce(i.retired, false))
       AND ($may_see_protected OR size(coalesce(i.protected_classes, [])) = 0)
       AND ($from IS NULL OR toString(i.occurred_at) >= $from)
       AND ($to IS NULL OR toString(i.occurred_at) <= $to) } END,
   0.2, 'involved in an incident of an asked type'],
  [CASE WHEN $branch IS NULL THEN false ELSE EXISTS {
     MATCH (i:Incident)-[:INVOLVES]->(s)
     WHERE i.branch = $branch
       AND all(x IN coalesce(i.compartments, []) WHERE x IN $compartments)
       AND ($may_see_retired OR NOT coalesce(i.retired, false))
       AND ($may_see_protected OR size(coalesce(i.protected_classes, [])) = 0)
       AND ($from IS NULL OR toString(i.occurred_at) >= $from)
       AND ($to IS NULL OR toString(i.occurred_at) <= $to) } END,
   0.15, 'involved in an incident at the branch'],
  [CASE WHEN NOT $place_asked THEN false
     WHEN EXISTS { MATCH (s)-[:HAS_ADDRESS]->(a)
       WHERE ($city IS NULL OR toLower(a.city) = toLower($city))
         AND ($state IS NULL OR a.state = $state) } THEN true
     ELSE EXISTS {
       MATCH (i:Incident)-[:INVOLVES]->(s)
       WHERE ($city IS NULL OR toLower(i.city) = toLower($city))
         AND ($state IS NULL OR i.state = $state)
         AND all(x IN coalesce(i.compartments, []) WHERE x IN $compartments)
         AND ($may_see_retired OR NOT coalesce(i.retired, false))
         AND ($may_see_protected OR size(coalesce(i.protected_classes, [])) = 0)
         AND ($from IS NULL OR toString(i.occurred_at) >= $from)
         AND ($to IS NULL OR toString(i.occurred_at) <= $to) } END,
   0.15, 'place matches']
] WHERE r[0]] AS hits
WHERE size(hits) >= $min_hits
WITH s, reduce(t = 0.0, h IN hits | t + h[1]) AS total, [h IN hits | h[2]] AS reasons
WITH s, CASE WHEN total > 1.0 THEN 1.0 ELSE total END AS score, reasons
ORDER BY score DESC, s.record_id
LIMIT $records
OPTIONAL MATCH (s)-[:MEMBER_OF]->(i:Identity)
RETURN i.entity_id AS entity_id, s.record_id AS record_id, score, reasons
ORDER BY score DESC, record_id
