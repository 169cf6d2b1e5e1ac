"""The focus of a re-resolution: the identities the given records can change."""

from __future__ import annotations

from typing import Any

import pytest

from resolver import focus as focus_module
from resolver.focus import focus
from resolver.graph_io import SubjectRows
from resolver.judgements import Judgement
from resolver.model import default_model

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


def ids(subjects: SubjectRows) -> list[str]:
    return [r.record_id for r in subjects.records]


def test_an_arrival_keeps_the_identities_it_links_to_and_only_those() -> None:
    subjects = region(
        ("NEW", None, CARLOS),
        ("P1", "E1", CARLOS), ("P2", "E1", {**CARLOS, "phones": []}),  # Carlos: linked
        ("M1", "E2", MARIA), ("M2", "E2", MARIA),  # Maria: no link to the arrival
    )  # fmt: skip
    kept = focus(subjects, {"NEW"}, [], default_model(100_000))
    assert ids(kept) == ["NEW", "P1", "P2"]
    assert kept.previous == {"P1": "E1", "P2": "E1"}
    assert kept.compartments["P1"] == ["c1"]


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
