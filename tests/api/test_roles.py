"""Every role against every operation on the seeded scenario, and exactly what each sees."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.auth import mint_token
from api.policy import POLICY, Role
from graph.driver import Graph
from idgraph.settings import Settings
from loaders import load_records
from tests.api.conftest import Call, api_settings, reseed
from tests.api.factories import IDENTITIES, seed_identities, subject
from tests.api.ops import NAME_CHECK_ID, OPERATIONS, PARTNER_ID

pytestmark = pytest.mark.neo4j

MATRIX = [(role, op) for role in Role for op in OPERATIONS]


@pytest.mark.parametrize(("role", "op"), MATRIX)
def test_role_operation_matrix(seeded: Graph, call: Call, role: Role, op: str) -> None:
    query, doc, variables = OPERATIONS[op]
    out = call(role.value, query, variables, document_id=doc)
    allowed = op in {str(o) for o in POLICY[role].operations}
    if allowed and op in ("judgePair", "splitIdentity"):
        reseed(seeded)  # a real decision changed the identities the other tests rely on
    codes = {e.get("extensions", {}).get("code") for e in out.get("errors", [])}
    if not allowed:
        # Refused before any resolver runs: no data at all.
        assert out.get("data") is None
        if POLICY[role].trusted_documents_only and doc is None:
            assert out["_status"] == 400  # not a trusted document: refused at the door
        else:
            assert codes == {"FORBIDDEN"}
        return
    assert out["_status"] == 200
    assert "FORBIDDEN" not in codes
    if op in ("judgePair", "splitIdentity"):
        return  # resolver-dependent: covered by test_mutations.py
    if op in ("retireCase", "purgeCase"):
        assert codes == {"NOT_FOUND"}  # an unknown case, same answer as an unreadable one
        return
    assert out["data"][op] is not None or op in ("identity", "shortestPath")


def _search(call: Call, role: str, last: str, compartments: list[str] | None = None) -> set[str]:
    out = call(
        role,
        '{ searchSubjects(filter: {lastName: "%s"}) { totalCount edges { node '  # noqa: UP031 - GraphQL braces would need doubling in an f-string
        "{ recordId } } } }" % last,
        compartments=compartments,
    )
    data = out["data"]["searchSubjects"]
    ids = {e["node"]["recordId"] for e in data["edges"]}
    assert data["totalCount"] == len(ids)  # totals count only what the caller may read
    return ids


@pytest.mark.parametrize(
    ("role", "last", "expected"),
    [
        ("pid_analyst", "Doe", set()),  # protected class hidden from analysts
        ("pid_supervisor", "Doe", {"S-DOE"}),
        ("field_agent", "Doe", set()),
        ("ud_officer", "Smith", set()),  # PTMS outside the UDLB ceiling
        ("ud_officer", "Jones", {"S-JONES"}),
        ("pid_analyst", "Khan", {"S-KHAN"}),  # partner data sequestered
        ("fdns_analyst", "Khan", {"S-KHAN", "S-KHAN-P"}),  # fuzzy: Kahn ~ Khan
        ("fdns_analyst", "Smith", set()),  # no PTMS for fraud work
    ],
)
def test_search_visibility(
    seeded: Graph, call: Call, role: str, last: str, expected: set[str]
) -> None:
    assert (
        _search(call, role, last) & {"S-DOE", "S-SMITH", "S-JONES", "S-KHAN", "S-KHAN-P"}
        == expected
    )


@pytest.mark.parametrize(
    ("branch", "visible"),
    [("WHITE_HOUSE", {"S-JONES"}), ("FOREIGN_MISSIONS", {"S-PARK"}), ("SPECIAL_OPERATIONS", set())],
)
def test_ud_officer_reads_only_the_people_of_their_branch(
    seeded: Graph, call: Call, branch: str, visible: set[str]
) -> None:
    found = set()
    for last in ("Jones", "Park"):
        out = call(
            "ud_officer",
            '{ searchSubjects(filter: {lastName: "%s"}) { totalCount edges { node '  # noqa: UP031 - GraphQL braces would need doubling in an f-string
            "{ recordId } } } }" % last,
            branch=branch,
        )
        data = out["data"]["searchSubjects"]
        ids = {e["node"]["recordId"] for e in data["edges"]} & {"S-JONES", "S-PARK"}
        assert data["totalCount"] == len(ids)  # the total counts the branch's people only
        found |= ids
    assert found == visible
    for entity, record in (("E-JONES", "S-JONES"), ("E-PARK", "S-PARK")):
        out = call(
            "ud_officer",
            '{ identity(id: "%s") { records { recordId } incidents { incidentId branch } } }'  # noqa: UP031 - GraphQL braces would need doubling in an f-string
            % entity,
            branch=branch,
        )
        person = out["data"]["identity"]
        if record in visible:
            assert person["records"] == [{"recordId": record}]
            assert {i["branch"] for i in person["incidents"]} == {branch}
        else:
            assert person is None  # another branch's person looks like nobody


def test_ud_officer_token_without_a_branch_is_refused(
    seeded: Graph, api: TestClient, settings: Settings
) -> None:
    token = mint_token(
        api_settings(settings), role="ud_officer", compartments=["UDLB"], purpose="t"
    )
    response = api.post(
        "/graphql",
        json={"query": '{ searchSubjects(filter: {lastName: "Jones"}) { totalCount } }'},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 401


def test_token_compartments_narrow_the_ceiling(seeded: Graph, call: Call) -> None:
    assert _search(call, "pid_analyst", "Smith", ["UDLB"]) == set()
    assert _search(call, "pid_analyst", "Smith", ["PTMS"]) == {"S-SMITH"}
    # A compartment beyond the role's ceiling in the token changes nothing (deny wins).
    assert "S-KHAN-P" not in _search(call, "pid_analyst", "Kahn", ["PARTNER", "IDENT"])


def _identity(call: Call, role: str, entity_id: str) -> dict[str, Any] | None:
    out = call(
        role,
        '{ identity(id: "%s") { entityId size possibleIdentityFraud protected '  # noqa: UP031 - GraphQL braces would need doubling in an f-string
        "records { recordId ssn fin protectedClasses } cases { caseId } "
        "why { recordId } } }" % entity_id,
    )
    result: dict[str, Any] | None = out["data"]["identity"]
    return result


def test_identity_members_follow_access(seeded: Graph, call: Call) -> None:
    brown_agent = _identity(call, "field_agent", "E-BROWN")
    assert brown_agent is not None
    assert [r["recordId"] for r in brown_agent["records"]] == ["S-BROWN"]
    assert brown_agent["size"] == 1 and brown_agent["possibleIdentityFraud"] is None
    brown = _identity(call, "pid_analyst", "E-BROWN")
    assert brown is not None and {r["recordId"] for r in brown["records"]} == {
        "S-BROWN",
        "S-BROWN-I",
    }
    # Hidden and absent look the same.
    assert _identity(call, "pid_analyst", "E-DOE") is None
    assert _identity(call, "pid_analyst", "E-NOBODY") is None
    doe = _identity(call, "pid_supervisor", "E-DOE")
    assert doe is not None and doe["protected"] is True
    assert doe["records"][0]["protectedClasses"] == ["ASYLUM"]


def test_fraud_flag_only_from_readable_members(seeded: Graph, call: Call) -> None:
    analyst = _identity(call, "pid_analyst", "E-KHAN")
    assert analyst is not None and analyst["possibleIdentityFraud"] is False
    assert [r["recordId"] for r in analyst["records"]] == ["S-KHAN"]
    fdns = _identity(call, "fdns_analyst", "E-KHAN")
    assert fdns is not None and fdns["possibleIdentityFraud"] is True and fdns["size"] == 2


def test_field_projection(seeded: Graph, call: Call) -> None:
    agent = _identity(call, "field_agent", "E-SMITH")
    assert agent is not None and agent["records"][0]["ssn"] is None
    analyst = _identity(call, "pid_analyst", "E-SMITH")
    assert analyst is not None and analyst["records"][0]["ssn"] == "123-45-6789"
    assert analyst["records"][0]["protectedClasses"] is None  # not an analyst field


def _name_check(call: Call, **person: str) -> dict[str, Any]:
    out = call("name_check_system", None, person, document_id=NAME_CHECK_ID)
    result: dict[str, Any] = out["data"]["nameCheck"]
    return result


def test_name_check_answers_booleans_only(seeded: Graph, call: Call) -> None:
    hit = _name_check(call, firstName="John", lastName="Smith", dob="1980-01-02")
    assert set(hit) == {"checkId", "openCase", "personOfInterest", "contact"}
    assert hit["openCase"] and hit["personOfInterest"] and "PID" in hit["contact"]
    miss = _name_check(call, firstName="Nobody", lastName="Atall", dob="1999-09-09")
    assert (miss["openCase"], miss["personOfInterest"]) == (False, False)
    assert miss["contact"] == hit["contact"]


def _partner(call: Call, **args: str) -> dict[str, Any]:
    out = call("foreign_partner", None, args, document_id=PARTNER_ID)
    result: dict[str, Any] = out["data"]["partnerQuery"]
    result.pop("queryId")
    return result


def test_partner_match_releases_agreed_elements_only(seeded: Graph, call: Call) -> None:
    match = _partner(call, fin="F100")
    assert match["result"] == "MATCH"
    assert match["elements"]["lastName"] == "Khan"  # the USCIS record, never the partner one
    assert [e["encounterId"] for e in match["elements"]["encounters"]] == ["E-1"]


@pytest.mark.parametrize(
    "args",
    [
        {"fin": "F200"},
        {"fin": "F400"},
        {"encounterId": "E-2"},
        {"firstName": "Maria", "lastName": "Lopez", "dob": "1992-02-02"},
    ],
)
def test_partner_protected_is_indistinguishable_from_nobody(
    seeded: Graph, call: Call, args: dict[str, str]
) -> None:
    nobody = _partner(call, fin="NO-SUCH-FIN")
    assert _partner(call, **args) == nobody == {"result": "NO_MATCH", "elements": None}


def test_partner_never_reaches_ptms(seeded: Graph, call: Call) -> None:
    assert (
        _partner(call, firstName="John", lastName="Smith", dob="1980-01-02")["result"] == "NO_MATCH"
    )


def test_subjects_of_interest_and_links_hide_protected(seeded: Graph, call: Call) -> None:
    q = (
        '{ subjectsOfInterest(protecteeId: "P-1") '
        "{ subject { recordId } incidents { incidentId } } }"
    )
    analyst = call("pid_analyst", q)["data"]["subjectsOfInterest"]
    assert [s["subject"]["recordId"] for s in analyst] == ["S-SMITH"]
    supervisor = call("pid_supervisor", q)["data"]["subjectsOfInterest"]
    assert [s["subject"]["recordId"] for s in supervisor] == ["S-DOE", "S-SMITH"]  # newest first
    path = '{ shortestPath(fromId: "S-SMITH", toId: "S-DOE") { nodes { id } } }'
    assert call("pid_analyst", path)["data"]["shortestPath"] is None
    assert call("pid_supervisor", path)["data"]["shortestPath"] is not None
    hood = '{ neighbourhood(id: "P-1", hops: 3) { nodes { id } } }'
    ids = {n["id"] for n in call("pid_analyst", hood)["data"]["neighbourhood"]["nodes"]}
    assert "S-SMITH" in ids and "S-DOE" not in ids


def test_common_connections(seeded: Graph, call: Call) -> None:
    q = '{ commonConnections(identityA: "E-SMITH", identityB: "E-JONES") { node { type } } }'
    assert [c["node"]["type"] for c in call("pid_analyst", q)["data"]["commonConnections"]] == [
        "Address"
    ]
    assert call("fdns_analyst", q)["data"]["commonConnections"] == []


def test_suspects_rank_with_reasons(seeded: Graph, call: Call) -> None:
    q = (
        '{ suspects(description: {gender: "M", branch: "WHITE_HOUSE", heightMin: 71, '
        "heightMax: 74}) { recordId score reasons } }"
    )
    hits = call("pid_analyst", q)["data"]["suspects"]
    assert hits[0]["recordId"] == "S-JONES"
    assert "involved in an incident at the branch" in hits[0]["reasons"]
    assert all(h["recordId"] not in ("S-DOE", "S-LOPEZ") for h in hits)


def test_suspects_one_identity_filling_the_top_records_still_yields_the_next(
    fresh: Graph, call: Call
) -> None:
    # 45 records of one person outrank everyone; the first ranked cut (20 records per wanted
    # identity) holds only that person, so the query must go deeper to find the second.
    many = [
        subject(f"S-MANY-{n:02d}", "Karl", "Many", "PTMS", gender="M", race="W", hair_color="BRO")
        for n in range(45)
    ]
    assert load_records(fresh, many).rejected == 0
    seed_identities(fresh, {**IDENTITIES, "E-MANY": [r["record_id"] for r in many]})
    q = '{ suspects(description: {gender: "M", race: "W", hair: "BRO"}, limit: 2) { entityId } }'
    hits = call("pid_analyst", q)["data"]["suspects"]
    assert len(hits) == 2
    assert hits[0]["entityId"] == "E-MANY" and hits[1]["entityId"] != "E-MANY"


def _suspect_reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bool, int]]:
    """Record each suspects read the API makes: (top tier only?, rows)."""
    investigate = sys.modules["api.schema.investigate"]
    reads: list[tuple[bool, int]] = []
    real_read = investigate.read

    async def spy(graph: Graph, name: str, **params: Any) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = await real_read(graph, name, **params)
        reads.append((bool(params["strict"]), len(rows)))
        return rows

    monkeypatch.setattr(investigate, "read", spy)
    return reads


def _suspects(call: Call, description: str, limit: int) -> list[dict[str, Any]]:
    q = f"{{ suspects(description: {{{description}}}, limit: {limit}) {{ recordId score }} }}"
    hits: list[dict[str, Any]] = call("pid_analyst", q)["data"]["suspects"]
    return hits


def _without_top_tier(monkeypatch: pytest.MonkeyPatch) -> None:
    async def no_tier(*_: Any) -> None:
        return None

    monkeypatch.setattr(sys.modules["api.schema.investigate"], "_from_top_tier", no_tier)


def test_suspects_meeting_every_criterion_come_through_indexes_and_rank_as_the_scan(
    fresh: Graph, call: Call, monkeypatch: pytest.MonkeyPatch
) -> None:
    """27 readable men live in DC (25 here, Smith and Jones in the scenario): they lead the
    ranking for "a man in DC", so the answer comes from the addresses in DC, not from a scan,
    whether they fill the first cut (`limit: 1`, 20 records) or end inside it (`limit: 5`, 100
    records, 27 identities), and it is the scan's answer. A protected man in DC, first by
    record id, stays out. For 30 identities the 27 are too few, so the scan answers."""
    dc = {"street": "9 K St", "city": "Washington", "state": "DC", "postal_code": "20001"}
    men = [subject(f"S-DC-{n:02d}", "Sam", f"Dee{n}", "PTMS", gender="M", addresses=[dc])
           for n in range(1, 26)]  # fmt: skip
    hidden = subject("S-DC-00", "Pat", "Dee", "PTMS", gender="M", addresses=[dc],
                     protected_classes=["ASYLUM"])  # fmt: skip
    assert load_records(fresh, [*men, hidden]).rejected == 0
    reads = _suspect_reads(monkeypatch)
    man_in_dc = 'gender: "M", state: "DC"'
    first, five = _suspects(call, man_in_dc, 1), _suspects(call, man_in_dc, 5)
    assert reads == [(True, 20), (True, 27)]
    assert [h["recordId"] for h in first] == ["S-DC-01"]
    assert first[0]["score"] == pytest.approx(0.25)  # gender 0.1 + place 0.15
    assert [h["recordId"] for h in five] == [f"S-DC-{n:02d}" for n in range(1, 6)]
    reads.clear()
    assert len(_suspects(call, man_in_dc, 30)) >= 27
    assert [strict for strict, _ in reads] == [True, False] and reads[0][1] == 27
    _without_top_tier(monkeypatch)
    reads.clear()
    assert (_suspects(call, man_in_dc, 1), _suspects(call, man_in_dc, 5)) == (first, five)
    assert all(not strict for strict, _ in reads)


@pytest.mark.parametrize(
    ("description", "by"),
    [('gender: "M", race: "W", heightMin: 70, heightMax: 74', "height"),
     ('gender: "M", race: "W", hair: "BRO"', "gender_race")],
)  # fmt: skip
def test_suspects_by_traits_alone_come_through_a_trait_index_and_rank_as_the_scan(
    fresh: Graph, call: Call, monkeypatch: pytest.MonkeyPatch, description: str, by: str
) -> None:
    """25 tall white men with brown hair, and Smith of the scenario (70 inches, no hair colour
    given, so he meets the first description only): the records meeting every trait come
    through the height index or the gender and race one, and give the scan's answer."""
    men = [subject(f"S-TALL-{n:02d}", "Tom", f"Tall{n}", "PTMS", gender="M", race="W",
                   height_in=72, hair_color="BRO") for n in range(1, 26)]  # fmt: skip
    assert load_records(fresh, men).rejected == 0
    investigate = sys.modules["api.schema.investigate"]
    used: list[object] = []
    real_tier = investigate._from_top_tier

    async def tier(ctx: Any, params: dict[str, object], *rest: Any) -> Any:
        used.append(params["tier_by"])
        return await real_tier(ctx, params, *rest)

    monkeypatch.setattr(investigate, "_from_top_tier", tier)
    reads = _suspect_reads(monkeypatch)
    through_index = _suspects(call, description, 5)
    assert used == [by] and reads == [(True, 26 if by == "height" else 25)]
    expected = ["S-SMITH"] if by == "height" else []  # first by record id when he qualifies
    expected += [f"S-TALL-{n:02d}" for n in range(1, 6)]
    assert [h["recordId"] for h in through_index] == expected[:5]
    _without_top_tier(monkeypatch)
    assert _suspects(call, description, 5) == through_index


