// Purge a case and everything only it references: incidents no other case includes, subjects
// no other case, incident, encounter or partner request refers to, their addresses, phones and
// identifiers no remaining subject uses, and the judgements about those subjects. Returns the
// identities that lost members so they can be recomputed.
MATCH (c:Case {case_id: $case_id})
WHERE all(x IN coalesce(c.compartments, []) WHERE x IN $compartments)
OPTIONAL MATCH (c)-[:INCLUDES]->(i:Incident)
WHERE NOT EXISTS { MATCH (o:Case)-[:INCLUDES]->(i) WHERE o <> c }
WITH c, collect(DISTINCT i) AS incidents
WITH c, incidents,
  [(c)-[:INVOLVES]->(s:Subject) | s]
  + reduce(acc = [], x IN incidents | acc + [(x)-[:INVOLVES]->(s:Subject) | s]) AS candidates
UNWIND (CASE WHEN size(candidates) = 0 THEN [null] ELSE candidates END) AS s
WITH c, incidents, s
WHERE s IS NULL OR NOT EXISTS {
  MATCH (s)<-[:INVOLVES|OF_SUBJECT|ABOUT]-(o) WHERE o <> c AND NOT o IN incidents }
WITH c, incidents, [x IN collect(DISTINCT s) WHERE x IS NOT NULL] AS subjects
WITH c, incidents, subjects,
  [x IN reduce(acc = [], s IN subjects | acc + [(s)-[:HAS_ADDRESS|HAS_PHONE|HAS_IDENTIFIER]->(a) | a])
   WHERE NOT EXISTS { MATCH (x)<-[:HAS_ADDRESS|HAS_PHONE|HAS_IDENTIFIER]-(o:Subject)
                      WHERE NOT o IN subjects }] AS attrs,
  [s IN subjects | s.record_id] AS record_ids,
  reduce(acc = [], s IN subjects | acc + [(s)-[:MEMBER_OF]->(idn:Identity) | idn.entity_id])
    AS identities
CALL (subjects) {
  UNWIND subjects AS s
  MATCH (s)<-[:NAMES]-(j:Judgement)
  RETURN collect(DISTINCT j) AS judgements
}
WITH c, incidents, subjects, attrs, record_ids, identities, judgements,
  c.case_id AS case_id, [i IN incidents | i.incident_id] AS incident_ids
FOREACH (n IN incidents + subjects + judgements | DETACH DELETE n)
FOREACH (n IN attrs | DETACH DELETE n)
DETACH DELETE c
RETURN case_id, incident_ids, record_ids, identities
