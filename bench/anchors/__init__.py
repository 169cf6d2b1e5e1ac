"""Anchor scripts run in the bench venv (`.venv-bench`: pandas<3, recordlinkage 0.16, Splink 5):
each reads interchange subjects, resolves them with another tool, writes `record_id, entity_id`
JSON Lines and prints its own timings as JSON on stdout."""
