MATCH (p:PendingLink)
RETURN p.link_key AS key, p.kind AS kind, p.from AS from, p.to AS to, p.props AS props,
       toString(p.held_since) AS held_since
ORDER BY p.held_since, p.link_key
