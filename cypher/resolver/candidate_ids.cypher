// On-arrival candidate lookup for Subjects: the batch's strongest blocking keys, each served
// by an index (cypher/schema/0002 and 0005). Each branch is capped: a value shared by more than
// $cap records (a shelter's phone, a placeholder name) is not discriminating, and the other
// keys still find the true matches (the same reasoning as the batch's block cap).
UNWIND $record_ids AS rid
MATCH (s:Subject {record_id: rid})
CALL (s) {
  MATCH (c:Subject) WHERE s.fin_norm IS NOT NULL AND c.fin_norm = s.fin_norm
  RETURN c LIMIT $cap
  UNION
  MATCH (c:Subject) WHERE s.a_number_norm IS NOT NULL AND c.a_number_norm = s.a_number_norm
  RETURN c LIMIT $cap
  UNION
  MATCH (c:Subject) WHERE s.ssn_valid AND c.ssn_norm = s.ssn_norm AND c.ssn_valid
  RETURN c LIMIT $cap
  UNION
  MATCH (s)-[:HAS_PHONE]->(:Phone)<-[:HAS_PHONE]-(c:Subject)
  RETURN c LIMIT $cap
  UNION
  MATCH (s)-[:HAS_ADDRESS]->(:Address)<-[:HAS_ADDRESS]-(c:Subject)
  RETURN c LIMIT $cap
  UNION
  // Name keys also agree on the month when both have one (or on a swapped day/month): a
  // common name in a birth year is dozens of records at a million, the cap must not cut the
  // true match out at random.
  MATCH (c:Subject) WHERE s.last_key IS NOT NULL AND c.last_key = s.last_key AND c.dob_year = s.dob_year
    AND (c.dob_month IS NULL OR s.dob_month IS NULL OR c.dob_month IN [s.dob_month, s.dob_day])
  RETURN c LIMIT $cap
  UNION
  MATCH (c:Subject) WHERE s.name_soundex IS NOT NULL AND c.name_soundex = s.name_soundex AND c.dob_year = s.dob_year
    AND (c.dob_month IS NULL OR s.dob_month IS NULL OR c.dob_month IN [s.dob_month, s.dob_day])
    AND c.first_key STARTS WITH left(s.first_key, 1)
  RETURN c LIMIT $cap
  UNION
  MATCH (c:Subject) WHERE s.first_key IS NOT NULL AND c.first_key = s.first_key AND c.dob_year = s.dob_year
    AND (c.dob_month IS NULL OR s.dob_month IS NULL OR c.dob_month IN [s.dob_month, s.dob_day])
  RETURN c LIMIT $cap
  UNION
  // names written family-name first: the arriving first name as a surname
  MATCH (c:Subject) WHERE s.first_key IS NOT NULL AND c.last_key = s.first_key AND c.dob_year = s.dob_year
  RETURN c LIMIT $cap
}
WITH DISTINCT c WHERE NOT c.record_id IN $record_ids
RETURN c.record_id AS record_id
