// The same fields as subjects_page, for given record ids, as a row each (a few at a time).
UNWIND $ids AS id
MATCH (s:Subject {record_id: id})
OPTIONAL MATCH (s)-[m:MEMBER_OF]->(i:Identity)
RETURN s.record_id AS record_id, s.source AS source, s.first_name AS first_name,
       s.middle_name AS middle_name, s.last_name AS last_name, s.name_suffix AS name_suffix,
       s.aliases AS aliases, s.dob AS dob, s.gender AS gender, s.ssn AS ssn,
       s.a_number AS a_number, s.fin AS fin, s.partner_id AS partner_id, s.passport AS passport,
       s.country_of_birth AS country_of_birth, s.citizenship AS citizenship,
       s.race AS race, s.eye_color AS eye_color, s.height_in AS height_in,
       s.weight_lb AS weight_lb,
       s.observed_at AS observed_at, s.phones_e164 AS phones,
       s.compartments AS compartments, s.protected_classes AS protected_classes,
       [(s)-[:HAS_ADDRESS]->(a:Address) | a {.street, .city, .state, .postal_code, .country}] AS addresses,
       i.entity_id AS entity_id
