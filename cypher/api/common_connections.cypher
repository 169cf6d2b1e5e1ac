// What two identities share through the records the caller may read: addresses, phones,
// identifiers, incidents and cases. An identity with no readable member shares nothing.
MATCH (ia:Identity {entity_id: $a}), (ib:Identity {entity_id: $b})
WHERE $may_see_protected OR (NOT coalesce(ia.protected, false) AND NOT coalesce(ib.protected, false))
MATCH (sa:Subject)-[:MEMBER_OF]->(ia)
WHERE all(c IN coalesce(sa.compartments, []) WHERE c IN $compartments)
  AND ($may_see_protected OR size(coalesce(sa.protected_classes, [])) = 0)
MATCH (sb:Subject)-[:MEMBER_OF]->(ib)
WHERE all(c IN coalesce(sb.compartments, []) WHERE c IN $compartments)
  AND ($may_see_protected OR size(coalesce(sb.protected_classes, [])) = 0)
CALL (sa, sb) {
  MATCH (sa)-[:HAS_ADDRESS|HAS_PHONE|HAS_IDENTIFIER]->(x)<-[:HAS_ADDRESS|HAS_PHONE|HAS_IDENTIFIER]-(sb)
  WHERE all(c IN coalesce(x.compartments, []) WHERE c IN $compartments)
  RETURN x
  UNION
  MATCH (sa)<-[:INVOLVES]-(x)-[:INVOLVES]->(sb)
  WHERE all(c IN coalesce(x.compartments, []) WHERE c IN $compartments)
    AND ($may_see_retired OR NOT coalesce(x.retired, false))
  RETURN x
}
WITH DISTINCT x, sa, sb
WITH x, collect(DISTINCT sa.record_id) AS via_a, collect(DISTINCT sb.record_id) AS via_b
RETURN x {.*, _labels: labels(x)} AS node, via_a, via_b
ORDER BY labels(x)[0], coalesce(x.address_key, x.e164, x.id_key, x.incident_id, x.case_id)
LIMIT $limit
