MERGE (v:SchemaVersion {version: $version})
ON CREATE SET v.description = $description, v.applied_at = datetime()
