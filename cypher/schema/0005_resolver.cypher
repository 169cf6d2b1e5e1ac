// Resolver: on-arrival candidate keys not covered by 0002, and the stored model.
// first name + birth year (catches a changed or misspelt surname on arrival).
CREATE INDEX subject_first_dob IF NOT EXISTS FOR (n:Subject) ON (n.first_key, n.dob_year);
// Judgements are looked up by pair (a newer judgement on the same pair supersedes the older).
CREATE INDEX judgement_pair IF NOT EXISTS FOR (n:Judgement) ON (n.pair_key);
CREATE CONSTRAINT resolver_model_name IF NOT EXISTS FOR (n:ResolverModel) REQUIRE n.name IS UNIQUE;
