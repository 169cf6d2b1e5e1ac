// Everything a local re-resolution reads, in one round trip: the given Subjects, up to $cap
// candidates of each per lookup key ($cap 0: none), and every member of the identities any of
// them is in; each with the fields of subjects_page and its identity's creation time, the
// judgements in force (oldest first) that name any record of the region, and when the stored
// model was trained.
// The lookups are the batch's strongest blocking keys, each served by an index (cypher/schema
// 0002, 0005 and 0007). Each is capped: a value shared by more than $cap records (a shelter's
// phone, a placeholder name) does not discriminate, and the other keys still find the true
// matches.
UNWIND $record_ids AS rid
MATCH (s:Subject {record_id: rid})
CALL (s) {
  RETURN s AS c
  UNION
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
  // Name keys also agree on the month when both have one (or on a swapped day/month), and the
  // surname, first-name and family-name-first keys on the day too: a common name in a birth
  // year is dozens of records at a million, the cap must not cut the true match out at random.
  // (The day filter left 15.2 candidates a lookup of 24.6 and found more true matches, 93.6%
  // against 92.7% of 3,636 on 2,000 stored records at 1M; on the Soundex key it lost some,
  // since that key is the one that finds a name with a mistyped day.)
  MATCH (c:Subject) WHERE s.last_key IS NOT NULL AND c.last_key = s.last_key AND c.dob_year = s.dob_year
    AND (c.dob_month IS NULL OR s.dob_month IS NULL OR c.dob_month IN [s.dob_month, s.dob_day])
    AND (c.dob_day IS NULL OR s.dob_day IS NULL OR [c.dob_month, c.dob_day] IN [[s.dob_month, s.dob_day], [s.dob_day, s.dob_month]])
  RETURN c LIMIT $cap
  UNION
  MATCH (c:Subject) WHERE s.name_soundex IS NOT NULL AND c.name_soundex = s.name_soundex AND c.dob_year = s.dob_year
    AND (c.dob_month IS NULL OR s.dob_month IS NULL OR c.dob_month IN [s.dob_month, s.dob_day])
    AND c.first_key STARTS WITH left(s.first_key, 1)
  RETURN c LIMIT $cap
  UNION
  MATCH (c:Subject) WHERE s.first_key IS NOT NULL AND c.first_key = s.first_key AND c.dob_year = s.dob_year
    AND (c.dob_month IS NULL OR s.dob_month IS NULL OR c.dob_month IN [s.dob_month, s.dob_day])
    AND (c.dob_day IS NULL OR s.dob_day IS NULL OR [c.dob_month, c.dob_day] IN [[s.dob_month, s.dob_day], [s.dob_day, s.dob_month]])
  RETURN c LIMIT $cap
  UNION
  // The same full name and date: in a common name's year and month the cap above keeps an
  // arbitrary 16 (Mary Johnson born 1953 is 429 records at a million), which can leave out an
  // exact duplicate; this block is a handful (the name-check index, 0007).
  MATCH (c:Subject) WHERE s.dob IS NOT NULL AND c.last_key = s.last_key
    AND c.first_key = s.first_key AND c.dob = s.dob
  RETURN c LIMIT $cap
  UNION
  // names written family-name first: the arriving first name as a surname
  MATCH (c:Subject) WHERE s.first_key IS NOT NULL AND c.last_key = s.first_key AND c.dob_year = s.dob_year
    AND (c.dob_month IS NULL OR s.dob_month IS NULL OR c.dob_month IN [s.dob_month, s.dob_day])
    AND (c.dob_day IS NULL OR s.dob_day IS NULL OR [c.dob_month, c.dob_day] IN [[s.dob_month, s.dob_day], [s.dob_day, s.dob_month]])
  RETURN c LIMIT $cap
  UNION
  // A record without a date of birth may give only a name and a home. The household rule
  // (resolver/households.py) then looks for a namesake sharing a home with the people it may
  // join: read them, through homes of at most $household_cap residents, so the rule
  // sees on arrival what it sees in batch ($household_cap: HOUSEHOLD_ITEM_CAP).
  MATCH (s)-[:HAS_PHONE|HAS_ADDRESS]->(near)
  WHERE s.dob_year IS NULL AND COUNT { (near)<--() } <= $household_cap
  MATCH (near)<-[:HAS_PHONE|HAS_ADDRESS]-(:Subject)-[:HAS_PHONE|HAS_ADDRESS]->(home)
  WHERE COUNT { (home)<--() } <= $household_cap
  MATCH (home)<-[:HAS_PHONE|HAS_ADDRESS]-(c:Subject) WHERE c.name_soundex = s.name_soundex
  RETURN c LIMIT $cap
}
WITH DISTINCT c
OPTIONAL MATCH (c)-[:MEMBER_OF]->(:Identity)<-[:MEMBER_OF]-(fellow:Subject)
WITH collect(DISTINCT c) + collect(DISTINCT fellow) AS found
UNWIND found AS s
WITH DISTINCT s
WITH collect(s) AS region
CALL (region) {
  UNWIND region AS s
  MATCH (s)<-[:NAMES]-(j:Judgement) WHERE j.superseded_by IS NULL
  WITH DISTINCT j ORDER BY j.at, j.judgement_id
  RETURN collect(j {.kind, .left, .right}) AS judgements
}
// the stored model's training time: the caller's parsed copy is current when it matches
OPTIONAL MATCH (m:ResolverModel {name: 'current'})
WITH region, judgements, toString(m.trained_at) AS model_trained_at
UNWIND region AS s
OPTIONAL MATCH (s)-[:MEMBER_OF]->(i:Identity)
// one row, a list per Subject in the order of resolver.graph_io.REGION_FIELDS (the driver spends
// ~20 us of Python on each row it receives: 1 ms of a region's 6 ms read, measured at 1M)
WITH judgements, model_trained_at,
     collect([s.record_id, s.source, s.first_name, s.middle_name, s.last_name, s.name_suffix,
       s.aliases, s.dob, s.gender, s.ssn, s.a_number, s.fin, s.partner_id, s.passport,
       s.country_of_birth, s.citizenship, s.race, s.eye_color, s.height_in, s.weight_lb,
       s.observed_at, s.phones_e164, s.compartments, s.protected_classes,
       [(s)-[:HAS_ADDRESS]->(a:Address) | a {.street, .city, .state, .postal_code, .country}],
       i.entity_id, i.created]) AS subjects
RETURN subjects, judgements, model_trained_at
