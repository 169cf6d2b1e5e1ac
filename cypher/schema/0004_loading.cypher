// Held references (a record naming another not loaded yet) are found and released by key.
CREATE CONSTRAINT pending_link_key IF NOT EXISTS FOR (n:PendingLink) REQUIRE n.link_key IS UNIQUE;
