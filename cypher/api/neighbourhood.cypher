// k-hop neighbourhood (k <= 3) of one node, optionally only ending at some labels. Every node
// on every path passes the access filter during expansion; at most $cap paths are read.
CALL () {
  MATCH (n:Subject {record_id: $id}) RETURN n
  UNION MATCH (n:Identity {entity_id: $id}) RETURN n
  UNION MATCH (n:Case {case_id: $id}) RETURN n
  UNION MATCH (n:Incident {incident_id: $id}) RETURN n
  UNION MATCH (n:Protectee {protectee_id: $id}) RETURN n
  UNION MATCH (n:Encounter {encounter_id: $id}) RETURN n
  UNION MATCH (n:Address {address_key: $id}) RETURN n
  UNION MATCH (n:Phone {e164: $id}) RETURN n
  UNION MATCH (n:Identifier {id_key: $id}) RETURN n
}
WITH n AS a
MATCH p = (a)-[:HAS_ADDRESS|HAS_PHONE|HAS_IDENTIFIER|INVOLVES|CONCERNS|INCLUDES|AFFECTED|OF_SUBJECT|MEMBER_OF*1..3]-(b)
WHERE length(p) <= $hops
  AND all(x IN nodes(p) WHERE
      // an Identity node holds the union of its members' compartments: it is readable
        // through a readable member, as identity() reads it, so it tells nothing of the others
        CASE WHEN x:Identity
          THEN EXISTS { (m:Subject)-[:MEMBER_OF]->(x)
                        WHERE all(c IN coalesce(m.compartments, []) WHERE c IN $compartments) }
          ELSE all(c IN coalesce(x.compartments, []) WHERE c IN $compartments) END
  AND ($may_see_protected OR (size(coalesce(x.protected_classes, [])) = 0
       AND NOT coalesce(x.protected, false)
       AND NOT EXISTS { (x)-[:MEMBER_OF]->(pi:Identity) WHERE pi.protected }))
  AND ($may_see_retired OR NOT coalesce(x.retired, false)))
  AND (size($types) = 0 OR any(l IN labels(b) WHERE l IN $types))
WITH p LIMIT $cap
UNWIND nodes(p) AS x
WITH collect(DISTINCT x) AS xs, collect(DISTINCT p) AS ps
UNWIND ps AS p
UNWIND relationships(p) AS r
WITH xs, collect(DISTINCT r) AS rs
RETURN [x IN xs | x {.*, _labels: labels(x), _eid: elementId(x)}] AS nodes,
       [r IN rs | {type: type(r), start: elementId(startNode(r)), end: elementId(endNode(r))}]
         AS edges
