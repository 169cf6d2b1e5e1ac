// Each Judgement linked to the Subjects it names (`left`, `right`), as judgement_create now does:
// a region's judgements are then found from its Subjects, not by a scan of every judgement (10k
// judgements added 24 ms to each arrival's read at 1M). Idempotent (MERGE).
MATCH (j:Judgement)
UNWIND j.left + coalesce(j.right, []) AS rid
MATCH (s:Subject {record_id: rid})
MERGE (j)-[:NAMES]->(s);
