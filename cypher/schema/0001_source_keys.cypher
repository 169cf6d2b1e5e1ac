// Uniqueness of every source key: loading is MERGE on these, so they are also the lookup indexes.
CREATE CONSTRAINT subject_record_id IF NOT EXISTS FOR (n:Subject) REQUIRE n.record_id IS UNIQUE;
CREATE CONSTRAINT identity_entity_id IF NOT EXISTS FOR (n:Identity) REQUIRE n.entity_id IS UNIQUE;
CREATE CONSTRAINT address_key IF NOT EXISTS FOR (n:Address) REQUIRE n.address_key IS UNIQUE;
CREATE CONSTRAINT phone_e164 IF NOT EXISTS FOR (n:Phone) REQUIRE n.e164 IS UNIQUE;
CREATE CONSTRAINT identifier_id_key IF NOT EXISTS FOR (n:Identifier) REQUIRE n.id_key IS UNIQUE;
CREATE CONSTRAINT protectee_id IF NOT EXISTS FOR (n:Protectee) REQUIRE n.protectee_id IS UNIQUE;
CREATE CONSTRAINT case_id IF NOT EXISTS FOR (n:Case) REQUIRE n.case_id IS UNIQUE;
CREATE CONSTRAINT incident_id IF NOT EXISTS FOR (n:Incident) REQUIRE n.incident_id IS UNIQUE;
CREATE CONSTRAINT encounter_id IF NOT EXISTS FOR (n:Encounter) REQUIRE n.encounter_id IS UNIQUE;
CREATE CONSTRAINT partner_request_id IF NOT EXISTS FOR (n:PartnerRequest) REQUIRE n.request_id IS UNIQUE;
CREATE CONSTRAINT partner_response_id IF NOT EXISTS FOR (n:PartnerResponse) REQUIRE n.response_id IS UNIQUE;
CREATE CONSTRAINT audit_event_seq IF NOT EXISTS FOR (n:AuditEvent) REQUIRE n.seq IS UNIQUE;
CREATE CONSTRAINT judgement_id IF NOT EXISTS FOR (n:Judgement) REQUIRE n.judgement_id IS UNIQUE;
CREATE CONSTRAINT schema_version IF NOT EXISTS FOR (n:SchemaVersion) REQUIRE n.version IS UNIQUE;
