"""Closed value sets of the input records (docs/records.md lists them with their meaning).

Each set is a `Literal` so pydantic rejects anything else and mypy checks the code that builds
records; `values(...)` gives the members for docs, CSV hints and the synthetic generator. Codes
are matched case-insensitively: 'asylum' is read as 'ASYLUM'.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BeforeValidator

__all__ = [
    "PTMS_INCIDENT_TYPES",
    "UDLB_INCIDENT_TYPES",
    "Branch",
    "CaseStatus",
    "CaseType",
    "CollectedBy",
    "Direction",
    "EyeColor",
    "Gender",
    "HairColor",
    "IncidentStatus",
    "IncidentSystem",
    "IncidentType",
    "Interest",
    "PartnerCountry",
    "PhoneKind",
    "Priority",
    "ProtectedClass",
    "Race",
    "Reason",
    "ResponseResult",
    "Role",
    "values",
]


def _upper(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


def _lower(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


# Pydantic runs these before checking the Literal; mypy sees the plain Literal.
_UPPER = BeforeValidator(_upper)
_LOWER = BeforeValidator(_lower)


def values(literal: Any) -> tuple[str, ...]:
    """Members of a closed set, in declaration order."""
    args = get_args(literal)
    # Annotated[Literal[...], ...] keeps the Literal as its first argument.
    return tuple(str(a) for a in (get_args(args[0]) if args and get_args(args[0]) else args))


Gender = Annotated[Literal["M", "F", "X", "U"], _UPPER]
# NCIC race, hair and eye codes; XXX is NCIC's 'unknown'.
Race = Annotated[Literal["W", "B", "A", "I", "U"], _UPPER]
HairColor = Annotated[
    Literal[
        "BLK",
        "BRO",
        "BLN",
        "RED",
        "GRY",
        "BAL",
        "SDY",
        "WHI",
        "BLU",
        "GRN",
        "ONG",
        "PLE",
        "PNK",
        "XXX",
    ],
    _UPPER,
]
EyeColor = Annotated[
    Literal["BRO", "BLU", "GRN", "HAZ", "BLK", "GRY", "MAR", "MUL", "PNK", "XXX"], _UPPER
]
ProtectedClass = Annotated[Literal["T_VISA", "U_VISA", "VAWA", "ASYLUM", "REFUGEE"], _UPPER]
PhoneKind = Annotated[
    Literal["home", "office", "mobile", "unknown"], _LOWER
]  # lower case, as on HAS_PHONE

Role = Annotated[
    Literal["SUBJECT", "SUSPECT", "ARRESTEE", "INJURED", "WITNESS", "VICTIM", "REPORTER"], _UPPER
]
Interest = Annotated[Literal["THREAT", "INAPPROPRIATE_INTEREST", "OTHER"], _UPPER]

CaseStatus = Annotated[Literal["OPEN", "CLOSED", "RETIRED"], _UPPER]
CaseType = Annotated[
    Literal[
        "INVESTIGATIVE", "LOST_PROPERTY", "MOVEMENT_AFFECTING_INCIDENT", "OTHER_NON_INVESTIGATIVE"
    ],
    _UPPER,
]

IncidentSystem = Annotated[Literal["PTMS", "UDLB"], _UPPER]
IncidentStatus = Annotated[Literal["OPEN", "PENDING_APPROVAL", "APPROVED", "CLOSED"], _UPPER]
PtmsIncidentType = Literal[
    "THREAT",
    "OVERFLIGHT",
    "CIVIL_DISORDER",
    "EXCLUSION",
    "NATURAL_OCCURRENCE",
    "BOMB_INCIDENT",
    "HIJACKING",
    "MOTORCADE_INCIDENT",
    "SECURITY_COMPROMISE",
    "UNCORROBORATED_SOURCE_REPORT",
    "ASSASSINATION",
    "OTHER",
]
UdlbIncidentType = Literal[
    "ALARM",
    "ASSISTANCE",
    "COVERAGE",
    "DEMONSTRATION",
    "EMPLOYEE_SICK_INJURY",
    "PENETRATION",
    "THREAT",
    "VEHICLE_ACCIDENT",
    "ARREST",
]
PTMS_INCIDENT_TYPES = values(PtmsIncidentType)
UDLB_INCIDENT_TYPES = values(UdlbIncidentType)
# One Literal for both systems (nested Literals flatten); the Incident model checks the type
# belongs to its system.
IncidentType = Annotated[Literal[PtmsIncidentType, UdlbIncidentType], _UPPER]
Branch = Annotated[
    Literal[
        "WHITE_HOUSE",
        "FOREIGN_MISSIONS",
        "NAVAL_OBSERVATORY",
        "OFFICE_OF_THE_CHIEF",
        "SPECIAL_OPERATIONS",
    ],
    _UPPER,
]

PartnerCountry = Annotated[Literal["AUS", "CAN", "NZL", "GBR", "USA"], _UPPER]
CollectedBy = Annotated[Literal["USCIS", "AUS", "CAN", "NZL", "GBR", "USA"], _UPPER]
Direction = Annotated[Literal["PARTNER_TO_USCIS", "USCIS_TO_PARTNER"], _UPPER]
Reason = Annotated[
    Literal["VISA_APPLICANT", "APPLICATION", "REFUGEE_CLAIMANT", "ENFORCEMENT", "ABSCONDER"], _UPPER
]
Priority = Annotated[Literal["HIGH", "MEDIUM", "LOW"], _UPPER]
ResponseResult = Annotated[Literal["MATCH", "NO_MATCH"], _UPPER]
