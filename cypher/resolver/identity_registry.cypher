// Every live identity id with its creation time: on a merge the oldest id survives.
MATCH (i:Identity)
RETURN i.entity_id AS entity_id, i.created AS created
