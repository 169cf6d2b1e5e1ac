// The full-text name index (made by 0002 on stores older than this file, by this file alone
// since) is updated just after each commit instead of inside it.
// Lucene's update was most of a subject's commit at 1M: a one-subject write committed in
// p50 / p95 6.3 / 13.9 ms with it, 2.6-2.8 / 6.8-7.4 ms after this (1.2-1.4 / 2.3-3.4 ms
// without the index). The work itself remains, beside whatever follows the commit: on arrival
// at 1M the load went from p50 18.5-20.6 to 10.8-10.9 ms and the resolve after it from p95
// 26.0-30.6 to 30.0-32.2 ms (docs/performance.md, session 20). The price: an analyst's
// searchSubjects sees a record a moment after its commit (`idgraph load` waits for the index
// before it returns; docs/api.md). Name checks, matches and resolution read range indexes,
// which stay in the commit.
DROP INDEX subject_names IF EXISTS;
CREATE FULLTEXT INDEX subject_names IF NOT EXISTS FOR (n:Subject) ON EACH [n.full_key, n.first_name, n.last_name]
  OPTIONS {indexConfig: {`fulltext.eventually_consistent`: true}};
