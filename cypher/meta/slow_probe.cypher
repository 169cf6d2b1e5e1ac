// A read that runs for seconds on any graph: tests of the read time limit use it.
UNWIND range(1, $rows) AS x
WITH x WHERE x % 7 = 3
RETURN count(x) AS total
