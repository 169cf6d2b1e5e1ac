// Unknown-subject cases: readable subject records ranked by how many described traits they
// share, best first, at most $records rows (the caller groups them into identities).
// Every criterion is soft (records are often incomplete: a missing height must not exclude),
// but a record must match at least $min_hits of the criteria given. Incidents, addresses and
// protectees count only when the caller may read them.
//
// Cost at a million subjects: the scan reads only a subject's own properties first; the
// incident and address lists are built only when the description asks about them
// ($incident_criteria, $place_asked) and only for records whose own traits plus every
// relational criterion could still reach $min_hits. Ranking keeps the top $records rows only.
MATCH (s:Subject)
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
WITH s, traits,
  CASE WHEN $incident_criteria > 0 OR $place_asked THEN
    [(i:Incident)-[:INVOLVES]->(s)
      WHERE all(x IN coalesce(i.compartments, []) WHERE x IN $compartments)
        AND ($may_see_retired OR NOT coalesce(i.retired, false))
        AND ($from IS NULL OR toString(i.occurred_at) >= $from)
        AND ($to IS NULL OR toString(i.occurred_at) <= $to) | i]
  ELSE [] END AS incidents,
  CASE WHEN $place_asked THEN [(s)-[:HAS_ADDRESS]->(a) | a] ELSE [] END AS addresses
// Weights: direct links to the protectee or to incidents of the asked types say most; physical
// traits are weak each (common values) but add up; place narrows the field.
WITH s, traits + [r IN [
  [$protectee_id IS NOT NULL AND any(i IN incidents WHERE EXISTS {
     MATCH (i)-[:AFFECTED]->(p:Protectee {protectee_id: $protectee_id})
     WHERE all(x IN coalesce(p.compartments, []) WHERE x IN $compartments) }),
   0.3, 'involved in an incident affecting the protectee'],
  [size($incident_types) > 0 AND any(i IN incidents WHERE i.incident_type IN $incident_types),
   0.2, 'involved in an incident of an asked type'],
  [$branch IS NOT NULL AND any(i IN incidents WHERE i.branch = $branch),
   0.15, 'involved in an incident at the branch'],
  [$place_asked AND (any(a IN addresses WHERE
     ($city IS NULL OR toLower(a.city) = toLower($city)) AND ($state IS NULL OR a.state = $state))
     OR any(i IN incidents WHERE ($city IS NULL OR toLower(i.city) = toLower($city))
       AND ($state IS NULL OR i.state = $state))), 0.15, 'place matches']
] WHERE r[0]] AS hits
WHERE size(hits) >= $min_hits
WITH s, reduce(t = 0.0, h IN hits | t + h[1]) AS total, [h IN hits | h[2]] AS reasons
WITH s, CASE WHEN total > 1.0 THEN 1.0 ELSE total END AS score, reasons
ORDER BY score DESC, s.record_id
LIMIT $records
OPTIONAL MATCH (s)-[:MEMBER_OF]->(i:Identity)
RETURN i.entity_id AS entity_id, s.record_id AS record_id, score, reasons
ORDER BY score DESC, record_id
