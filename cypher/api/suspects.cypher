// Unknown-subject cases: readable people ranked by how many described traits they share.
// Every criterion is soft (records are often incomplete: a missing height must not exclude),
// but a person must match at least $min_hits of the criteria given. Incidents, addresses and
// protectees count only when the caller may read them.
MATCH (s:Subject)
WHERE all(c IN coalesce(s.compartments, []) WHERE c IN $compartments)
  AND ($may_see_protected OR (size(coalesce(s.protected_classes, [])) = 0
       AND NOT EXISTS { (s)-[:MEMBER_OF]->(pi:Identity) WHERE pi.protected }))
  AND ($gender IS NULL OR s.gender IS NULL OR s.gender = $gender)
WITH s,
  [(i:Incident)-[:INVOLVES]->(s)
    WHERE all(x IN coalesce(i.compartments, []) WHERE x IN $compartments)
      AND ($may_see_retired OR NOT coalesce(i.retired, false))
      AND ($from IS NULL OR toString(i.occurred_at) >= $from)
      AND ($to IS NULL OR toString(i.occurred_at) <= $to) | i] AS incidents,
  [(s)-[:HAS_ADDRESS]->(a) | a] AS addresses
// Weights: direct links to the protectee or to incidents of the asked types say most; physical
// traits are weak each (common values) but add up; place narrows the field.
WITH s, incidents, [
  [$protectee_id IS NOT NULL AND any(i IN incidents WHERE EXISTS {
     MATCH (i)-[:AFFECTED]->(p:Protectee {protectee_id: $protectee_id})
     WHERE all(x IN coalesce(p.compartments, []) WHERE x IN $compartments) }),
   0.3, 'involved in an incident affecting the protectee'],
  [size($incident_types) > 0 AND any(i IN incidents WHERE i.incident_type IN $incident_types),
   0.2, 'involved in an incident of an asked type'],
  [$branch IS NOT NULL AND any(i IN incidents WHERE i.branch = $branch),
   0.15, 'involved in an incident at the branch'],
  [($city IS NOT NULL OR $state IS NOT NULL) AND (any(a IN addresses WHERE
     ($city IS NULL OR toLower(a.city) = toLower($city)) AND ($state IS NULL OR a.state = $state))
     OR any(i IN incidents WHERE ($city IS NULL OR toLower(i.city) = toLower($city))
       AND ($state IS NULL OR i.state = $state))), 0.15, 'place matches'],
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
] AS features
WITH s, [f IN features WHERE f[0] | f] AS hits
WHERE size(hits) >= $min_hits
WITH s, reduce(t = 0.0, f IN hits | t + f[1]) AS score, [f IN hits | f[2]] AS reasons
OPTIONAL MATCH (s)-[:MEMBER_OF]->(i:Identity)
WITH coalesce(i.entity_id, s.record_id) AS key, i.entity_id AS entity_id,
     s.record_id AS record_id, score, reasons
ORDER BY score DESC, record_id
WITH key, head(collect({entity_id: entity_id, record_id: record_id, score: score,
                        reasons: reasons})) AS best
RETURN best.entity_id AS entity_id, best.record_id AS record_id,
       CASE WHEN best.score > 1.0 THEN 1.0 ELSE best.score END AS score, best.reasons AS reasons
ORDER BY score DESC, record_id
LIMIT $limit
