// Wait until every index is online (populated), or fail after $seconds.
CALL db.awaitIndexes($seconds)
