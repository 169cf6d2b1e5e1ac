"""The focus of a re-resolution: the identities the given records can change."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from resolver import engine as engine_module
from resolver import focus as focus_module
from resolver import scoring as scoring_module
from resolver.engine import resolve
from resolver.focus import Focus, focus
from resolver.frame import build_frame
from resolver.graph_io import SubjectRows
from resolver.judgements import Judgement
from resolver.model import default_model
from resolver.scoring import KnownScores, ScoredPairs, score_pairs, score_pairs_reusing

CARLOS = {"first_name": "Carlos", "last_name": "Mendez", "dob": "1980-02-03",
          "phones": ["303-555-0107"]}  # fmt: skip
# born the same year: a name-and-year candidate of no one here
MARIA = {"first_name": "Maria", "last_name": "Lopez", "dob": "1980-07-09"}


def region(*rows: tuple[str, str | None, dict[str, Any]]) -> SubjectRows:
    """Subjects as a region read returns them: (record id, identity id or None, fields)."""
    out = SubjectRows()
    for rid, eid, fields in rows:
        out.add({"kind": "subject", "source": "PTMS", "record_id": rid, "entity_id": eid,
                 "compartments": ["c1"], **fields})  # fmt: skip
    return out


def ids(focused: Focus) -> list[str]:
    return [r.record_id for r in focused.subjects.records]


def test_an_arrival_keeps_the_identities_it_links_to_and_only_those() -> None:
    subjects = region(
        ("NEW", None, CARLOS),
        ("P1", "E1", CARLOS), ("P2", "E1", {**CARLOS, "phones": []}),  # Carlos: linked
        ("M1", "E2", MARIA), ("M2", "E2", MARIA),  # Maria: no link to the arrival
    )  # fmt: skip
    kept = focus(subjects, {"NEW"}, [], default_model(100_000))
    assert ids(kept) == ["NEW", "P1", "P2"]
    assert kept.subjects.previous == {"P1": "E1", "P2": "E1"}
    assert kept.subjects.compartments["P1"] == ["c1"]


def test_a_judgement_with_a_given_record_keeps_the_other_side() -> None:
    subjects = region(("NEW", None, CARLOS), ("M1", "E2", MARIA), ("M2", "E2", MARIA))
    same = Judgement("SAME", ("NEW",), ("M1",))
    assert ids(focus(subjects, {"NEW"}, [same], default_model(100_000))) == ["NEW", "M1", "M2"]
    elsewhere = Judgement("NOT_SAME", ("M1",), ("M2",))
    assert ids(focus(subjects, {"NEW"}, [elsewhere], default_model(100_000))) == ["NEW"]


def test_a_given_identity_is_kept_whole_with_the_identities_linked_to_its_members() -> None:
    stranger = {"first_name": "Olga", "last_name": "Petrova", "dob": "1980-11-12"}
    subjects = region(("P1", "E1", CARLOS), ("M1", "E1", MARIA), ("M2", "E2", MARIA),
                      ("O1", "E3", stranger))  # fmt: skip
    # M2 links to M1, a member of the given record's identity, which may leave it
    assert ids(focus(subjects, {"P1"}, [], default_model(100_000))) == ["P1", "M1", "M2"]


def test_many_arrivals_are_focused_through_blocked_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A load resolves thousands of arrivals together: past ALL_PAIRS_MAX only the pairs
    blocking proposes are scored, and they keep what scoring every pair keeps."""
    surnames = ["Lopez", "Okafor", "Nguyen", "Schmidt", "Kowalski", "Haddad", "Tanaka", "Silva"]
    arrivals = [(f"NEW{k}", None, {**CARLOS, "dob": f"19{50 + k}-02-03"}) for k in range(45)]
    strangers = [(f"S{k}", f"X{k}", {"first_name": "Maria", "last_name": surnames[k % 8],
                                      "dob": f"19{50 + k}-07-09"}) for k in range(44)]  # fmt: skip
    subjects = region(*arrivals, ("P1", "E1", CARLOS), *strangers)
    given = {rid for rid, _, _ in arrivals}
    model = default_model(100_000)
    assert focus_module.ALL_PAIRS_MAX < 45 * 45  # the blocked path
    blocked = ids(focus(subjects, given, [], model))
    assert blocked == [rid for rid, _, _ in arrivals] + ["P1"]
    monkeypatch.setattr(focus_module, "ALL_PAIRS_MAX", 10**9)
    assert ids(focus(subjects, given, [], model)) == blocked


SCORED_FIELDS = ("i", "j", "match_weight", "probability", "levels", "biographic_weight")


def _same_scores(a: ScoredPairs, b: ScoredPairs) -> bool:
    return all(np.array_equal(getattr(a, f), getattr(b, f)) for f in SCORED_FIELDS)


def test_the_engine_takes_the_focus_scores_and_resolves_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An arrival's focus scores its pairs with the region and the pairs inside the region's
    identities; the engine then scores nothing again and ends where scoring everything ends."""
    subjects = region(
        ("NEW", None, CARLOS),
        ("P1", "E1", CARLOS), ("P2", "E1", {**CARLOS, "phones": []}),
        ("M1", "E2", MARIA), ("M2", "E2", MARIA),
    )  # fmt: skip
    model = default_model(100_000)
    focused = focus(subjects, {"NEW"}, [], model)
    assert focused.known is not None
    records, previous = focused.subjects.records, focused.subjects.previous
    plain = resolve(records, previous_ids=previous, model=model, compare_stored=True)
    scoring_calls: list[int] = []
    real = scoring_module.score_pairs

    def counted(*args: Any, **kwargs: Any) -> ScoredPairs:
        scoring_calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(scoring_module, "score_pairs", counted)
    monkeypatch.setattr(engine_module, "score_pairs", counted)
    reused = resolve(records, previous_ids=previous, model=model, compare_stored=True,
                     known=focused.known)  # fmt: skip
    assert scoring_calls == []  # every pair the engine needed was known
    assert reused.clusters == plain.clusters == [("NEW", "P1", "P2")]
    assert reused.entity_ids == plain.entity_ids
    assert _same_scores(reused.scored, plain.scored)


def test_pairs_not_known_are_scored_and_placed_among_the_known() -> None:
    subjects = region(("A", None, CARLOS), ("B", None, {**CARLOS, "phones": []}),
                      ("C", None, MARIA), ("D", None, {**MARIA, "dob": "1980-09-07"}))  # fmt: skip
    frame = build_frame(subjects.records)
    model = default_model(100_000)
    i, j = np.array([0, 0, 1, 2], dtype=np.int32), np.array([1, 3, 2, 3], dtype=np.int32)
    everything = score_pairs(frame, (i, j), model)
    some = score_pairs(frame, (i[[1, 3]], j[[1, 3]]), model)  # (A, D) and (C, D) known
    mixed = score_pairs_reusing(frame, (i, j), model, KnownScores.of(frame, some))
    assert _same_scores(mixed, everything)
    # the other way round is another pair: (D, A) is not (A, D)
    swapped = KnownScores.of(frame, score_pairs(frame, (j[[1]], i[[1]]), model))
    assert swapped.row_of == {("D", "A"): 0}
    assert _same_scores(score_pairs_reusing(frame, (i, j), model, swapped), everything)