def test_the_top_tier_is_found_through_the_narrowest_criterion_given() -> None:
    tier_by = sys.modules["api.schema.investigate"]._tier_by
    description = sys.modules["api.schema.investigate"].SuspectDescription
    everything = description(protectee_id="P-1", branch="WHITE_HOUSE", incident_types=["THREAT"],
                             state="DC", gender="M", race="W", height_min=70)  # fmt: skip
    assert tier_by(everything, 70) == "protectee"
    assert tier_by(description(incident_types=["THREAT"], state="DC"), None) == "incident_types"
    assert tier_by(description(state="DC", gender="M", race="W"), None) == "state"
    assert tier_by(description(gender="M", race="W", height_min=70), 70) == "height"
    assert tier_by(description(gender="M", race="W"), None) == "gender_race"
    assert tier_by(description(gender="M", hair="BRO"), None) is None  # the scan


def test_match_person(seeded: Graph, call: Call) -> None:
    q = (
        '{ matchPerson(firstName: "John", lastName: "Smith", dob: "1980-01-02") '
        "{ entityId reasons } }"
    )
    hits = call("field_agent", q)["data"]["matchPerson"]
    assert hits[0]["entityId"] == "E-SMITH" and "same surname" in hits[0]["reasons"]
    q_doe = '{ matchPerson(firstName: "Jane", lastName: "Doe", dob: "1975-05-05") { entityId } }'
    assert call("pid_analyst", q_doe)["data"]["matchPerson"] == []


def test_match_person_finds_a_spelling_variant_within_the_birth_year_only(
    seeded: Graph, call: Call
) -> None:
    """ "Smitt" sounds like Smith (NYSIIS): a candidate when the birth year agrees or is not
    given; with another birth year it is someone else, and no candidate at all."""

    def hits(args: str) -> list[str]:
        q = f"{{ matchPerson({args}) {{ entityId reasons }} }}"
        return [h["entityId"] for h in call("field_agent", q)["data"]["matchPerson"]]

    assert hits('firstName: "John", lastName: "Smitt", dob: "1980-06-30"') == ["E-SMITH"]
    assert hits('firstName: "John", lastName: "Smitt"') == ["E-SMITH"]
    assert hits('firstName: "John", lastName: "Smitt", dob: "1950-06-30"') == []
