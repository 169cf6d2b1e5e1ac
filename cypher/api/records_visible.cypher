// Which of these subject records the caller may read (a decision needs readable records).
UNWIND $ids AS id
MATCH (s:Subject {record_id: id})
WHERE all(c IN coalesce(s.compartments, []) WHERE c IN $compartments)
  AND ($may_see_protected OR (size(coalesce(s.protected_classes, [])) = 0
       AND NOT EXISTS { (s)-[:MEMBER_OF]->(pi:Identity) WHERE pi.protected }))
RETURN s.record_id AS record_id,
       head([(s)-[:MEMBER_OF]->(i:Identity) | i.entity_id]) AS entity_id
