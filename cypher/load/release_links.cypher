UNWIND $keys AS key
MATCH (p:PendingLink {link_key: key})
DELETE p
