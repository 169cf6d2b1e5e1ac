// The audit chain's head: one AuditChain node holding the seq and hash of the newest event. Every
// group append locks it first, so appenders in different processes take turns; unique, so two
// first appends cannot make two. A store with events from before the head existed gets its head
// from the newest event.
CREATE CONSTRAINT audit_chain_name IF NOT EXISTS FOR (n:AuditChain) REQUIRE n.name IS UNIQUE;
MATCH (e:AuditEvent) WHERE e.seq IS NOT NULL
WITH e ORDER BY e.seq DESC LIMIT 1
MERGE (c:AuditChain {name: 'main'})
ON CREATE SET c.seq = e.seq, c.hash = e.hash;
