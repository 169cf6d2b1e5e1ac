// Node counts by label, and relationship counts by type, for load summaries and tests.
CALL () { MATCH (n) UNWIND labels(n) AS name RETURN 'node' AS what, name, count(*) AS total }
RETURN what, name, total
UNION ALL
CALL () { MATCH ()-[r]->() RETURN 'relationship' AS what, type(r) AS name, count(*) AS total }
RETURN what, name, total
