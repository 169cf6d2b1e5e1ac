// A small re-resolution (on arrival, after a judgement) in one transaction and one round trip:
// identities upserted, members re-linked, emptied identities removed (the three statements
// write_identities, write_members and delete_identities in that order).
CALL () {
  UNWIND $identities AS row
  MERGE (i:Identity {entity_id: row.entity_id})
    ON CREATE SET i.created = row.created
  SET i.size = row.size, i.possible_identity_fraud = row.fraud, i.protected = row.protected,
      i.compartments = row.compartments, i.resolved_at = datetime(row.resolved_at),
      i.evidence = row.evidence, i.fins = row.fins, i.a_numbers = row.a_numbers,
      i.ssns = row.ssns, i.suffixes = row.suffixes, i.year_min = row.year_min,
      i.year_max = row.year_max
}
CALL () {
  UNWIND $members AS row
  MATCH (s:Subject {record_id: row.record_id})
  MATCH (i:Identity {entity_id: row.entity_id})
  OPTIONAL MATCH (s)-[old:MEMBER_OF]->()
  DELETE old
  WITH DISTINCT s, i, row
  CREATE (s)-[:MEMBER_OF {score: row.score, rule: row.rule, reasons: row.reasons}]->(i)
}
CALL () {
  UNWIND $gone AS eid
  MATCH (i:Identity {entity_id: eid})
  DETACH DELETE i
}
RETURN size($members) AS written
