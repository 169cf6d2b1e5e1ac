// Batch refresh of MEMBER_OF links whose record stays in the same Identity: the link is kept and
// only its evidence is set (about half the cost of write_members' delete and create, measured on
// the 1M bench store: 20-23 against 44-54 us a row). Any other MEMBER_OF the record holds goes,
// and the link is created if missing, so a row read stale still ends as written.
UNWIND $rows AS row
MATCH (s:Subject {record_id: row.record_id})
MATCH (i:Identity {entity_id: row.entity_id})
OPTIONAL MATCH (s)-[old:MEMBER_OF]->(before) WHERE before <> i
DELETE old
WITH DISTINCT s, i, row
MERGE (s)-[m:MEMBER_OF]->(i)
SET m.score = row.score, m.rule = row.rule, m.reasons = row.reasons, m.partner = row.partner
RETURN count(*) AS written
