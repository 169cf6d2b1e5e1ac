// Encounters keep their FIN's comparison form beside the raw one (loaders/rows.py), so the
// partner query can exclude a person whose encounter carries a protected body's FIN. Encounters
// loaded before this migration get it here: normalize.identifiers.fin, upper-cased with every
// character but A-Z and 0-9 removed, written in Cypher for this one backfill. Idempotent.
MATCH (e:Encounter) WHERE e.fin IS NOT NULL AND e.fin_norm IS NULL
WITH e, apoc.text.regreplace(toUpper(e.fin), '[^A-Z0-9]+', '') AS compact
SET e.fin_norm = CASE WHEN compact = '' THEN null ELSE compact END;
