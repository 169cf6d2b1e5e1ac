// Append a group of events at the head of the chain in one statement, so the chain lock is held
// for one statement and its commit: lock the AuditChain node (appenders in every API process
// queue here), read the head it records (read after the lock, so it is the latest committed),
// chain each event to the one before, create them in order, move the head.
// Each event arrives as its properties plus `canonical_head`: its canonical JSON up to the seq
// value (seq is the last key in sorted order), so the hash made here is exactly
// api.audit.event_hash: sha256(canonical JSON without hash and prev_hash, then prev_hash).
MERGE (c:AuditChain {name: 'main'})
SET c.locked_at = datetime()
WITH c, coalesce(c.seq, 0) AS head_seq, coalesce(c.hash, $genesis) AS head_hash
WITH c, head_seq, reduce(hashes = [head_hash], n IN range(0, size($events) - 1) |
  hashes + apoc.util.sha256([$events[n].canonical_head + toString(head_seq + n + 1) + '}',
                             hashes[n]])) AS hashes
SET c.seq = head_seq + size($events), c.hash = last(hashes)
WITH head_seq, hashes
UNWIND range(0, size($events) - 1) AS n
WITH head_seq, hashes, n, $events[n].props AS props
CREATE (e:AuditEvent)
SET e = props, e.seq = head_seq + n + 1, e.prev_hash = hashes[n], e.hash = hashes[n + 1]
RETURN e.seq AS seq
