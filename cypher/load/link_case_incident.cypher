// Links whose far end is not loaded yet come back, to be held until it arrives.
UNWIND $rows AS row
MATCH (a:Case {case_id: row.from})
OPTIONAL MATCH (b:Incident {incident_id: row.to})
FOREACH (_ IN CASE WHEN b IS NULL THEN [] ELSE [1] END | MERGE (a)-[:INCLUDES]->(b))
WITH row, b WHERE b IS NULL
RETURN row.key AS key
