"""Reading what the resolver needs from the graph: subjects (paged), judgements, the model.

Only `graph.Graph` touches the driver; this module names the statements in `cypher/resolver/`
and turns rows into the engine's types.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from graph.driver import Graph
from idgraph.collector import collector_paused
from resolver.comparators import DOB_FAR_YEARS
from resolver.judgements import Judgement
from resolver.model import MatchModel
from resolver.records import ResolverRecord, from_interchange

__all__ = [
    "PAGE_FIELDS",
    "PAGE_SIZE",
    "REGION_FIELDS",
    "ResolverSettings",
    "SubjectRows",
    "active_judgements",
    "as_judgements",
    "as_rows",
    "load_model",
    "model_trained_at",
    "read_all_subjects",
    "read_subjects",
    "store_model",
    "stored_settings",
]

# Subjects read per round trip: big enough that the per-query overhead vanishes (1M records in
# 20 pages), small enough that one page (~50 MB of rows) never strains the driver.
PAGE_SIZE = 50_000


@dataclass(frozen=True)
class ResolverSettings:
    """Rules that are data-dependent and so stored with the model (on-arrival uses the same).

    `dob_far_years`: birth years further apart than this never join (None: off; FEBRL's
    generator replaces whole dates, see docs/resolver.md). `unique_sources`: sources holding one
    record per person (linkage tasks). `first_name_rule`: plainly different given names without
    a shared identifier never join by score (resolver.evidence; off for FEBRL)."""

    dob_far_years: int | None = DOB_FAR_YEARS
    unique_sources: tuple[str, ...] = ()
    first_name_rule: bool = True

    def to_json(self) -> str:
        return json.dumps({"dob_far_years": self.dob_far_years,
                           "unique_sources": list(self.unique_sources),
                           "first_name_rule": self.first_name_rule})  # fmt: skip

    @classmethod
    def from_json(cls, text: str | None) -> ResolverSettings:
        if not text:
            return cls()
        data = json.loads(text)
        return cls(data.get("dob_far_years"), tuple(data.get("unique_sources") or ()),
                   bool(data.get("first_name_rule", True)))  # fmt: skip


@dataclass
class SubjectRows:
    """Records with what the engine does not compare but identities carry."""

    records: list[ResolverRecord] = field(default_factory=list)
    compartments: dict[str, list[str]] = field(default_factory=dict)
    protected: dict[str, bool] = field(default_factory=dict)
    previous: dict[str, str] = field(default_factory=dict)  # record_id -> current entity_id

    def add(self, row: Mapping[str, Any]) -> ResolverRecord:
        record = from_interchange(row)
        rid = record.record_id
        self.records.append(record)
        self.compartments[rid] = list(row.get("compartments") or [])
        self.protected[rid] = bool(row.get("protected_classes"))
        if row.get("entity_id"):
            self.previous[rid] = str(row["entity_id"])
        return record


# The fields of each Subject's list in a `subjects_page` row, in its order.
PAGE_FIELDS = (
    "record_id", "source", "first_name", "middle_name", "last_name", "name_suffix", "aliases",
    "dob", "gender", "ssn", "a_number", "fin", "partner_id", "passport", "country_of_birth",
    "citizenship", "race", "eye_color", "height_in", "weight_lb", "observed_at", "phones",
    "compartments", "protected_classes", "addresses", "entity_id",
)  # fmt: skip


# The fields of each Subject's list in a `region` row: a page's, and the identity's creation time.
REGION_FIELDS = (*PAGE_FIELDS, "created")


def as_rows(lists: Sequence[Sequence[Any]], fields: Sequence[str]) -> list[dict[str, Any]]:
    """Subjects read as one list each (a page, a region) as rows keyed by field name."""
    return [dict(zip(fields, values, strict=True)) for values in lists]


def _page(graph: Graph, after: str, page_size: int) -> list[list[Any]]:
    (row,) = graph.read("resolver/subjects_page", after=after, limit=page_size)
    return list(row["subjects"])


def _pages(graph: Graph, page_size: int) -> Iterator[list[dict[str, Any]]]:
    """Pages of Subject rows. The next page is read on a thread while the caller turns this one
    into records, so the server's work (reading and sending ~25 properties a Subject) overlaps
    the client's."""
    with ThreadPoolExecutor(1, thread_name_prefix="subjects-page") as reader:
        pending = reader.submit(_page, graph, "", page_size)
        while subjects := pending.result():
            pending = reader.submit(_page, graph, str(subjects[-1][0]), page_size)
            yield as_rows(subjects, PAGE_FIELDS)


def read_all_subjects(graph: Graph, page_size: int = PAGE_SIZE) -> SubjectRows:
    """Every Subject, streamed in record_id pages, with its current identity."""
    out = SubjectRows()
    with collector_paused():  # a million long-lived records: see idgraph.collector
        for rows in _pages(graph, page_size):
            for row in rows:
                out.add(row)
    return out


def read_subjects(graph: Graph, record_ids: Sequence[str]) -> SubjectRows:
    """The given Subjects (unknown ids are skipped)."""
    out = SubjectRows()
    for start in range(0, len(record_ids), PAGE_SIZE):
        page = list(record_ids[start : start + PAGE_SIZE])
        for row in graph.read("resolver/subjects_by_ids", ids=page):
            out.add(row)
    return out


def as_judgements(rows: Sequence[Mapping[str, Any]]) -> list[Judgement]:
    """Stored judgements as engine constraints (UNSURE records a doubt, constrains nothing)."""
    out = []
    for row in rows:
        kind = row["kind"]
        if kind in ("SAME", "NOT_SAME", "SPLIT"):
            out.append(Judgement(kind, tuple(row["left"] or ()), tuple(row["right"] or ())))
    return out


def active_judgements(graph: Graph) -> list[Judgement]:
    """Human decisions in force, oldest first."""
    return as_judgements(graph.read("resolver/judgements_active"))


_MODEL_CACHE: dict[tuple[str, str, str], tuple[MatchModel, ResolverSettings]] = {}


def load_model(graph: Graph) -> tuple[MatchModel, ResolverSettings] | None:
    """The stored model and its settings, or None when no full resolve has trained one.

    Parsed once per process and training (its JSON holds the name frequency tables, megabytes
    at a million records): later calls read only its training time."""
    stamp = graph.read("resolver/model_stamp")
    return model_trained_at(graph, stamp[0]["trained_at"] if stamp else None)


def model_trained_at(
    graph: Graph, trained_at: str | None
) -> tuple[MatchModel, ResolverSettings] | None:
    """The stored model, given when it was trained (read beside other rows, which spares an
    arrival a round trip): the process's parsed copy when that is the one, else read anew."""
    if trained_at is None:
        return None
    key = (graph.uri, graph.database, str(trained_at))
    if key not in _MODEL_CACHE:
        rows = graph.read("resolver/model_get")
        if not rows or not rows[0]["model"]:
            return None
        _MODEL_CACHE.clear()
        _MODEL_CACHE[key] = (MatchModel.from_json(rows[0]["model"]),
                             ResolverSettings.from_json(rows[0]["settings"]))  # fmt: skip
    return _MODEL_CACHE[key]


def stored_settings(graph: Graph) -> ResolverSettings | None:
    """The settings stored beside the model, without parsing the model (which may be stale)."""
    rows = graph.read("resolver/model_get")
    return ResolverSettings.from_json(rows[0]["settings"]) if rows and rows[0]["settings"] else None


def store_model(graph: Graph, model: MatchModel, settings: ResolverSettings) -> None:
    graph.write("resolver/model_put", model=model.to_json(), settings=settings.to_json())
