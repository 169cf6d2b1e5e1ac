// Returns once the eventually consistent full-text index (subject_names, migration 0011) holds
// every committed change.
CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()
