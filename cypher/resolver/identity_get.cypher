// One identity with its members and how each joined.
MATCH (i:Identity {entity_id: $entity_id})
OPTIONAL MATCH (s:Subject)-[m:MEMBER_OF]->(i)
RETURN i {.*, resolved_at: toString(i.resolved_at)} AS identity,
       collect({record_id: s.record_id, rule: m.rule, score: m.score, reasons: m.reasons}) AS members
