// Those of the given identity ids that an Identity holds, with its creation time (a local
// re-resolution checks that the ids it mints are not held outside its region).
UNWIND $entity_ids AS eid
MATCH (i:Identity {entity_id: eid})
RETURN i.entity_id AS entity_id, i.created AS created
