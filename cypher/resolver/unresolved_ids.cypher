// Subjects without an identity (loaded with --no-resolve, or before the resolver existed).
MATCH (s:Subject) WHERE NOT (s)-[:MEMBER_OF]->(:Identity)
RETURN s.record_id AS record_id
