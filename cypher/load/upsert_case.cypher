UNWIND $rows AS row
MERGE (n:Case {case_id: row.key})
// An unchanged record (same content hash) is not rewritten: reloading a file changes nothing.
WITH n, row WHERE n.content_hash IS NULL OR n.content_hash <> row.hash
WITH n, row, n.content_hash IS NOT NULL AS existed,
     [k IN keys(row.props) WHERE NOT coalesce(n[k] = row.props[k], n[k] IS NULL AND row.props[k] IS NULL) | k] AS changed
// What the record was before this write: who wrote it, when, and the old value of each changed field.
SET n.history = coalesce(n.history, []) + CASE WHEN existed
      THEN [apoc.convert.toJson({batch: n.load_batch, at: toString(n.loaded_at), by: n.loaded_by,
                                 previous: apoc.map.submap(properties(n), changed, null, false)})]
      ELSE [] END
SET n += row.props, n.content_hash = row.hash, n.load_batch = $batch, n.loaded_at = datetime(),
    n.loaded_by = $operator
WITH n, existed
// A changed record's links are rebuilt by the link statements that follow this one.
CALL (n, existed) {
  WITH n WHERE existed
  MATCH (n)-[r:INVOLVES|CONCERNS|INCLUDES]->()
  DELETE r
}
RETURN count(n) AS written
