// After a purge: each identity a purged record was in is dissolved, and the records it still
// held come back, to be resolved again among themselves. What the identity kept of the purged
// record (its FINs, A-Numbers and SSNs, its members' evidence of a link to it, an id minted from
// its record id) must not outlive it; a survivor left alone would keep all of it, since the
// resolver leaves an unchanged single-record identity as stored.
UNWIND $ids AS id
MATCH (i:Identity {entity_id: id})
OPTIONAL MATCH (s:Subject)-[:MEMBER_OF]->(i)
WITH i, collect(s.record_id) AS remaining
DETACH DELETE i
WITH remaining
UNWIND remaining AS record_id
RETURN record_id
