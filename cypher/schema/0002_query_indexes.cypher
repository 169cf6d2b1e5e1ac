// Indexes the resolver's on-arrival candidate lookup and the API's searches use.
// Identifier blocking on the Subject itself (one hop fewer than through Identifier nodes).
CREATE INDEX subject_fin IF NOT EXISTS FOR (n:Subject) ON (n.fin_norm);
CREATE INDEX subject_a_number IF NOT EXISTS FOR (n:Subject) ON (n.a_number_norm);
CREATE INDEX subject_ssn IF NOT EXISTS FOR (n:Subject) ON (n.ssn_norm);
// Name / DOB blocking keys.
CREATE INDEX subject_last_dob IF NOT EXISTS FOR (n:Subject) ON (n.last_key, n.dob_year);
CREATE INDEX subject_soundex_dob IF NOT EXISTS FOR (n:Subject) ON (n.name_soundex, n.dob_year);
CREATE INDEX subject_nysiis IF NOT EXISTS FOR (n:Subject) ON (n.name_nysiis);
CREATE INDEX subject_first_key IF NOT EXISTS FOR (n:Subject) ON (n.first_key);
CREATE INDEX subject_source IF NOT EXISTS FOR (n:Subject) ON (n.source);
CREATE INDEX subject_load_batch IF NOT EXISTS FOR (n:Subject) ON (n.load_batch);
// Physical descriptors for unknown-subject (suspects) searches.
CREATE INDEX subject_descriptors IF NOT EXISTS FOR (n:Subject) ON (n.gender, n.race);
CREATE INDEX subject_height IF NOT EXISTS FOR (n:Subject) ON (n.height_in);
// Case attributes analysts query by.
CREATE INDEX case_status IF NOT EXISTS FOR (n:Case) ON (n.status);
CREATE INDEX case_opened IF NOT EXISTS FOR (n:Case) ON (n.opened_on);
CREATE INDEX case_closed IF NOT EXISTS FOR (n:Case) ON (n.closed_on);
CREATE INDEX incident_type IF NOT EXISTS FOR (n:Incident) ON (n.incident_type);
CREATE INDEX incident_occurred IF NOT EXISTS FOR (n:Incident) ON (n.occurred_at);
CREATE INDEX incident_branch IF NOT EXISTS FOR (n:Incident) ON (n.branch);
CREATE INDEX encounter_fin IF NOT EXISTS FOR (n:Encounter) ON (n.fin);
CREATE INDEX identity_fraud IF NOT EXISTS FOR (n:Identity) ON (n.possible_identity_fraud);
// Full-text name search (fuzzy `~` and prefix queries) over raw and comparison forms: made by
// 0011 (updated after each commit). This file made it first, until a fresh store populated it
// twice (a bulk load of 1M subjects spent ~12 s on a population that 0011 then dropped); stores
// that ran the old line are migrated by 0011 all the same.
CREATE TEXT INDEX case_employees IF NOT EXISTS FOR (n:Case) ON (n.assigned_employees_text);
