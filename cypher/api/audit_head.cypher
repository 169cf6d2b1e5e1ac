// The newest audit event: the link the next one chains to (served by the seq constraint index).
MATCH (e:AuditEvent)
RETURN e.seq AS seq, e.hash AS hash
ORDER BY e.seq DESC
LIMIT 1
