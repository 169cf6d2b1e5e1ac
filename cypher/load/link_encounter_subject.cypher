// Links whose far end is not loaded yet come back, to be held until it arrives.
UNWIND $rows AS row
MATCH (a:Encounter {encounter_id: row.from})
OPTIONAL MATCH (b:Subject {record_id: row.to})
FOREACH (_ IN CASE WHEN b IS NULL THEN [] ELSE [1] END | MERGE (a)-[:OF_SUBJECT]->(b))
WITH row, b WHERE b IS NULL
RETURN row.key AS key
