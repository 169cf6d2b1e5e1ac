// Every data node with its labels and properties (tests compare two loads of one set).
MATCH (n) WHERE NOT n:SchemaVersion
RETURN labels(n) AS labels, properties(n) AS props, elementId(n) AS id
