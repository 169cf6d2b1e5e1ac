// Foreign partner query (CPMS): by FIN, encounter id or biographics, over the caller's
// compartments (IDENT only by policy). Protected-class persons are excluded HERE, unconditionally
// (no parameter can turn it off): the record itself, any record of the same identity, any
// record with the same FIN (same body, even before resolution), and an encounter of any of those
// that carries a protected class - so they fall into the very same empty result as nobody. Only
// the agreed data elements are returned.
CALL () {
  MATCH (s:Subject) WHERE s.fin_norm = $fin RETURN s
  UNION
  MATCH (e:Encounter {encounter_id: $encounter_id})-[:OF_SUBJECT]->(s:Subject)
  WHERE all(c IN coalesce(e.compartments, []) WHERE c IN $compartments)
  RETURN s
  UNION
  MATCH (s:Subject)
  WHERE s.last_key = $last_key AND s.dob_year = $dob_year
    AND s.first_key = $first_key AND s.dob = $dob
  RETURN s
}
WITH s
WHERE all(c IN coalesce(s.compartments, []) WHERE c IN $compartments)
  AND size(coalesce(s.protected_classes, [])) = 0
  AND NOT EXISTS { (s)-[:MEMBER_OF]->(i:Identity) WHERE coalesce(i.protected, false) }
  AND NOT EXISTS { (s)-[:MEMBER_OF]->(:Identity)<-[:MEMBER_OF]-(o:Subject)
                   WHERE size(coalesce(o.protected_classes, [])) > 0 }
  AND NOT EXISTS { MATCH (o:Subject) WHERE s.fin_norm IS NOT NULL AND o.fin_norm = s.fin_norm
                   AND size(coalesce(o.protected_classes, [])) > 0 }
  AND NOT EXISTS { (s)<-[:OF_SUBJECT]-(pe:Encounter) WHERE size(coalesce(pe.protected_classes, [])) > 0 }
  AND NOT EXISTS { (s)-[:MEMBER_OF]->(:Identity)<-[:MEMBER_OF]-(:Subject)<-[:OF_SUBJECT]-(pe:Encounter)
                   WHERE size(coalesce(pe.protected_classes, [])) > 0 }
  AND NOT EXISTS { MATCH (o:Subject)<-[:OF_SUBJECT]-(pe:Encounter)
                   WHERE s.fin_norm IS NOT NULL AND o.fin_norm = s.fin_norm
                     AND size(coalesce(pe.protected_classes, [])) > 0 }
  // an encounter of this person that carries the FIN of a protected subject: the same body
  AND NOT EXISTS { MATCH (s)<-[:OF_SUBJECT]-(fe:Encounter) WHERE fe.fin_norm IS NOT NULL
                   AND EXISTS { MATCH (o:Subject) WHERE o.fin_norm = fe.fin_norm
                                AND size(coalesce(o.protected_classes, [])) > 0 } }
WITH s ORDER BY s.record_id LIMIT 1
RETURN s.record_id AS record_id, s.first_name AS first_name, s.last_name AS last_name,
  s.dob AS dob, s.gender AS gender, s.citizenship AS citizenship,
  s.country_of_birth AS country_of_birth, s.fin AS fin,
  [(e:Encounter)-[:OF_SUBJECT]->(s)
    WHERE all(c IN coalesce(e.compartments, []) WHERE c IN $compartments)
    | {encounter_id: e.encounter_id, encounter_date: toString(e.encounter_date)}] AS encounters
