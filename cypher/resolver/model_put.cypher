// Store (replace) the trained match model.
MERGE (m:ResolverModel {name: 'current'})
SET m.model = $model, m.trained_at = datetime(), m.settings = $settings
RETURN m.name AS name
