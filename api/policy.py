"""The one declarative access policy: per role, what it may run, see and read.

Read it as a table. Deny wins everywhere: an operation not listed is refused; a field not listed
is returned as null; a compartment outside the role's ceiling is never read, whatever the token
says (effective compartments = token compartments ∩ ceiling).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

__all__ = ["POLICY", "Operation", "Role", "RolePolicy", "policy_for"]


class Role(StrEnum):
    """Caller roles (shared/DOMAIN.md)."""

    PID_SUPERVISOR = "pid_supervisor"
    PID_ANALYST = "pid_analyst"
    FIELD_AGENT = "field_agent"
    UD_OFFICER = "ud_officer"
    NAME_CHECK_SYSTEM = "name_check_system"
    FOREIGN_PARTNER = "foreign_partner"
    FDNS_ANALYST = "fdns_analyst"


class Operation(StrEnum):
    """Root fields of the schema; the policy names each one."""

    NAME_CHECK = "nameCheck"
    SEARCH_SUBJECTS = "searchSubjects"
    MATCH_PERSON = "matchPerson"
    IDENTITY = "identity"
    SUSPECTS = "suspects"
    SUBJECTS_OF_INTEREST = "subjectsOfInterest"
    SHORTEST_PATH = "shortestPath"
    NEIGHBOURHOOD = "neighbourhood"
    COMMON_CONNECTIONS = "commonConnections"
    PARTNER_QUERY = "partnerQuery"
    AUDIT_EVENTS = "auditEvents"
    JUDGE_PAIR = "judgePair"
    SPLIT_IDENTITY = "splitIdentity"
    RETIRE_CASE = "retireCase"
    PURGE_CASE = "purgeCase"


Op = Operation
_LINKS = frozenset({Op.SHORTEST_PATH, Op.NEIGHBOURHOOD, Op.COMMON_CONNECTIONS})
_ANALYSIS = (
    frozenset(
        {Op.SEARCH_SUBJECTS, Op.MATCH_PERSON, Op.IDENTITY, Op.SUSPECTS, Op.SUBJECTS_OF_INTEREST}
    )
    | _LINKS
)
_JUDGE = frozenset({Op.JUDGE_PAIR, Op.SPLIT_IDENTITY})

# Field sets, by GraphQL type. Names are the GraphQL field names.
_NAMES = frozenset({"recordId", "source", "firstName", "middleName", "lastName", "nameSuffix"})
_PHYSICAL = frozenset({"gender", "race", "hairColor", "eyeColor", "heightIn", "weightLb"})
# Field users: what confirms an identity, a location, or keeps an officer safe (DOMAIN rule 4).
_SUBJECT_FIELD = _NAMES | _PHYSICAL | {"aliases", "dob", "addresses", "watchlistStatus"}
_SUBJECT_UD = _NAMES | _PHYSICAL | {"dob", "addresses"}
_SUBJECT_IDS = frozenset({"ssn", "aNumber", "fin", "partnerId", "passport", "phones"})
_SUBJECT_FULL = (
    _SUBJECT_FIELD
    | _SUBJECT_IDS
    | {"countryOfBirth", "citizenship", "immigrationStatus", "compartments", "observedAt"}
)
_CASE_FULL = frozenset(
    {
        "caseId",
        "caseNumber",
        "title",
        "status",
        "caseType",
        "office",
        "assignedEmployees",
        "openedOn",
        "closedOn",
        "judicialActionDates",
        "physicalFile",
        "role",
    }
)
_CASE_FIELD = frozenset({"caseId", "caseNumber", "status", "assignedEmployees", "role"})
_INCIDENT_FULL = frozenset(
    {
        "incidentId",
        "system",
        "incidentType",
        "branch",
        "sector",
        "location",
        "city",
        "state",
        "occurredAt",
        "status",
        "reportingOfficer",
        "approver",
        "injuryDetail",
        "arrestCharges",
        "hateCrime",
        "drug",
        "violent",
        "gun",
        "role",
    }
)
_INCIDENT_FIELD = frozenset(
    {"incidentId", "incidentType", "branch", "location", "city", "state", "occurredAt"}
    | {"violent", "gun", "role"}  # officer safety
)
_ENCOUNTER_FULL = frozenset({"encounterId", "fin", "encounterDate", "collectedBy"})


@dataclass(frozen=True)
class RolePolicy:
    """One row of the table."""

    operations: frozenset[Operation]
    # Compartments this role may ever read (the ceiling).
    compartments: frozenset[str]
    # Persons in a protected class (8 U.S.C. 1367, 8 CFR 208.6) are visible at all.
    see_protected: bool
    # Retired cases (and what hangs only from them) stay visible.
    see_retired: bool = False
    # Identity flags shown: possibleIdentityFraud, protected.
    flags: frozenset[str] = frozenset()
    # Visible fields per GraphQL type; a type not listed shows no fields.
    fields: dict[str, frozenset[str]] = field(default_factory=dict)
    # Only registered (trusted) documents may be run: system and partner callers.
    trusted_documents_only: bool = False
    # Reads are limited to the incidents of the caller's branch (the token's `branch` claim)
    # and the people in them (DOMAIN: a UD officer sees the UDLB incidents of their branch).
    branch_scoped: bool = False


_FULL_FIELDS = {
    "Subject": _SUBJECT_FULL,
    "Case": _CASE_FULL,
    "Incident": _INCIDENT_FULL,
    "Encounter": _ENCOUNTER_FULL,
}
R = Role
POLICY: dict[Role, RolePolicy] = {
    R.PID_SUPERVISOR: RolePolicy(
        operations=_ANALYSIS | _JUDGE | {Op.RETIRE_CASE, Op.PURGE_CASE, Op.AUDIT_EVENTS},
        compartments=frozenset({"PTMS", "UDLB", "IDENT"}),
        see_protected=True,  # supervisors govern protected persons (DOMAIN: full)
        see_retired=True,
        flags=frozenset({"possibleIdentityFraud", "protected"}),
        fields={**_FULL_FIELDS, "Subject": _SUBJECT_FULL | {"protectedClasses"}},
    ),
    R.PID_ANALYST: RolePolicy(
        operations=_ANALYSIS | _JUDGE,
        compartments=frozenset({"PTMS", "UDLB", "IDENT"}),
        # Need-to-know: protective intelligence work does not need protected-class persons;
        # a supervisor can look when it does.
        see_protected=False,
        flags=frozenset({"possibleIdentityFraud"}),
        fields=_FULL_FIELDS,
    ),
    R.FIELD_AGENT: RolePolicy(
        operations=frozenset({Op.SEARCH_SUBJECTS, Op.MATCH_PERSON, Op.IDENTITY}),
        compartments=frozenset({"PTMS", "UDLB"}),
        see_protected=False,
        fields={"Subject": _SUBJECT_FIELD, "Case": _CASE_FIELD, "Incident": _INCIDENT_FIELD},
    ),
    R.UD_OFFICER: RolePolicy(
        operations=frozenset({Op.SEARCH_SUBJECTS, Op.IDENTITY}),
        compartments=frozenset({"UDLB"}),  # UDLB incidents and the people in them
        see_protected=False,
        fields={"Subject": _SUBJECT_UD, "Incident": _INCIDENT_FULL},
        branch_scoped=True,
    ),
    R.NAME_CHECK_SYSTEM: RolePolicy(
        operations=frozenset({Op.NAME_CHECK}),
        compartments=frozenset({"PTMS", "UDLB"}),
        # The answer is two booleans and "contact PID"; it reveals nothing about a class, and a
        # threat subject must not pass a check because of an unrelated visa category.
        see_protected=True,
        trusted_documents_only=True,
    ),
    R.FOREIGN_PARTNER: RolePolicy(
        operations=frozenset({Op.PARTNER_QUERY}),
        compartments=frozenset({"IDENT"}),  # USCIS biometrics only: never PTMS, never PARTNER
        see_protected=False,  # DOMAIN rule 1: never anything about a protected person
        trusted_documents_only=True,
    ),
    R.FDNS_ANALYST: RolePolicy(
        operations=frozenset({Op.SEARCH_SUBJECTS, Op.MATCH_PERSON, Op.IDENTITY}) | _LINKS,
        compartments=frozenset({"IDENT", "PARTNER"}),  # fraud work from partner results
        see_protected=True,  # fraud work inside DHS is a permitted use under 1367(b)
        flags=frozenset({"possibleIdentityFraud", "protected"}),
        fields={
            "Subject": _SUBJECT_FULL | {"protectedClasses"},
            "Encounter": _ENCOUNTER_FULL,
        },
    ),
}


def policy_for(role: str) -> RolePolicy | None:
    """The row of `role`, or None for a role the table does not know (which is denied)."""
    try:
        return POLICY[Role(role)]
    except ValueError:
        return None
