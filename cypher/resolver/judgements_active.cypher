// Judgements still in force (not superseded), oldest first.
MATCH (j:Judgement) WHERE j.superseded_by IS NULL
RETURN j.judgement_id AS judgement_id, j.kind AS kind, j.left AS left, j.right AS right,
       j.by AS by, toString(j.at) AS at, j.why AS why
ORDER BY j.at, j.judgement_id
