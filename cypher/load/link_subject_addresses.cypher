// CREATE is safe: these subjects were just written and have no attribute links left.
UNWIND $rows AS p
MATCH (n:Subject {record_id: p.subject})
MATCH (x:Address {address_key: p.key})
CREATE (n)-[:HAS_ADDRESS]->(x)
