// Test and demo reset: every data node goes, the schema record stays. Batched so a large graph
// does not need one huge transaction.
MATCH (n) WHERE NOT n:SchemaVersion
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
