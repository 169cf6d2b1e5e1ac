// The stored match model, for on-arrival scoring in any process.
MATCH (m:ResolverModel {name: 'current'})
RETURN m.model AS model, m.trained_at AS trained_at, m.settings AS settings
