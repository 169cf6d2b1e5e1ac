// Judgements (all, superseded too: the history) naming any of the given records.
UNWIND $record_ids AS rid
MATCH (:Subject {record_id: rid})<-[:NAMES]-(j:Judgement)
WITH DISTINCT j
RETURN j.judgement_id AS judgement_id, j.kind AS kind, j.left AS left, j.right AS right,
       j.by AS by, toString(j.at) AS at, j.why AS why, j.superseded_by AS superseded_by
ORDER BY j.at
