// ALIS / eCheck name check: is there an open case, is the person of interest? Two booleans only.
// Candidates: full name + DOB, or SSN with surname or DOB (SSNs are misused: never alone); each
// branch is an index lookup. Every node read passes the caller's access filter, and the answer
// is aggregated to booleans, so no count or detail leaves this statement.
CALL () {
  MATCH (s:Subject)
  WHERE s.last_key = $last_key AND s.first_key = $first_key AND s.dob = $dob
  RETURN s
  UNION
  MATCH (s:Subject)
  WHERE s.ssn_norm = $ssn AND (s.last_key = $last_key OR s.dob = $dob)
  RETURN s
}
WITH s
WHERE all(c IN coalesce(s.compartments, []) WHERE c IN $compartments)
  AND ($may_see_protected OR (size(coalesce(s.protected_classes, [])) = 0
       AND NOT EXISTS { (s)-[:MEMBER_OF]->(pi:Identity) WHERE pi.protected }))
// The whole person: every record of the same identity the caller may read.
OPTIONAL MATCH (s)-[:MEMBER_OF]->(:Identity)<-[:MEMBER_OF]-(o:Subject)
WHERE all(c IN coalesce(o.compartments, []) WHERE c IN $compartments)
  AND ($may_see_protected OR size(coalesce(o.protected_classes, [])) = 0)
WITH collect(DISTINCT s) + [x IN collect(DISTINCT o) WHERE x IS NOT NULL] AS people
UNWIND (CASE WHEN size(people) = 0 THEN [null] ELSE people END) AS p
WITH p,
  EXISTS {
    MATCH (c:Case)-[:INVOLVES]->(p)
    WHERE c.status = 'OPEN' AND NOT coalesce(c.retired, false)
      AND all(x IN coalesce(c.compartments, []) WHERE x IN $compartments)
  } AS open_case,
  EXISTS {
    MATCH (c:Case)-[r:INVOLVES]->(p)
    WHERE r.role IN ['SUBJECT', 'SUSPECT'] AND NOT coalesce(c.retired, false)
      AND all(x IN coalesce(c.compartments, []) WHERE x IN $compartments)
  } OR EXISTS {
    MATCH (i:Incident)-[r:INVOLVES]->(p)
    WHERE r.role IN ['SUBJECT', 'SUSPECT', 'ARRESTEE'] AND NOT coalesce(i.retired, false)
      AND all(x IN coalesce(i.compartments, []) WHERE x IN $compartments)
  } OR p.watchlist_status IS NOT NULL AS of_interest
RETURN coalesce(any(b IN collect(open_case) WHERE b), false) AS open_case,
       coalesce(any(b IN collect(of_interest) WHERE b), false) AS person_of_interest,
       [x IN collect(p.record_id) WHERE x IS NOT NULL] AS matched
