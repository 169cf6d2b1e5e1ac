// Events after a sequence number, oldest first (verification and the supervisors' view).
MATCH (e:AuditEvent)
WHERE e.seq > $after
RETURN e {.*} AS event
ORDER BY e.seq
LIMIT $limit
