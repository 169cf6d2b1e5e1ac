// When the stored model was trained (cheap: lets a process keep its parsed copy).
MATCH (m:ResolverModel {name: 'current'})
RETURN toString(m.trained_at) AS trained_at
