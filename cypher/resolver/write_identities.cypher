// Batch upsert of Identity nodes; `created` is set once, so the oldest id is known later.
UNWIND $rows AS row
MERGE (i:Identity {entity_id: row.entity_id})
  ON CREATE SET i.created = row.created
SET i.size = row.size, i.possible_identity_fraud = row.fraud, i.protected = row.protected,
    i.compartments = row.compartments, i.resolved_at = datetime(row.resolved_at),
    i.evidence = row.evidence, i.fins = row.fins, i.a_numbers = row.a_numbers,
    i.ssns = row.ssns, i.suffixes = row.suffixes, i.year_min = row.year_min,
    i.year_max = row.year_max
RETURN count(i) AS written
