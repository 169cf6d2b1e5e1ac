"""Stream a synthetic data set to JSON Lines files, person by person (constant memory).

Files: subjects, protectees, cases, incidents, encounters, partner_requests (input kinds of
docs/records.md), truth.jsonl (`record_id`, `entity_id` = true person, the shape
score_clusters.py reads) and hard_cases.jsonl (`record_id`, `case`: one line per label).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from random import Random
from typing import IO, Any

from synth.events import EventFactory
from synth.fast_random import WeightedPicker, below
from synth.people import Person, UnitFactory
from synth.pools import load_pools
from synth.subjects import render_subject

__all__ = ["FILES", "SynthSummary", "generate"]

# The input files `idgraph load` takes, in an order where most references point backwards.
RECORD_FILES = ("subjects", "protectees", "encounters", "incidents", "cases", "partner_requests")
# Labels for scoring, not input.
LABEL_FILES = ("truth", "hard_cases")
FILES = RECORD_FILES + LABEL_FILES
_KIND_FILE = {
    "subject": "subjects",
    "protectee": "protectees",
    "case": "cases",
    "incident": "incidents",
    "encounter": "encounters",
    "partner_request": "partner_requests",
}
# How many subject records a person has (1-4) and from which sources. People without
# immigration history only appear in the protective systems.
_RECORD_COUNT = WeightedPicker((1, 2, 3, 4), (40, 32, 18, 10))
_IMMIGRANT_SOURCES = WeightedPicker(
    ("IDENT", "CPMS", "PARTNER", "PTMS", "UDLB"), (30, 15, 15, 25, 15)
)
_DOMESTIC_SOURCES = WeightedPicker(("PTMS", "UDLB"), (60, 40))
# Sources forced for hard cases so the confusable records actually meet.
_FORCED = {
    "identity_fraud": ["IDENT", "CPMS"],
    "protected": ["IDENT", "PARTNER"],
    "shared_ssn": ["PTMS"],
    "twin": ["PTMS"],
    "jr_sr": ["PTMS"],
    "sibling": ["PTMS"],
}
_CASE_SHARE, _REPEAT_SHARE, _JOINT_CASE_SHARE = 0.4, 0.15, 0.5
_PROGRESS_EVERY = 1000
# Precomputed 'YYYY-MM-DD' and 'THH:MM:00Z' strings: formatting dates per record is slow.
_OBSERVED_DAYS = tuple(str(date(2010, 1, 1) + timedelta(days=d)) for d in range(5000))
_TIMES = tuple(f"T{m // 60:02d}:{m % 60:02d}:00Z" for m in range(1440))


@dataclass
class SynthSummary:
    """What `generate` wrote: lines per file, labels per hard case, and how long it took."""

    persons: int
    seed: int
    out_dir: Path
    lines: dict[str, int] = field(default_factory=dict)
    hard_cases: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def subject_records(self) -> int:
        return self.lines.get("subjects", 0)

    @property
    def subject_records_per_second(self) -> float:
        return self.subject_records / self.seconds if self.seconds else 0.0


class _Writer:
    def __init__(self, stack: ExitStack, out_dir: Path) -> None:
        self.handles: dict[str, IO[str]] = {
            name: stack.enter_context(
                (out_dir / f"{name}.jsonl").open("w", encoding="utf-8", buffering=1 << 20)
            )
            for name in FILES
        }
        self.lines: Counter[str] = Counter()
        self.labels: Counter[str] = Counter()
        self._encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

    def record(self, record: dict[str, Any]) -> None:
        name = _KIND_FILE[record["kind"]]
        self.handles[name].write(self._encode(record) + "\n")
        self.lines[name] += 1

    def truth(self, record_id: str, entity_id: str, labels: list[str]) -> None:
        # Ids are ASCII without quotes, so an f-string is safe and much faster than json.dumps.
        self.handles["truth"].write(f'{{"record_id":"{record_id}","entity_id":"{entity_id}"}}\n')
        self.lines["truth"] += 1
        for label in dict.fromkeys(labels):
            self.handles["hard_cases"].write(f'{{"record_id":"{record_id}","case":"{label}"}}\n')
            self.labels[label] += 1
        self.lines["hard_cases"] += len(set(labels))

    def truth_label(self, record_id: str, label: str) -> None:
        """An extra hard-case label for a record already written (e.g. repeat_threatener)."""
        self.handles["hard_cases"].write(f'{{"record_id":"{record_id}","case":"{label}"}}\n')
        self.labels[label] += 1
        self.lines["hard_cases"] += 1


class _Run:
    def __init__(self, rng: Random, writer: _Writer) -> None:
        pools = load_pools()
        self.rng, self.writer = rng, writer
        self.units, self.events = UnitFactory(rng, pools), EventFactory(rng, pools)
        self.ids: Counter[str] = Counter()

    def _sources(self, person: Person) -> list[str]:
        rng = self.rng
        count = _RECORD_COUNT.pick(rng)
        pool = _IMMIGRANT_SOURCES if person.immigrant else _DOMESTIC_SOURCES
        sources = [pool.pick(rng) for _ in range(count)]
        if person.labels:
            forced = [s for label in person.labels for s in _FORCED.get(label, ())]
            sources = (forced + sources)[: max(count, len(forced))]
        return sources

    def _observed_at(self) -> str:
        return _OBSERVED_DAYS[below(self.rng, len(_OBSERVED_DAYS))] + _TIMES[below(self.rng, 1440)]

    def person(self, person: Person) -> list[str]:
        """Write the person's subject records and the events about them; returns PTMS ids."""
        rng, writer, events = self.rng, self.writer, self.events
        by_source: dict[str, list[str]] = {}
        for n, source in enumerate(self._sources(person)):
            self.ids[source] += 1
            record_id = f"{source}-{self.ids[source]:09d}"
            # Identity fraud: the second immigration record carries the other identity.
            as_alias = person.alias is not None and n == 1
            record, labels = render_subject(
                rng, person, source, record_id, self._observed_at(), as_alias=as_alias
            )
            writer.record(record)
            writer.truth(record_id, person.pid, person.labels + labels)
            by_source.setdefault(source, []).append(record_id)
        encounter_id = None
        for source in ("IDENT", "CPMS"):
            for record_id in by_source.get(source, ()):
                encounter = events.encounter(record_id, person.fin)
                encounter_id = encounter_id or encounter["encounter_id"]
                writer.record(encounter)
        for record_id in by_source.get("UDLB", ()):
            writer.record(events.udlb_incident(record_id))
        # A partner's biometric query matches only people USCIS has encountered, and never
        # discloses a person in a protected class.
        match = encounter_id is not None and not person.protected_classes
        for record_id in by_source.get("PARTNER", ()):
            for request in events.partner_requests(
                record_id, encounter_id, match, f"FFP{below(rng, 10**9):09d}"
            ):
                writer.record(request)
        return by_source.get("PTMS", [])[:1]

    def unit(self, people: list[Person]) -> None:
        ptms_ids = [ids for p in people if (ids := self.person(p))]
        rng = self.rng
        if len(ptms_ids) > 1 and rng.random() < _JOINT_CASE_SHARE:
            for record in self.events.case_for([i[0] for i in ptms_ids], repeat=False):
                self.writer.record(record)
            return
        for ids in ptms_ids:
            if rng.random() >= _CASE_SHARE:
                continue
            repeat = rng.random() < _REPEAT_SHARE
            if repeat:
                self.writer.truth_label(ids[0], "repeat_threatener")
            for record in self.events.case_for(ids, repeat=repeat):
                self.writer.record(record)


def generate(
    persons: int, seed: int, out_dir: Path, progress: Callable[[int], None] | None = None
) -> SynthSummary:
    """Write a synthetic data set of `persons` true people to `out_dir`; same seed, same bytes.

    progress, when given, is called with the number of people written so far.
    """
    if persons < 0:
        raise ValueError(f"persons must be 0 or more, got {persons}")
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    summary = SynthSummary(persons=persons, seed=seed, out_dir=out_dir)
    with ExitStack() as stack:
        writer = _Writer(stack, out_dir)
        run = _Run(Random(seed), writer)
        for protectee in run.events.protectees():
            writer.record(protectee)
        made = 0
        while made < persons:
            people = run.units.unit()[: persons - made]
            run.unit(people)
            before, made = made, made + len(people)
            if progress and made // _PROGRESS_EVERY != before // _PROGRESS_EVERY:
                progress(made)
        if progress:
            progress(made)
    summary.lines = {name: writer.lines[name] for name in FILES}
    summary.hard_cases = dict(sorted(writer.labels.items()))
    summary.seconds = time.perf_counter() - started
    return summary
