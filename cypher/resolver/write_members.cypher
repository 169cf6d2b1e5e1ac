// Batch (re)link of Subjects that join an Identity (new records, moved records): the old MEMBER_OF
// goes, the new one carries why. Records staying in their Identity go through keep_members.
UNWIND $rows AS row
MATCH (s:Subject {record_id: row.record_id})
MATCH (i:Identity {entity_id: row.entity_id})
OPTIONAL MATCH (s)-[old:MEMBER_OF]->()
DELETE old
WITH DISTINCT s, i, row
CREATE (s)-[:MEMBER_OF {score: row.score, rule: row.rule, reasons: row.reasons,
                         partner: row.partner}]->(i)
RETURN count(*) AS written
