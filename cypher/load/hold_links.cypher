// A reference to a record not loaded yet is kept, not dropped, and made when the record arrives.
UNWIND $rows AS row
MERGE (p:PendingLink {link_key: row.key})
ON CREATE SET p.held_since = datetime()
SET p.kind = row.kind, p.from = row.from, p.to = row.to, p.props = apoc.convert.toJson(row.props)
