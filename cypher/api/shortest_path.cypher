// Shortest path between two nodes (any keyed node: subject, identity, case, incident,
// protectee, encounter, address, phone, identifier) over the data relationships, up to 6 hops.
// The access filter is a predicate over every node of the path, evaluated during the search,
// so a path through a hidden node is never found (not found-then-dropped: a hidden shorter path
// dropped after the search would hide a readable longer one, and so tell of the hidden one). A
// subject of a protected identity is hidden even when the path avoids the identity node.
CALL () {
  MATCH (n:Subject {record_id: $from_id}) RETURN n
  UNION MATCH (n:Identity {entity_id: $from_id}) RETURN n
  UNION MATCH (n:Case {case_id: $from_id}) RETURN n
  UNION MATCH (n:Incident {incident_id: $from_id}) RETURN n
  UNION MATCH (n:Protectee {protectee_id: $from_id}) RETURN n
  UNION MATCH (n:Encounter {encounter_id: $from_id}) RETURN n
  UNION MATCH (n:Address {address_key: $from_id}) RETURN n
  UNION MATCH (n:Phone {e164: $from_id}) RETURN n
  UNION MATCH (n:Identifier {id_key: $from_id}) RETURN n
}
WITH n AS a
CALL () {
  MATCH (n:Subject {record_id: $to_id}) RETURN n
  UNION MATCH (n:Identity {entity_id: $to_id}) RETURN n
  UNION MATCH (n:Case {case_id: $to_id}) RETURN n
  UNION MATCH (n:Incident {incident_id: $to_id}) RETURN n
  UNION MATCH (n:Protectee {protectee_id: $to_id}) RETURN n
  UNION MATCH (n:Encounter {encounter_id: $to_id}) RETURN n
  UNION MATCH (n:Address {address_key: $to_id}) RETURN n
  UNION MATCH (n:Phone {e164: $to_id}) RETURN n
  UNION MATCH (n:Identifier {id_key: $to_id}) RETURN n
}
WITH a, n AS b
// Most asked-for connections are one or two hops (a subject and the protectee of its case). A
// fixed-length match expands from the start node only and stops at the first visible path;
// the bidirectional search below would also expand the far end, which for a protectee means
// thousands of cases and incidents. Longer paths fall through to that search.
OPTIONAL CALL (a, b) {
  MATCH p = (a)-[:HAS_ADDRESS|HAS_PHONE|HAS_IDENTIFIER|INVOLVES|CONCERNS|INCLUDES|AFFECTED|OF_SUBJECT|MEMBER_OF*1..2]-(b)
  WHERE length(p) <= $max_hops AND all(x IN nodes(p) WHERE
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
  RETURN p ORDER BY length(p) LIMIT 1
}
CALL (a, b, p) {
  WITH p WHERE p IS NOT NULL
  RETURN p AS found
  UNION
  WITH a, b, p WHERE p IS NULL
  MATCH found = shortestPath((a)-[:HAS_ADDRESS|HAS_PHONE|HAS_IDENTIFIER|INVOLVES|CONCERNS|INCLUDES|AFFECTED|OF_SUBJECT|MEMBER_OF*..6]-(b))
  WHERE all(x IN nodes(found) WHERE
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
  RETURN found
}
WITH found AS p
WITH p WHERE length(p) <= $max_hops
RETURN [x IN nodes(p) | x {.*, _labels: labels(x), _eid: elementId(x)}] AS nodes,
       [r IN relationships(p) | {type: type(r), start: elementId(startNode(r)),
        end: elementId(endNode(r))}] AS edges
