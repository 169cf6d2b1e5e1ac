// After a purge: identities with no member left go; the others get size, compartments and the
// protected flag recomputed from the members that remain.
UNWIND $ids AS id
MATCH (i:Identity {entity_id: id})
OPTIONAL MATCH (s:Subject)-[:MEMBER_OF]->(i)
WITH i, collect(s) AS members
CALL (i, members) {
  WITH i, members WHERE size(members) = 0
  DETACH DELETE i
  RETURN 'deleted' AS change
  UNION
  WITH i, members WHERE size(members) > 0
  SET i.size = size(members),
      i.compartments = reduce(acc = [], s IN members |
        acc + [c IN coalesce(s.compartments, []) WHERE NOT c IN acc]),
      i.protected = any(s IN members WHERE size(coalesce(s.protected_classes, [])) > 0)
  RETURN 'updated' AS change
}
RETURN count(*) AS refreshed
