// Node counts by label and relationship counts by type, from the count store (no scan).
CALL apoc.meta.stats() YIELD labels, relTypesCount
RETURN labels, relTypesCount
