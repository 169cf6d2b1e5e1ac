// CREATE is safe: these subjects were just written and have no attribute links left.
UNWIND $rows AS p
MATCH (n:Subject {record_id: p.subject})
MATCH (x:Phone {e164: p.key})
CREATE (n)-[:HAS_PHONE {kind: p.kind}]->(x)
