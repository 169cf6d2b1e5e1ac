// A small re-resolution (on arrival, after a judgement) in one transaction and one round trip:
// identities upserted, members re-linked, emptied identities removed (the three statements
// write_identities, write_members and delete_identities in that order).
// The lists come in one map, $region {identities, members, gone, minted}: Neo4j plans a
// statement again for each new combination of empty and non-empty list parameters (200-500 ms),
// but not for what a map holds.
// Unless an id the region minted is already held, by an identity outside the region
// (one its record left earlier): then nothing is written and the held ids are returned, so the
// caller resolves the region again with them reserved. Checked here rather than by a read
// before the write, which took a third round trip in a sixth of arrivals at 1M.
CALL () {
  UNWIND $region.minted AS eid
  MATCH (held:Identity {entity_id: eid})
  RETURN collect(eid) AS taken
}
CALL (taken) {
  UNWIND CASE WHEN taken = [] THEN $region.identities ELSE [] END AS row
  MERGE (i:Identity {entity_id: row.entity_id})
    ON CREATE SET i.created = row.created
  SET i.size = row.size, i.possible_identity_fraud = row.fraud, i.protected = row.protected,
      i.compartments = row.compartments, i.resolved_at = datetime(row.resolved_at),
      i.evidence = row.evidence, i.fins = row.fins, i.a_numbers = row.a_numbers,
      i.ssns = row.ssns, i.suffixes = row.suffixes, i.year_min = row.year_min,
      i.year_max = row.year_max
}
CALL (taken) {
  UNWIND CASE WHEN taken = [] THEN $region.members ELSE [] END AS row
  MATCH (s:Subject {record_id: row.record_id})
  MATCH (i:Identity {entity_id: row.entity_id})
  OPTIONAL MATCH (s)-[old:MEMBER_OF]->()
  DELETE old
  WITH DISTINCT s, i, row
  CREATE (s)-[:MEMBER_OF {score: row.score, rule: row.rule, reasons: row.reasons,
                           partner: row.partner}]->(i)
}
CALL (taken) {
  UNWIND CASE WHEN taken = [] THEN $region.gone ELSE [] END AS eid
  MATCH (i:Identity {entity_id: eid})
  DETACH DELETE i
}
RETURN taken
