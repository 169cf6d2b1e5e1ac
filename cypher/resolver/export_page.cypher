// One page of the entity export: every Subject with its identity (null when unresolved).
MATCH (s:Subject) WHERE s.record_id > $after
WITH s ORDER BY s.record_id LIMIT $limit
OPTIONAL MATCH (s)-[:MEMBER_OF]->(i:Identity)
RETURN s.record_id AS record_id, s.source AS source, i.entity_id AS entity_id
