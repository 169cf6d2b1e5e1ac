// Record a human decision; an earlier one on the same pair (same key) is superseded, not deleted.
OPTIONAL MATCH (old:Judgement {pair_key: $pair_key}) WHERE old.superseded_by IS NULL
SET old.superseded_by = $judgement_id
WITH collect(old.judgement_id) AS superseded
CREATE (j:Judgement {judgement_id: $judgement_id, kind: $kind, left: $left, right: $right,
                     pair_key: $pair_key, by: $by, why: $why, at: datetime()})
// linked to each record it names: a region read finds its judgements from its Subjects
WITH j, superseded
CALL (j) {
  UNWIND j.left + j.right AS rid
  MATCH (s:Subject {record_id: rid})
  CREATE (j)-[:NAMES]->(s)
}
RETURN j.judgement_id AS judgement_id, superseded
