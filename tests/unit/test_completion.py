"""Every pair inside an identity is compared: the unchecked pairs, the sub-frame and the merged
scored pairs that completion stands on, and the invariant on a synthetic set."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resolver import build_frame, from_interchange, resolve
from resolver import completion as completion_module
from resolver import engine as engine_module
from resolver.blocking import Pairs
from resolver.cluster import Clustering, Constraints
from resolver.completion import unchecked_pairs, with_pairs_inside
from resolver.frame import RecordFrame
from resolver.model import MatchModel
from resolver.scoring import ScoredPairs
from synth import generate
from tests.unit.test_resolver_factories import subject


def _pairs(*pairs: tuple[int, int]) -> Pairs:
    return (np.array([a for a, _ in pairs], dtype=np.int32),
            np.array([b for _, b in pairs], dtype=np.int32))  # fmt: skip


def test_unchecked_pairs_are_the_pairs_inside_a_cluster_never_compared() -> None:
    labels = np.array([0, 0, 0, 3, 3, 5, 6, 6], dtype=np.int64)
    i, j = unchecked_pairs(labels, _pairs((0, 1), (1, 2), (2, 5), (3, 4), (4, 7)))
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [(0, 2), (6, 7)]


@pytest.mark.parametrize("few_rows", [0, 128])
def test_a_cluster_over_the_cap_is_left_unchecked(
    few_rows: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(completion_module, "COMPLETE_MAX_SIZE", 2)
    monkeypatch.setattr(completion_module, "FEW_ROWS", few_rows)
    labels = np.array([0, 0, 0, 3, 3], dtype=np.int64)
    i, _ = unchecked_pairs(labels, _pairs((0, 1), (1, 2), (3, 4)))
    assert i.size == 0


@settings(max_examples=80, deadline=None)
@given(
    labels=st.lists(st.integers(0, 5), min_size=2, max_size=30),
    compared=st.sets(st.tuples(st.integers(0, 29), st.integers(0, 29)), max_size=60),
)
def test_unchecked_and_compared_pairs_inside_clusters_are_all_pairs_inside(
    labels: list[int], compared: set[tuple[int, int]]
) -> None:
    n = len(labels)
    roots = {
        label: labels.index(label) for label in labels
    }  # a root row per cluster, as clustering gives
    rows = np.array([roots[label] for label in labels], dtype=np.int64)
    done = sorted({(min(a, b), max(a, b)) for a, b in compared if a < n and b < n and a != b})
    inside = {(a, b) for a in range(n) for b in range(a + 1, n) if labels[a] == labels[b]}
    for few_rows in (0, n):  # vectorised, then grouped in plain Python
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(completion_module, "FEW_ROWS", few_rows)
            i, j = unchecked_pairs(rows, _pairs(*done) if done else _pairs())
        got = list(zip(i.tolist(), j.tolist(), strict=True))
        assert got == sorted(got)
        assert set(got) == inside - set(done)
        assert i.dtype == j.dtype == np.int32


def test_with_pairs_inside_adds_a_cluster_s_pairs_in_pair_order() -> None:
    labels = np.array([0, 0, 0, 3, 3, 5], dtype=np.int64)
    i, j = with_pairs_inside(labels, _pairs((0, 1), (1, 5), (2, 5)))
    got = list(zip(i.tolist(), j.tolist(), strict=True))
    assert got == [(0, 1), (0, 2), (1, 2), (1, 5), (2, 5), (3, 4)]


def test_a_region_compares_its_stored_identities_up_front_to_the_same_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The pairs inside stored identities, scored before clustering instead of after it (by
    completion, which then finds nothing left), give the same identities."""
    left_over: list[int] = []
    complete = completion_module.complete

    def counting(
        frame: RecordFrame, scored: ScoredPairs, result: Clustering, model: MatchModel,
        constraints: Constraints,
    ) -> tuple[ScoredPairs, Clustering]:  # fmt: skip
        left_over.append(unchecked_pairs(result.labels, (scored.i, scored.j))[0].size)
        return complete(frame, scored, result, model, constraints)

    monkeypatch.setattr(engine_module, "complete", counting)
    records = [
        subject("a", first_name="Jon", last_name="Ray", dob="1970-01-02", phones=["2025550101"]),
        subject("b", first_name="Jonathan", last_name="Ray", dob="1970-01-02"),
        subject("c", first_name="Jon", last_name="Rae", phones=["2025550101"]),
    ]
    stored = {"a": "E1", "b": "E1", "c": "E1"}
    plain = resolve(records, previous_ids=stored)
    up_front = resolve(records, previous_ids=stored, compare_stored=True)
    assert up_front.clusters == plain.clusters == [("a", "b", "c")]
    assert left_over[0] > 0 and left_over[1] == 0


def test_a_sub_frame_holds_its_rows_with_the_same_codes() -> None:
    frame = build_frame([subject("a", first_name="Ann", fin="F1"), subject("b"),
                         subject("c", first_name="Cy", fin="F1")])  # fmt: skip
    part = frame.take(np.array([2, 0], dtype=np.int64))
    assert part.ids == ["c", "a"]
    assert part.first.tolist() == ["cy", "ann"]
    assert part.fin.tolist() == [frame.fin[2], frame.fin[0]]
    assert part.records == [frame.records[2], frame.records[0]]


def _scored(pairs: list[tuple[int, int]]) -> ScoredPairs:
    k = len(pairs)
    i, j = _pairs(*pairs) if pairs else _pairs()
    weight = np.array([10.0 * a + b for a, b in pairs])
    return ScoredPairs(i, j, weight, weight, np.zeros((k, 2), dtype=np.int8), weight)


def test_merged_scored_pairs_stay_in_pair_order_with_their_values() -> None:
    merged = _scored([(0, 1), (0, 4), (2, 3)]).merged(_scored([(0, 2), (3, 4)]))
    pairs = list(zip(merged.i.tolist(), merged.j.tolist(), strict=True))
    assert pairs == [(0, 1), (0, 2), (0, 4), (2, 3), (3, 4)]
    assert merged.probability.tolist() == [10.0 * a + b for a, b in pairs]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    out = tmp_path_factory.mktemp("synth")
    generate(1500, seed=7, out_dir=out)
    return [json.loads(line) for line in Path(out / "subjects.jsonl").open(encoding="utf-8")]


def test_every_pair_inside_an_identity_was_compared(synthetic: list[dict[str, object]]) -> None:
    """Blocking alone leaves pairs inside identities uncompared (pairs that share no key, joined
    through a third record): 33 at 3,000 persons."""
    records = [from_interchange(r) for r in synthetic]
    result = resolve(records)
    row = {r.record_id: k for k, r in enumerate(records)}
    scored = set(zip(result.scored.i.tolist(), result.scored.j.tolist(), strict=True))
    inside = [(a, b) for members in result.clusters
              for rows in [sorted(row[r] for r in members)]
              for x, a in enumerate(rows) for b in rows[x + 1:]]  # fmt: skip
    assert len(inside) > 1000  # the set has identities of several records
    assert [p for p in inside if p not in scored] == []
    keys = result.scored.i.astype(np.int64) * len(records) + result.scored.j
    assert bool((np.diff(keys) > 0).all())  # distinct, in (i, j) order, as persist needs
