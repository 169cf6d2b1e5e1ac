// The members of one identity the caller may read: a split names, leaves and lists only these,
// so a hidden member neither shows in its answer nor tells by an error that it exists.
MATCH (s:Subject)-[:MEMBER_OF]->(:Identity {entity_id: $entity_id})
WHERE all(c IN coalesce(s.compartments, []) WHERE c IN $compartments)
  AND ($may_see_protected OR (size(coalesce(s.protected_classes, [])) = 0
       AND NOT EXISTS { (s)-[:MEMBER_OF]->(pi:Identity) WHERE pi.protected }))
RETURN s.record_id AS record_id
