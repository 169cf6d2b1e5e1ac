// One batch of Subject nodes with their shared Address, Phone and Identifier nodes and links, in
// one statement: one round trip and one transaction, so a crash never leaves a written subject
// without its links (a rerun would skip it as unchanged). A record loaded alone, as on arrival,
// took eight round trips as eight statements.
// $load.rows: {key, hash, props, addresses, phones, identifiers}, each attribute list distinct by
// its key (loaders/subject_writer.py). The lists come in one map: Neo4j plans a statement again
// for each new combination of empty and non-empty list parameters, not for what a map holds.
//
// An unchanged record (same content hash) is not rewritten, so reloading a file changes nothing.
// A changed record keeps what it was before in `history`: who wrote the old version, when, and
// the old value of every field that changed; its attribute links are rebuilt from its new values.
CALL () {
  UNWIND $load.rows AS row
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
  RETURN collect({subject: n, row: row, existed: before IS NOT NULL}) AS written
}
CALL (written) {
  UNWIND written AS w
  WITH w WHERE w.existed
  WITH w.subject AS n
  MATCH (n)-[r:HAS_ADDRESS|HAS_PHONE|HAS_IDENTIFIER]->()
  DELETE r
}
// CREATE is safe below: these subjects were just written and have no attribute links left.
// Where two subjects of the batch give one attribute differently, the first creates its node.
CALL (written) {
  UNWIND written AS w
  WITH w.subject AS n, w.row AS row
  UNWIND row.addresses AS a
  MERGE (x:Address {address_key: a.address_key})
    ON CREATE SET x.street = a.street, x.city = a.city, x.state = a.state,
                  x.postal_code = a.postal_code, x.country = a.country
  CREATE (n)-[:HAS_ADDRESS]->(x)
}
CALL (written) {
  UNWIND written AS w
  WITH w.subject AS n, w.row AS row
  UNWIND row.phones AS p
  MERGE (x:Phone {e164: p.e164}) ON CREATE SET x.raw = p.raw
  CREATE (n)-[:HAS_PHONE {kind: p.kind}]->(x)
}
CALL (written) {
  UNWIND written AS w
  WITH w.subject AS n, w.row AS row
  UNWIND row.identifiers AS i
  MERGE (x:Identifier {id_key: i.id_key})
    ON CREATE SET x.type = i.type, x.value = i.value, x.valid = i.valid
  CREATE (n)-[:HAS_IDENTIFIER]->(x)
}
// A stored record that now carries a protected class makes its identity protected at once, in
// this transaction: the resolver rewrites the flag only later (never, with --no-resolve), and
// until then every query that trusts the flag would still show the person's other records.
CALL (written) {
  UNWIND written AS w
  WITH w.subject AS n WHERE w.existed AND size(coalesce(w.subject.protected_classes, [])) > 0
  MATCH (n)-[:MEMBER_OF]->(i:Identity)
  SET i.protected = true
}
// Whether any reference waits for a record (cypher/load/hold_links.cypher): when none does,
// the loader need not read them after a batch of subjects alone (loaders/writer.py).
RETURN EXISTS { (:PendingLink) } AS links_waiting
