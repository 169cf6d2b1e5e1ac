"""Constrained clustering: networkx oracle without constraints, rules and chain guard with."""

from __future__ import annotations

import networkx as nx  # type: ignore[import-untyped]  # networkx ships no type stubs
import numpy as np
import numpy.typing as npt
from hypothesis import given, settings
from hypothesis import strategies as st

from resolver import build_frame, cluster
from resolver.cluster import Constraints
from resolver.households import HOUSEHOLD_ITEM_CAP
from resolver.judgements import Judgement, constraints_from
from resolver.records import ResolverRecord
from tests.unit.test_resolver_factories import subject

Ints = npt.NDArray[np.int64]


def _frame(n: int, **fields: object):  # type: ignore[no-untyped-def]
    return build_frame([subject(f"r{k}", **fields) for k in range(n)])


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(2, 40),
    edges=st.lists(st.tuples(st.integers(0, 39), st.integers(0, 39)), max_size=80),
)
def test_strong_edges_give_connected_components(n: int, edges: list[tuple[int, int]]) -> None:
    pairs = sorted({(min(a, b), max(a, b)) for a, b in edges if a < n and b < n and a != b})
    frame = _frame(n)
    i = np.array([a for a, _ in pairs], dtype=np.int64)
    j = np.array([b for _, b in pairs], dtype=np.int64)
    result = cluster(frame, (i, j, np.full(len(pairs), 0.999)))
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(pairs)
    expected = {frozenset(c) for c in nx.connected_components(graph)}
    got: dict[int, set[int]] = {}
    for row, label in enumerate(result.labels.tolist()):
        got.setdefault(label, set()).add(row)
    assert {frozenset(c) for c in got.values()} == expected


def test_different_fins_never_merge() -> None:
    frame = build_frame([subject("a", fin="F1"), subject("b"), subject("c", fin="F2")])
    edges = (np.array([0, 1]), np.array([1, 2]), np.array([0.999, 0.999]))
    result = cluster(frame, edges)
    assert result.labels[0] != result.labels[2]
    assert any("FIN" in why for _, _, why in result.conflicts)


def test_weak_chain_is_not_joined_when_ends_disagree() -> None:
    frame = _frame(3)
    # 0-1 weak, 1-2 weak, 0-2 scored and clearly different: 2 must not join {0, 1}
    edges = (np.array([0, 1, 0]), np.array([1, 2, 2]), np.array([0.7, 0.6, 0.01]))
    result = cluster(frame, edges)
    assert result.labels[0] == result.labels[1] != result.labels[2]


def test_not_same_judgement_beats_a_strong_edge_and_same_beats_nothing() -> None:
    frame = _frame(4)
    must, tokens = constraints_from(
        [Judgement("NOT_SAME", ("r0",), ("r1",)), Judgement("SAME", ("r2", "r3"))],
        {f"r{k}": k for k in range(4)},
    )
    result = cluster(
        frame, (np.array([0]), np.array([1]), np.array([0.9999])), Constraints(must, tokens)
    )
    assert result.labels[0] != result.labels[1]
    assert result.labels[2] == result.labels[3]


def test_jr_and_sr_never_merge() -> None:
    frame = build_frame([subject("a", name_suffix="Jr"), subject("b", name_suffix="Sr")])
    result = cluster(frame, (np.array([0]), np.array([1]), np.array([0.9999])))
    assert result.labels[0] != result.labels[1]


def _family() -> list[ResolverRecord]:
    """Rows 0-1 a father, 2-3 his son, 4 a record with neither suffix nor date."""
    return [
        subject("sr1", name_suffix="Sr", dob="1950-04-02"),
        subject("sr2", name_suffix="Sr", dob="1950-04-02"),
        subject("jr1", name_suffix="Jr", dob="1979-11-20"),
        subject("jr2", name_suffix="Jr", dob="1979-11-20"),
        subject("either"),
    ]


def _edges(*pairs: tuple[int, int, float]) -> tuple[Ints, Ints, npt.NDArray[np.float64]]:
    return (
        np.array([a for a, _, _ in pairs], dtype=np.int64),
        np.array([b for _, b, _ in pairs], dtype=np.int64),
        np.array([p for _, _, p in pairs]),
    )


def test_a_record_that_fits_father_and_son_alike_joins_neither() -> None:
    frame = build_frame(_family())
    edges = _edges((0, 1, 0.9999), (2, 3, 0.9999), (4, 0, 0.999), (4, 2, 0.998), (4, 1, 0.99))
    result = cluster(frame, edges)
    labels = result.labels
    assert labels[0] == labels[1] != labels[2] == labels[3]
    assert labels[4] not in {labels[0], labels[2]}
    assert result.rule[4] == "AMBIGUOUS"
    [ambiguity] = result.ambiguous
    assert (ambiguity.row, ambiguity.placed_with, ambiguity.rival) == (4, 0, 2)
    assert "JR vs SR" in ambiguity.reason


