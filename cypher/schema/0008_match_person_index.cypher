// matchPerson finds spelling variants of a surname by its NYSIIS code within the birth year;
// the code alone (subject_nysiis) returns every bearer of a common surname.
CREATE INDEX subject_nysiis_dob IF NOT EXISTS FOR (n:Subject) ON (n.name_nysiis, n.dob_year);
