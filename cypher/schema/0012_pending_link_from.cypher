// A changed case, incident, encounter or partner request drops the references its old version
// left held (cypher/load/upsert_*.cypher): it finds them by the record that named them. Without
// this index each changed record would scan every PendingLink.
CREATE INDEX pending_link_from IF NOT EXISTS FOR (n:PendingLink) ON (n.from);
