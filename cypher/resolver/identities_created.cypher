// Creation time of given identities (for the oldest-survives rule on a local re-resolution).
UNWIND $entity_ids AS eid
MATCH (i:Identity {entity_id: eid})
RETURN i.entity_id AS entity_id, i.created AS created
