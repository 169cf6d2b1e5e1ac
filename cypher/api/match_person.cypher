// Candidate identities for a described person. Blocking: identifiers; the surname, or its NYSIIS
// code (spelling variants), within the birth year; the same full name whatever the birth year;
// the same first name and a surname that sounds alike where either side lacks a birth year. Each
// is an index lookup, and none returns every bearer of a common surname: the phonetic code alone
// matched 59k records at 1M subjects and made the query take seconds. Scoring is a table of
// features and weights over readable records only, so neither a score nor a reason can come
// from a hidden record.
CALL () {
  MATCH (s:Subject) WHERE s.ssn_norm = $ssn RETURN s
  UNION
  MATCH (s:Subject) WHERE s.fin_norm = $fin RETURN s
  UNION
  MATCH (s:Subject) WHERE s.a_number_norm = $a_number RETURN s
  UNION
  MATCH (s:Subject) WHERE s.last_key = $last_key AND s.dob_year = $dob_year RETURN s
  UNION
  MATCH (s:Subject) WHERE s.name_nysiis = $nysiis AND s.dob_year = $dob_year RETURN s
  UNION
  MATCH (s:Subject) WHERE s.first_key = $first_key AND s.last_key = $last_key RETURN s
  UNION
  MATCH (s:Subject) WHERE s.first_key = $first_key AND s.name_nysiis = $nysiis
    AND (s.dob_year IS NULL OR $dob_year IS NULL)
  RETURN s
}
WITH s
WHERE all(c IN coalesce(s.compartments, []) WHERE c IN $compartments)
  AND ($may_see_protected OR (size(coalesce(s.protected_classes, [])) = 0
       AND NOT EXISTS { (s)-[:MEMBER_OF]->(pi:Identity) WHERE pi.protected }))
// Weights: identifiers assigned by a system outweigh everything (FIN is the same body; A-Number
// is issued once; SSN is strong but misused); then exact DOB, surname, first name, phonetic
// surname (spelling variants), gender as a weak tie-breaker.
WITH s, [
  [$fin IS NOT NULL AND s.fin_norm = $fin, 0.6, 'same FIN'],
  [$a_number IS NOT NULL AND s.a_number_norm = $a_number, 0.5, 'same A-Number'],
  [$ssn IS NOT NULL AND s.ssn_norm = $ssn, 0.35, 'same SSN'],
  [$dob IS NOT NULL AND s.dob = $dob, 0.2, 'same date of birth'],
  [$dob IS NOT NULL AND s.dob <> $dob AND s.dob_year = $dob_year, 0.05, 'same birth year'],
  [$last_key IS NOT NULL AND s.last_key = $last_key, 0.15, 'same surname'],
  [$last_key IS NOT NULL AND s.last_key <> $last_key AND s.name_nysiis = $nysiis, 0.08,
   'surname sounds alike'],
  [$first_key IS NOT NULL AND s.first_key = $first_key, 0.1, 'same first name'],
  [$gender IS NOT NULL AND s.gender = $gender, 0.02, 'same gender']
] AS features
WITH s, [f IN features WHERE f[0] | f] AS hits
WITH s, reduce(t = 0.0, f IN hits | t + f[1]) AS score, [f IN hits | f[2]] AS reasons
OPTIONAL MATCH (s)-[:MEMBER_OF]->(i:Identity)
WITH coalesce(i.entity_id, s.record_id) AS key, i.entity_id AS entity_id,
     s.record_id AS record_id, score, reasons
ORDER BY score DESC
WITH key, head(collect({entity_id: entity_id, record_id: record_id, score: score,
                        reasons: reasons})) AS best
WHERE best.score >= $min_score
RETURN best.entity_id AS entity_id, best.record_id AS record_id,
       CASE WHEN best.score > 1.0 THEN 1.0 ELSE best.score END AS score, best.reasons AS reasons
ORDER BY score DESC, record_id
LIMIT $limit
