"""Input parsing shared by operations: normalised search keys, cursors, bounded numbers.

Normalisation uses the same functions the loaders used, so a query key equals a stored key."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from typing import Any

import jellyfish
from graphql import GraphQLError

from idgraph.errors import IdgraphError, InputError, response_for
from normalize import (
    DateFormatError,
    a_number,
    comparison_form,
    dob_parts,
    fin,
    split_suffix,
    ssn,
    surname_key,
)

__all__ = [
    "PersonKeys",
    "decode_cursor",
    "encode_cursor",
    "gql_error",
    "lucene_names",
    "person_keys",
]

_TOKEN = re.compile(r"[a-z0-9]+")
# Longer name queries add nothing but Lucene work; 8 tokens cover any real full name.
_MAX_TOKENS = 8


def gql_error(error: IdgraphError) -> GraphQLError:
    """The GraphQL error for one of ours: its message and the code from idgraph.errors."""
    return GraphQLError(error.message, extensions={"code": response_for(error).graphql_code})


@dataclass(frozen=True)
class PersonKeys:
    """A described person in the stored comparison forms (None where not given)."""

    first_key: str | None
    last_key: str | None
    nysiis: str | None
    dob: str | None
    dob_year: int | None
    ssn: str | None
    fin: str | None
    a_number: str | None
    gender: str | None

    def params(self) -> dict[str, Any]:
        return {
            "first_key": self.first_key,
            "last_key": self.last_key,
            "nysiis": self.nysiis,
            "dob": self.dob,
            "dob_year": self.dob_year,
            "ssn": self.ssn,
            "fin": self.fin,
            "a_number": self.a_number,
            "gender": self.gender,
        }


def person_keys(
    *,
    first: str | None = None,
    last: str | None = None,
    dob: str | None = None,
    ssn_raw: str | None = None,
    fin_raw: str | None = None,
    a_number_raw: str | None = None,
    gender: str | None = None,
) -> PersonKeys:
    """Normalise a description; a malformed DOB is the caller's input error."""
    last_clean, _ = split_suffix(last, None)
    last_key = comparison_form(last_clean) or None
    key = surname_key(last_clean)
    first_token = key.split(" ", 1)[0] if key else ""
    try:
        parts = dob_parts(dob) if dob else None
    except DateFormatError as e:
        raise gql_error(InputError(f"dob {dob!r} is not YYYY-MM-DD, YYYY-MM or YYYY")) from e
    social = ssn(ssn_raw) if ssn_raw else None
    return PersonKeys(
        first_key=comparison_form(first) or None,
        last_key=last_key,
        nysiis=jellyfish.nysiis(first_token) if first_token else None,
        dob=dob.strip() if dob else None,
        dob_year=parts.year if parts else None,
        ssn=social.digits if social else None,
        fin=fin(fin_raw) if fin_raw else None,
        a_number=a_number(a_number_raw) if a_number_raw else None,
        gender=gender.strip().upper() if gender else None,
    )


def lucene_names(*names: str | None) -> str | None:
    """A full-text query of fuzzy terms: every token `term~` (edit distance 2) or a prefix.
    Only [a-z0-9] tokens survive, so no Lucene syntax from the caller reaches the index."""
    tokens: list[str] = []
    for name in names:
        tokens.extend(_TOKEN.findall(comparison_form(name)))
    tokens = list(dict.fromkeys(tokens))[:_MAX_TOKENS]
    if not tokens:
        return None
    return " OR ".join(f"({t}~ OR {t}*)" for t in tokens)


def encode_cursor(offset: int) -> str:
    """Opaque Relay cursor for a position in a ranked result."""
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    """Position after `cursor`; a cursor we did not issue is an input error."""
    if cursor is None:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        kind, _, number = text.partition(":")
        offset = int(number)
    except (ValueError, binascii.Error, UnicodeDecodeError) as e:
        raise gql_error(InputError("after: not a cursor this API issued")) from e
    if kind != "o" or offset < 0:
        raise gql_error(InputError("after: not a cursor this API issued"))
    return offset + 1