def test_a_clear_favourite_is_not_ambiguous() -> None:
    frame = build_frame(_family())
    # 0.99999 is 16.6 bits, 0.6 is 0.6: far more than the margin apart
    edges = _edges((0, 1, 0.9999), (2, 3, 0.9999), (4, 0, 0.99999), (4, 2, 0.6))
    result = cluster(frame, edges)
    assert result.labels[4] == result.labels[0] != result.labels[2]
    assert result.rule[4] == "SCORE" and not result.ambiguous


def test_an_ambiguous_record_holds_nobody_together() -> None:
    frame = build_frame(_family())
    # the two father records are linked only through the ambiguous one
    edges = _edges((4, 0, 0.999), (4, 1, 0.999), (4, 2, 0.999), (2, 3, 0.9999))
    result = cluster(frame, edges)
    labels = result.labels
    assert len({labels[0], labels[1], labels[4]}) == 3
    assert labels[2] == labels[3]


_HOME = {"street": "12 Oak St", "city": "Springfield", "state": "IL", "postal_code": "62701"}


def _household(**either: object) -> list[ResolverRecord]:
    """A father (row 0: phone and address) and his son of one name at one address (row 1), and
    a record of that name (row 2) that gives the home and the father's phone."""
    name = {"first_name": "John", "last_name": "Smith"}
    father = {"name_suffix": "Sr", "dob": "1950-04-02", "phones": ["2175550100"]}
    return [
        subject("sr", **name, **father, addresses=[_HOME]),
        subject("jr", **name, name_suffix="Jr", dob="1979-11-20", addresses=[_HOME]),
        subject("either", **{**name, "phones": ["2175550100"], "addresses": [_HOME], **either}),
    ]


def test_a_record_with_only_the_name_and_the_home_joins_neither_father_nor_son() -> None:
    frame = build_frame(_household())
    # the phone makes the father a clear favourite by score: 0.99999 against 0.3
    result = cluster(frame, _edges((2, 0, 0.99999), (2, 1, 0.3)))
    labels = result.labels
    assert len({labels[0], labels[1], labels[2]}) == 3
    assert result.rule[2] == "AMBIGUOUS"
    [ambiguity] = result.ambiguous
    assert (ambiguity.row, ambiguity.placed_with, ambiguity.rival) == (2, 0, 1)
    assert ambiguity.rival_probability == 0.3
    assert "JR vs SR" in ambiguity.reason and "share a home and a name" in ambiguity.reason


def test_a_date_of_birth_places_a_household_record() -> None:
    frame = build_frame(_household(dob="1950-04-02"))
    result = cluster(frame, _edges((2, 0, 0.99999), (2, 1, 0.3)))
    assert result.labels[2] == result.labels[0] != result.labels[1]
    assert not result.ambiguous


def test_an_identifier_shared_with_the_identity_places_a_household_record() -> None:
    records = _household(ssn="452-71-3388")
    records[0] = subject(
        "sr", first_name="John", last_name="Smith", name_suffix="Sr", dob="1950-04-02",
        phones=["2175550100"], addresses=[_HOME], ssn="452-71-3388",
    )  # fmt: skip
    result = cluster(build_frame(records), _edges((2, 0, 0.99999), (2, 1, 0.3)))
    assert result.labels[2] == result.labels[0]
    assert not result.ambiguous


def test_a_namesake_in_another_home_is_no_rival() -> None:
    records = _household()
    elsewhere = [{**_HOME, "street": "99 Elm St"}]
    records[1] = subject("jr", first_name="John", last_name="Smith", name_suffix="Jr",
                         dob="1979-11-20", addresses=elsewhere)  # fmt: skip
    result = cluster(build_frame(records), _edges((2, 0, 0.99999), (2, 1, 0.3)))
    assert result.labels[2] == result.labels[0]
    assert not result.ambiguous


def test_a_shelter_is_no_household() -> None:
    """The same family at an address that more than HOUSEHOLD_ITEM_CAP records give."""
    residents = [
        subject(f"resident{k}", first_name=f"Guest{k}", last_name="Doe", addresses=[_HOME])
        for k in range(HOUSEHOLD_ITEM_CAP)
    ]
    result = cluster(build_frame(_household() + residents), _edges((2, 0, 0.99999), (2, 1, 0.3)))
    assert result.labels[2] == result.labels[0]
    assert not result.ambiguous
