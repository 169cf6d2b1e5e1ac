// Retire a case and the incidents only it includes (they stay, hidden from all but supervisors).
MATCH (c:Case {case_id: $case_id})
WHERE all(x IN coalesce(c.compartments, []) WHERE x IN $compartments)
SET c.status = 'RETIRED', c.retired = true, c.retired_by = $by, c.retired_at = datetime()
WITH c
OPTIONAL MATCH (c)-[:INCLUDES]->(i:Incident)
WHERE NOT EXISTS { MATCH (o:Case)-[:INCLUDES]->(i) WHERE o <> c AND NOT coalesce(o.retired, false) }
SET i.retired = true
RETURN c.case_id AS case_id, [x IN collect(i.incident_id) WHERE x IS NOT NULL] AS incidents
