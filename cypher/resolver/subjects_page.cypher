// One page of Subjects in record_id order (the unique index serves the range and the order),
// with only what the resolver compares, plus their current identity. The page is one row
// holding a list per Subject, in the order of resolver.graph_io.PAGE_FIELDS: the driver spends
// ~20 us of Python on each row it receives, which a row per Subject paid a million times.
MATCH (s:Subject) WHERE s.record_id > $after
WITH s ORDER BY s.record_id LIMIT $limit
OPTIONAL MATCH (s)-[m:MEMBER_OF]->(i:Identity)
RETURN collect([s.record_id, s.source, s.first_name, s.middle_name, s.last_name, s.name_suffix,
       s.aliases, s.dob, s.gender, s.ssn, s.a_number, s.fin, s.partner_id, s.passport,
       s.country_of_birth, s.citizenship, s.race, s.eye_color, s.height_in, s.weight_lb,
       s.observed_at, s.phones_e164, s.compartments, s.protected_classes,
       [(s)-[:HAS_ADDRESS]->(a:Address) | a {.street, .city, .state, .postal_code, .country}],
       i.entity_id]) AS subjects
