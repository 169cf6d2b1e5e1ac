// The review queue computed by the last full resolve (JSON), kept beside the model.
MATCH (m:ResolverModel {name: 'current'})
SET m.review = $review
RETURN m.name AS name
