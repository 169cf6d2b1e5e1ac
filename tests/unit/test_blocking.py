"""Blocking: the keys find swapped names and shared identifiers; recall is measured."""

from __future__ import annotations

import numpy as np

from resolver import blocking_recall, build_frame, candidate_pairs
from tests.unit.test_resolver_factories import subject


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
