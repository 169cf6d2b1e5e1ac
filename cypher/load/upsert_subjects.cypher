// Subject nodes of one batch. An unchanged record (same content hash) is not rewritten, so
// reloading a file changes nothing. A changed record keeps what it was before in `history`:
// who wrote the old version, when, and the old value of every field that changed.
// Returns the records written, so only their attribute links are rebuilt.
UNWIND $rows AS row
MERGE (n:Subject {record_id: row.key})
WITH n, row WHERE n.content_hash IS NULL OR n.content_hash <> row.hash
WITH n, row, CASE WHEN n.content_hash IS NULL THEN null ELSE properties(n) END AS before
// Replace, not merge: a field the new version leaves out is gone from the node.
SET n = row.props
SET n.record_id = row.key, n.content_hash = row.hash, n.load_batch = $batch,
    n.loaded_at = datetime(), n.loaded_by = $operator,
    n.history = CASE WHEN before IS NULL THEN [] ELSE coalesce(before.history, []) + [
      apoc.convert.toJson({
        batch: before.load_batch, at: toString(before.loaded_at), by: before.loaded_by,
        previous: apoc.map.submap(before, [k IN apoc.coll.toSet(keys(before) + keys(row.props))
          WHERE NOT k IN ['history', 'content_hash', 'load_batch', 'loaded_at', 'loaded_by']
            AND NOT coalesce(before[k] = row.props[k], false)], null, false)})] END
RETURN row.key AS key, before IS NOT NULL AS existed
