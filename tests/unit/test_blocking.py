"""Blocking: the keys find swapped names and shared identifiers; recall is measured."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import numpy as np
import pytest

from resolver import (
    ResolverRecord,
    blocking_recall,
    build_frame,
    candidate_pairs,
    from_interchange,
)
from tests.unit.test_resolver_factories import subject

DATA = Path(__file__).resolve().parents[1] / "data"


def test_swapped_names_and_identifiers_are_candidates() -> None:
    frame = build_frame(
        [
            subject("a", first_name="Wei", last_name="Zhang", dob="1970-05-06"),
            subject("b", first_name="Zhang", last_name="Wei", dob="1970-05-06"),
            subject("c", first_name="Ann", last_name="Lee", fin="F9"),
            subject("d", first_name="Joe", last_name="Bloggs", fin="F9"),
            subject("e", first_name="Zed", last_name="Other", dob="1901-02-03"),
        ]
    )
    i, j = candidate_pairs(frame)
    pairs = set(zip(i.tolist(), j.tolist(), strict=True))
    assert (0, 1) in pairs and (2, 3) in pairs
    assert all(4 not in p for p in pairs)
    assert i.dtype == np.int32 and bool((i < j).all())
    assert blocking_recall((i, j), ["p", "p", "q", "q", "r"]) == 1.0


def test_huge_block_is_windowed_not_quadratic() -> None:
    frame = build_frame(
        [subject(f"r{k}", first_name=f"n{k}", dob="1900-01-01") for k in range(600)]
    )
    i, _ = candidate_pairs(frame)
    assert 0 < len(i) < 600 * 10  # sorted neighbourhood, not 180k pairs


@pytest.mark.parametrize("size", [2, 3, 8, 30, 120])
def test_small_frame_pairs_equal_the_block_walk(size: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [json.loads(x) for x in (DATA / "febrl4_sample.jsonl").open(encoding="utf-8")]
    rows.sort(key=lambda r: r["record_id"])  # each original beside its duplicate
    frame = build_frame([from_interchange(r) for r in rows[:size]])
    small = candidate_pairs(frame)
    monkeypatch.setattr(sys.modules["resolver.blocking"], "SMALL_FRAME", 0)
    walked = candidate_pairs(frame)
    assert len(small[0]) > 0
    assert small[0].tolist() == walked[0].tolist() and small[1].tolist() == walked[1].tolist()
    keys = small[0].astype(np.int64) * size + small[1]
    assert bool((np.diff(keys) > 0).all())  # distinct, in (i, j) order: resolver.persist needs it


def test_small_frame_with_a_block_past_the_cap_is_still_windowed() -> None:
    frame = build_frame(
        [subject(f"r{k}", first_name=f"n{k}", dob="1900-01-01") for k in range(100)]
    )
    i, _ = candidate_pairs(frame)
    assert 0 < len(i) < 100 * 99 // 2  # the 100-record date block is not paired all-against-all


def _namesakes(count: int) -> list[dict[str, object]]:
    """`count` Maria Garcias, one per birth year from 1900 at one of five postcodes: one block
    far past the cap under every name key."""
    return [
        {"first_name": "Maria", "last_name": "Garcia", "dob": f"{1900 + k}-06-15",
         "addresses": [{"street": "1 Main St", "city": "Austin", "state": "TX",
                        "postal_code": f"7870{k % 5}"}]}
        for k in range(count)
    ]  # fmt: skip


def _id_pairs(records: list[ResolverRecord]) -> set[frozenset[str]]:
    frame = build_frame(records)
    i, j = candidate_pairs(frame)
    return {frozenset((frame.ids[a], frame.ids[b])) for a, b in zip(i, j, strict=True)}


def test_pairs_do_not_depend_on_the_order_records_come_in() -> None:
    records = [subject(f"r{k}", **fields) for k, fields in enumerate(_namesakes(200))]
    shuffled = list(records)
    random.Random(7).shuffle(shuffled)
    assert _id_pairs(records) == _id_pairs(shuffled)
