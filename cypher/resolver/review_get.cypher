MATCH (m:ResolverModel {name: 'current'})
RETURN m.review AS review
