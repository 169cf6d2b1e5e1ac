// Resolved persons by entity id (the identity DataLoader: one round trip for a whole batch).
// An identity is readable only through members the caller may read; one with none is dropped,
// exactly like an id that does not exist. Flags are recomputed from readable members only, so
// a hidden record cannot show through them.
UNWIND $ids AS id
MATCH (i:Identity {entity_id: id})
WHERE $may_see_protected OR NOT coalesce(i.protected, false)
CALL (i) {
  MATCH (s:Subject)-[m:MEMBER_OF]->(i)
  WHERE all(c IN coalesce(s.compartments, []) WHERE c IN $compartments)
    AND ($may_see_protected OR size(coalesce(s.protected_classes, [])) = 0)
    // A branch-scoped caller (ud_officer) reads only people in an incident of their branch.
    AND ($scope_branch IS NULL OR EXISTS {
      MATCH (s)<-[:INVOLVES]-(bi:Incident {branch: $scope_branch})
      WHERE all(x IN coalesce(bi.compartments, []) WHERE x IN $compartments)
        AND ($may_see_retired OR NOT coalesce(bi.retired, false))
        AND ($may_see_protected OR size(coalesce(bi.protected_classes, [])) = 0) })
  WITH s, m ORDER BY s.record_id
  WITH collect({s: s, m: m}) AS rows
  // A member's evidence is its link to one other record (m.partner): shown when the caller may
  // read that record too, or reads every member (links written before the partner was kept).
  // Otherwise it would tell of a record the caller may not read: the one readable member of an
  // identity then reads as a record alone (SINGLETON), and more than one show no evidence.
  WITH rows, [r IN rows | r.s.record_id] AS readable, size(rows) = i.size AS sees_all
  UNWIND rows AS r
  WITH rows, readable, sees_all, r.s AS s, r.m AS m
  RETURN collect(s) AS nodes,
    collect(apoc.map.merge(
      CASE
        WHEN sees_all OR m.rule = 'SINGLETON' OR m.partner IN readable
          THEN {score: m.score, rule: m.rule, reasons: m.reasons}
        WHEN size(rows) = 1 THEN {score: 0.0, rule: 'SINGLETON', reasons: '[]'}
        ELSE {score: null, rule: null, reasons: '[]'}
      END,
      {subject: s {.*,
        addresses: [(s)-[:HAS_ADDRESS]->(a) | a {.*}],
        phones: [(s)-[:HAS_PHONE]->(ph) | ph.e164],
        entity_id: i.entity_id}})) AS members
}
WITH id, nodes, members WHERE size(nodes) > 0
CALL (nodes) {
  UNWIND nodes AS s
  MATCH (c:Case)-[r:INVOLVES]->(s)
  WHERE $scope_branch IS NULL  // a branch-scoped caller reads incidents of the branch, no cases
    AND all(x IN coalesce(c.compartments, []) WHERE x IN $compartments)
    AND ($may_see_retired OR NOT coalesce(c.retired, false))
    AND ($may_see_protected OR size(coalesce(c.protected_classes, [])) = 0)
  RETURN collect(DISTINCT c {.*, role: r.role, record_id: s.record_id}) AS cases
}
CALL (nodes) {
  UNWIND nodes AS s
  MATCH (n:Incident)-[r:INVOLVES]->(s)
  WHERE ($scope_branch IS NULL OR n.branch = $scope_branch)
    AND all(x IN coalesce(n.compartments, []) WHERE x IN $compartments)
    AND ($may_see_retired OR NOT coalesce(n.retired, false))
    AND ($may_see_protected OR size(coalesce(n.protected_classes, [])) = 0)
  RETURN collect(DISTINCT n {.*, role: r.role, record_id: s.record_id}) AS incidents
}
CALL (nodes) {
  UNWIND nodes AS s
  MATCH (e:Encounter)-[:OF_SUBJECT]->(s)
  WHERE $scope_branch IS NULL
    AND all(x IN coalesce(e.compartments, []) WHERE x IN $compartments)
    AND ($may_see_protected OR size(coalesce(e.protected_classes, [])) = 0)
  RETURN collect(DISTINCT e {.*, record_id: s.record_id}) AS encounters
}
RETURN id AS entity_id, members, cases, incidents, encounters,
  // Same FIN, different names or DOB among readable members: the FIN rule's fraud signal.
  any(a IN nodes WHERE a.fin_norm IS NOT NULL AND any(b IN nodes WHERE b <> a
      AND b.fin_norm = a.fin_norm AND (b.full_key <> a.full_key OR b.dob <> a.dob)))
    AS possible_identity_fraud,
  any(a IN nodes WHERE size(coalesce(a.protected_classes, [])) > 0) AS protected
