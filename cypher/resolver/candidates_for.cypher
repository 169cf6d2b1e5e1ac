// Candidate Subjects for a described person (matchPerson): the on-arrival keys, given as
// values instead of read from a stored Subject. Each branch is capped like candidates.cypher.
CALL () {
  MATCH (c:Subject) WHERE $fin IS NOT NULL AND c.fin_norm = $fin
  RETURN c LIMIT $cap
  UNION
  MATCH (c:Subject) WHERE $a_number IS NOT NULL AND c.a_number_norm = $a_number
  RETURN c LIMIT $cap
  UNION
  MATCH (c:Subject) WHERE $ssn IS NOT NULL AND c.ssn_norm = $ssn AND c.ssn_valid
  RETURN c LIMIT $cap
  UNION
  UNWIND $phones AS e164
  MATCH (:Phone {e164: e164})<-[:HAS_PHONE]-(c:Subject)
  RETURN c LIMIT $cap
  UNION
  MATCH (c:Subject) WHERE $last_key IS NOT NULL AND c.last_key = $last_key AND c.dob_year = $dob_year
  RETURN c LIMIT $cap
  UNION
  MATCH (c:Subject) WHERE $soundex IS NOT NULL AND c.name_soundex = $soundex AND c.dob_year = $dob_year
  RETURN c LIMIT $cap
  UNION
  MATCH (c:Subject) WHERE $first_key IS NOT NULL AND c.first_key = $first_key AND c.dob_year = $dob_year
  RETURN c LIMIT $cap
  UNION
  // no birth year given: surname alone, still capped
  MATCH (c:Subject) WHERE $dob_year IS NULL AND $last_key IS NOT NULL AND c.last_key = $last_key
  RETURN c LIMIT $cap
}
WITH DISTINCT c
OPTIONAL MATCH (c)-[:MEMBER_OF]->(i:Identity)
RETURN c.record_id AS record_id, c.source AS source, c.first_name AS first_name,
       c.middle_name AS middle_name, c.last_name AS last_name, c.name_suffix AS name_suffix,
       c.aliases AS aliases, c.dob AS dob, c.gender AS gender, c.ssn AS ssn,
       c.a_number AS a_number, c.fin AS fin, c.partner_id AS partner_id, c.passport AS passport,
       c.country_of_birth AS country_of_birth, c.citizenship AS citizenship,
       c.race AS race, c.eye_color AS eye_color, c.height_in AS height_in,
       c.weight_lb AS weight_lb,
       c.observed_at AS observed_at, c.phones_e164 AS phones,
       c.compartments AS compartments, c.protected_classes AS protected_classes,
       [(c)-[:HAS_ADDRESS]->(a:Address) | a {.street, .city, .state, .postal_code, .country}] AS addresses,
       i.entity_id AS entity_id
