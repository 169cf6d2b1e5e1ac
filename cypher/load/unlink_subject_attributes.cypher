// A changed subject's address, phone and identifier links are rebuilt from its new values.
UNWIND $keys AS key
MATCH (n:Subject {record_id: key})-[r:HAS_ADDRESS|HAS_PHONE|HAS_IDENTIFIER]->()
DELETE r
