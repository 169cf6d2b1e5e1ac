// Shared Identifier nodes (one per type and normalised value), distinct within the batch.
UNWIND $rows AS i
MERGE (x:Identifier {id_key: i.id_key})
  ON CREATE SET x.type = i.type, x.value = i.value, x.valid = i.valid
