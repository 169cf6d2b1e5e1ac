"""Pure pieces added with the graph service: group limits, the first-name rule, stored-facts
cannot-link, pattern packing, and the accuracy counters the bench and tests share."""

from __future__ import annotations

import numpy as np

from resolver import from_interchange
from resolver.blocking import candidate_pairs
from resolver.estimate import train_model, unique_patterns
from resolver.evidence import FIRST_NAME_VETO_BITS, combine, first_name_veto
from resolver.features import FEATURES
from resolver.frame import build_frame
from resolver.model import FULL_NAME_TABLE, default_model, full_name_key
from resolver.persist import cluster_facts
from resolver.quality import fraud_joined_and_flagged, hard_case_merge_rate, pair_scores
from resolver.records import ResolverRecord
from resolver.rules import facts_conflict
from resolver.scoring import explain_pair, score_pairs

NAMES = [f.name for f in FEATURES]


def test_address_parts_count_as_one_fact() -> None:
    w = np.zeros((1, len(FEATURES)))
    for name in ("street_number", "street_name", "city", "postcode", "state"):
        w[0, NAMES.index(name)] = 10.0
    assert combine(w)[0] == 12.0  # five agreeing parts, one address


def test_first_name_rule_needs_no_shared_identifier() -> None:
    levels = np.zeros((2, len(FEATURES)), dtype=np.int8)
    levels[:, NAMES.index("first_name")] = 8  # plainly different
    levels[1, NAMES.index("ssn")] = 1  # same SSN: the rule steps aside
    assert first_name_veto(levels).tolist() == [True, False]


def test_twins_are_held_apart_and_the_explanation_says_why() -> None:
    home = {"addresses": [{"street": "5 Elm St", "city": "Austin", "state": "TX",
                           "postal_code": "73301"}], "phones": ["512-555-0100"],
            "last_name": "Adams", "dob": "1990-02-02", "source": "PTMS"}  # fmt: skip
    a = from_interchange({"record_id": "a", "first_name": "James", **home})
    b = from_interchange({"record_id": "b", "first_name": "Jennifer", **home})
    parts = explain_pair(a, b, default_model(100_000))
    assert abs(sum(c.weight for c in parts) - FIRST_NAME_VETO_BITS) < 1e-9
    assert parts[-1].feature == "first-name rule"


def test_alike_given_names_of_another_sex_are_plainly_different() -> None:
    home = {"phones": ["512-555-0100"], "last_name": "Smith", "dob": "2002-11-06"}
    jenny = from_interchange({"record_id": "a", "first_name": "Jenny", "gender": "F", **home})
    jimmy = from_interchange({"record_id": "b", "first_name": "Jimmy", "gender": "M", **home})
    slip = from_interchange({"record_id": "c", "first_name": "Jimmy", "gender": "F", **home})
    model = default_model(100_000)
    assert explain_pair(jenny, jimmy, model)[-1].feature == "first-name rule"  # twins
    # the same Soundex with the same gender: perhaps one person, the rule steps aside
    assert explain_pair(jenny, slip, model)[-1].feature != "first-name rule"


def test_a_variant_first_name_over_a_different_surname_is_held() -> None:
    home = {"dob": "1999-11-29", "gender": "M", "phones": ["703-749-1050"]}
    li_jian = from_interchange({"record_id": "a", "first_name": "Li", "last_name": "Jian", **home})
    lee_wei = from_interchange({"record_id": "b", "first_name": "Lee", "last_name": "Wei", **home})
    parts = explain_pair(li_jian, lee_wei, default_model(100_000))
    assert parts[-1].feature == "first-name rule"  # family name first: two brothers


def test_stored_facts_forbid_what_the_batch_forbids() -> None:
    one = cluster_facts([from_interchange({"record_id": "a", "fin": "F1", "dob": "1980"})])
    two = cluster_facts([from_interchange({"record_id": "b", "fin": "F2", "dob": "1981"})])
    old = cluster_facts([from_interchange({"record_id": "c", "dob": "1950"})])
    assert facts_conflict(one, two) == "different FINs (two bodies)"
    assert facts_conflict(one, old) is not None
    assert facts_conflict(one, old, dob_far_years=None) is None


def test_a_fraud_body_holds_each_biography_s_numbers() -> None:
    """One body, two sets of papers: the person's own record, carrying one of the body's
    A-Numbers or SSNs, may join it; a record with a number of neither may not. Without a FIN
    any difference still forbids."""
    body = cluster_facts([
        from_interchange({"record_id": "a", "fin": "F1", "a_number": "A100000001",
                          "ssn": "212-45-6789"}),
        from_interchange({"record_id": "b", "fin": "F1", "a_number": "A200000002",
                          "ssn": "401-33-1234"}),
    ])  # fmt: skip
    own = cluster_facts(
        [from_interchange({"record_id": "c", "a_number": "A100000001", "ssn": "212-45-6798"})]
    )  # one SSN typo
    third = cluster_facts([from_interchange({"record_id": "d", "a_number": "A300000003"})])
    stranger = cluster_facts([from_interchange({"record_id": "e", "ssn": "512-11-0001"})])
    assert facts_conflict(body, own) is None
    assert facts_conflict(body, third) == "different A-Numbers"
    assert facts_conflict(stranger, body) == "different valid SSNs that no single typo explains"
    no_fin = cluster_facts(
        [
            from_interchange({"record_id": "f", "a_number": "A100000001"}),
            from_interchange({"record_id": "g", "a_number": "A200000002"}),
        ]
    )
    assert facts_conflict(no_fin, own) == "different A-Numbers"


