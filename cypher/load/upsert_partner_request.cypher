UNWIND $rows AS row
MERGE (n:PartnerRequest {request_id: row.key})
// An unchanged record (same content hash) is not rewritten: reloading a file changes nothing.
WITH n, row WHERE n.content_hash IS NULL OR n.content_hash <> row.hash
WITH n, row, n.content_hash IS NOT NULL AS existed,
     [k IN keys(row.props) WHERE NOT coalesce(n[k] = row.props[k], n[k] IS NULL AND row.props[k] IS NULL) | k] AS changed
// A changed record's references still held (PendingLink) were named by its old version, as were
// its links: both go below.
WITH n, row, existed, changed, CASE WHEN existed THEN COLLECT {
       MATCH (p:PendingLink {from: row.key})
       WHERE p.kind IN ['request_subject', 'request_encounter', 'request_follows']
       RETURN p
     } ELSE [] END AS held
// What the record was before this write: who wrote it, when, the old value of each changed field,
// and every link it named, made or held (docs/model.md).
SET n.history = coalesce(n.history, []) + CASE WHEN existed
      THEN [apoc.convert.toJson({batch: n.load_batch, at: toString(n.loaded_at), by: n.loaded_by,
             previous: apoc.map.submap(properties(n), changed, null, false),
             previous_links: [(n)-[:ABOUT]->(m:Subject) | {kind: 'request_subject', to: m.record_id}]
               + [(n)-[:FOR_ENCOUNTER]->(m:Encounter) | {kind: 'request_encounter', to: m.encounter_id}]
               + [(n)-[:FOLLOWS]->(m:PartnerRequest) | {kind: 'request_follows', to: m.request_id}]
               + [p IN held | apoc.map.merge(apoc.convert.fromJsonMap(p.props),
                                             {kind: p.kind, to: p.to, held: true})]})]
      ELSE [] END
SET n += row.props, n.content_hash = row.hash, n.load_batch = $batch, n.loaded_at = datetime(),
    n.loaded_by = $operator
WITH n, row, existed, held
// A changed record's links are rebuilt, and its references to records not loaded yet held again,
// by the link statements that follow this one.
CALL (n, existed) {
  WITH n WHERE existed
  MATCH (n)-[r:ABOUT|FOR_ENCOUNTER|FOLLOWS]->()
  DELETE r
}
FOREACH (p IN held | DELETE p)
WITH n, row WHERE row.response IS NOT NULL
MERGE (r:PartnerResponse {response_id: row.response.response_id})
SET r += row.response, r.compartments = n.compartments, r.protected_classes = n.protected_classes,
    r.source = n.source
MERGE (n)-[:ANSWERED_BY]->(r)
RETURN count(n) AS written
