// Identities flagged as a possible identity fraud (one body, several biographic identities).
MATCH (i:Identity {possible_identity_fraud: true})
RETURN i.entity_id AS entity_id
