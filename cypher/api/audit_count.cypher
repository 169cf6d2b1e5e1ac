// Number of events in the chain (supervisors' totals; the chain holds no compartmented data).
MATCH (e:AuditEvent)
RETURN count(e) AS total