def test_unique_patterns_counts_rows() -> None:
    levels = np.array([[1] * len(FEATURES), [0] * len(FEATURES), [1] * len(FEATURES)], np.int8)
    patterns, counts = unique_patterns(levels)
    assert sorted(zip(counts.tolist(), patterns[:, 0].tolist(), strict=True)) == [(1, 0), (2, 1)]


def test_quality_counters() -> None:
    truth = {"a": "P1", "b": "P1", "c": "P2", "d": "P3"}
    predicted = {"a": "e1", "b": "e1", "c": "e1", "d": "e2"}
    scores = pair_scores(truth, predicted)
    assert (round(scores.precision, 3), scores.recall) == (0.333, 1.0)
    assert hard_case_merge_rate(truth, predicted, ["a", "c", "d"]) == (2, 3)
    assert fraud_joined_and_flagged(truth, predicted, ["a"], ["e1"]) == (1, 1)


def _fang_wang(record_id: str, dob: str) -> ResolverRecord:
    return from_interchange(
        {"record_id": record_id, "first_name": "Fang", "last_name": "Wang", "dob": dob,
         "source": "PTMS"}
    )  # fmt: skip


def test_a_common_whole_name_counts_less_than_its_parts_imply() -> None:
    model = default_model(100_000)
    a, b = _fang_wang("a", "1980-03-24"), _fang_wang("b", "1980-03-25")
    # Fang and Wang are each 1 in 1,000 and 1 in 200, so by their parts one person in 200,000
    # would bear the name; 1 in 1,000 do: the name says log2(200000/1000) = 7.6 bits less.
    model.tf = {"first_name": {"fang": 1e-3}, "last_name": {"wang": 5e-3}}
    plain = sum(c.weight for c in explain_pair(a, b, model))
    model.tf[FULL_NAME_TABLE] = {full_name_key("fang", "wang"): 1e-3}
    parts = explain_pair(a, b, model)
    by_feature = {c.feature: c.weight for c in parts}
    assert abs(by_feature["full name"] - np.log2(5e-6 / 1e-3)) < 1e-9
    assert abs(sum(c.weight for c in parts) - (plain + np.log2(5e-6 / 1e-3))) < 1e-9
    scored = score_pairs(build_frame([a, b]), (np.array([0], np.int32), np.array([1], np.int32)),
                         model)  # fmt: skip
    assert abs(scored.match_weight[0] - sum(c.weight for c in parts)) < 1e-9


def test_a_whole_name_is_common_by_its_people_not_its_records() -> None:
    # One person's ten records repeat one date of birth: one bearer. Three dates: three people.
    one = [_fang_wang(f"p{k}", "1980-03-24") for k in range(10)]
    three = [_fang_wang(f"q{k}", f"19{70 + k}-01-02") for k in range(3)]
    others = [
        from_interchange({"record_id": f"o{k}", "first_name": f"Given{k}", "last_name": "Other",
                          "dob": f"{1940 + k % 60}-05-06", "source": "PTMS"})
        for k in range(1200)
    ]  # fmt: skip
    frame = build_frame(one + others)
    assert train_model(frame, candidate_pairs(frame)).tf[FULL_NAME_TABLE] == {}
    frame = build_frame(one + three + others)
    table = train_model(frame, candidate_pairs(frame)).tf[FULL_NAME_TABLE]
    assert list(table) == [full_name_key("fang", "wang")]


def test_a_nickname_of_a_common_name_counts_less_than_one_of_a_rare_name() -> None:
    # Robert and Bob are everywhere, Dmitry and Dima rare: a Bob / Robert agreement is a
    # likelier coincidence, so it counts less, and the pair's commoner side decides.
    def person(k: int, first: str) -> ResolverRecord:
        return from_interchange({"record_id": f"r{k}", "first_name": first, "last_name": "Kowal",
                                 "dob": f"{1940 + k % 60}-05-06", "source": "PTMS"})  # fmt: skip

    names = ["Robert"] * 300 + ["Bob"] * 200 + ["Dmitry"] * 3 + ["Dima"] * 2
    names += [f"Given{k}" for k in range(1000)]
    records = [person(k, name) for k, name in enumerate(names)]
    frame = build_frame(records)
    model = train_model(frame, candidate_pairs(frame))
    common = explain_pair(records[0], records[300], model)  # Robert / Bob
    rare = explain_pair(records[500], records[503], model)  # Dmitry / Dima
    first = {"common": common, "rare": rare}
    bits = {k: next(c for c in v if c.feature == "first_name") for k, v in first.items()}
    assert bits["common"].level == bits["rare"].level == "variant"
    assert bits["common"].weight < bits["rare"].weight - 3
    # Bob's variants (Robert: 300 of 1,505 records) are commoner than Robert's (Bob: 200), so
    # Bob's side is the one that counts
    adjust = model.variant_adjustment("first_name", frame.first)
    assert adjust[300] < adjust[0]
    assert f"adjusts by {adjust[300]:+.2f} bits" in bits["common"].reason
    scored = score_pairs(frame, (np.array([0], np.int32), np.array([300], np.int32)), model)
    assert abs(scored.match_weight[0] - sum(c.weight for c in common)) < 1e-9
