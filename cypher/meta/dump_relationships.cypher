// Every relationship with its type, properties and ends (tests compare two loads of one set).
MATCH (a)-[r]->(b)
RETURN type(r) AS type, properties(r) AS props, elementId(a) AS start, elementId(b) AS end
