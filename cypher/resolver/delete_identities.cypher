// Identities that no longer hold any record (merged away or split) are removed.
UNWIND $entity_ids AS eid
MATCH (i:Identity {entity_id: eid})
DETACH DELETE i
RETURN count(*) AS deleted
