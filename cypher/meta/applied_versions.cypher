MATCH (v:SchemaVersion) RETURN v.version AS version
