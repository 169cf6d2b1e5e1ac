// Append one event at $seq, but only if the head is still the event the caller chained to.
// MERGE on the unique seq serialises concurrent appenders: the loser sees `appended = false`
// (someone else's hash at that seq) or no row (head moved) and retries on the new head.
OPTIONAL MATCH (last:AuditEvent {seq: $seq - 1})
WITH last
WHERE ($seq = 1 AND last IS NULL) OR last.hash = $props.prev_hash
MERGE (e:AuditEvent {seq: $seq})
  ON CREATE SET e += $props
RETURN e.hash = $props.hash AS appended
