MATCH (n:Subject {record_id: $record_id})
RETURN properties(n) AS props
