"""Synthetic people and records with ground truth, for tests and benchmarks.

`generate(persons, seed, out_dir)` streams every input kind plus `truth.jsonl` and
`hard_cases.jsonl`; the same seed gives the same bytes. docs/records.md describes the hard cases.
"""

from synth.generate import FILES, LABEL_FILES, RECORD_FILES, SynthSummary, generate

__all__ = ["FILES", "LABEL_FILES", "RECORD_FILES", "SynthSummary", "generate"]
