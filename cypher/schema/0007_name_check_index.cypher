// Name checks look a person up by full name and date of birth. The (last_key, dob_year) index
// returns every bearer of a common surname born that year (hundreds at 1M subjects), which the
// query then filtered one by one; this one finds the few exact candidates directly.
CREATE INDEX subject_name_dob IF NOT EXISTS FOR (n:Subject) ON (n.last_key, n.first_key, n.dob);
