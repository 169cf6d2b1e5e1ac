// Record ids of the members of the given identities.
UNWIND $entity_ids AS eid
MATCH (s:Subject)-[:MEMBER_OF]->(:Identity {entity_id: eid})
RETURN s.record_id AS record_id
