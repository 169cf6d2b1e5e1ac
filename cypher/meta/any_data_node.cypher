// Whether the graph holds any data (anything but the schema record): one node is enough to know.
OPTIONAL MATCH (n) WHERE NOT n:SchemaVersion
WITH n LIMIT 1
RETURN n IS NOT NULL AS found
