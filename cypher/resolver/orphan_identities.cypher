// Identities left without members (every record moved elsewhere).
MATCH (i:Identity) WHERE NOT (i)<-[:MEMBER_OF]-()
RETURN i.entity_id AS entity_id
