// suspects finds the records that meet every criterion of a description from its most
// selective criteria (cypher/api/suspects.cypher, $strict): the place by state needs these.
CREATE INDEX address_state IF NOT EXISTS FOR (n:Address) ON (n.state);
CREATE INDEX incident_state IF NOT EXISTS FOR (n:Incident) ON (n.state);
