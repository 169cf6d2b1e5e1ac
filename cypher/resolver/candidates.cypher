// On-arrival candidate lookup for one Subject: the batch's strongest blocking keys, each served
// by an index (cypher/schema/0002 and 0005). Each branch is capped: a value shared by more than
// $cap records (a shelter's phone, a placeholder name) is not discriminating, and the other
// keys still find the true matches (the same reasoning as the batch's block cap).
MATCH (s:Subject {record_id: $record_id})
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
  MATCH (c:Subject) WHERE s.last_key IS NOT NULL AND c.last_key = s.last_key AND c.dob_year = s.dob_year
  RETURN c LIMIT $cap
  UNION
  MATCH (c:Subject) WHERE s.name_soundex IS NOT NULL AND c.name_soundex = s.name_soundex AND c.dob_year = s.dob_year
  RETURN c LIMIT $cap
  UNION
  MATCH (c:Subject) WHERE s.first_key IS NOT NULL AND c.first_key = s.first_key AND c.dob_year = s.dob_year
  RETURN c LIMIT $cap
  UNION
  // names written family-name first: the arriving first name as a surname
  MATCH (c:Subject) WHERE s.first_key IS NOT NULL AND c.last_key = s.first_key AND c.dob_year = s.dob_year
  RETURN c LIMIT $cap
}
WITH DISTINCT s, c WHERE c <> s
OPTIONAL MATCH (c)-[:MEMBER_OF]->(i:Identity)
RETURN c.record_id AS record_id, c.source AS source, c.first_name AS first_name,
       c.middle_name AS middle_name, c.last_name AS last_name, c.name_suffix AS name_suffix,
       c.aliases AS aliases, c.dob AS dob, c.gender AS gender, c.ssn AS ssn,
       c.a_number AS a_number, c.fin AS fin, c.partner_id AS partner_id, c.passport AS passport,
       c.country_of_birth AS country_of_birth, c.citizenship AS citizenship,
       c.observed_at AS observed_at, c.phones_e164 AS phones,
       c.compartments AS compartments, c.protected_classes AS protected_classes,
       [(c)-[:HAS_ADDRESS]->(a:Address) | a {.street, .city, .state, .postal_code, .country}] AS addresses,
       i.entity_id AS entity_id,
       i {.fins, .a_numbers, .ssns, .suffixes, .year_min, .year_max, .size, .compartments,
          .protected, .possible_identity_fraud, .created, .evidence} AS facts
