"""Pure normalisers for identifiers, phones, names, dates and addresses (stdlib only).

Every function takes text as a source wrote it and returns the form idgraph compares and stores
beside the raw value. Only `dob_parts` raises, and only its documented `DateFormatError`.
"""

from normalize.addresses import address_key
from normalize.dates import DateFormatError, DobParts, dob_parts
from normalize.identifiers import Ssn, a_number, fin, partner_id, passport, ssn
from normalize.names import PARTICLES, comparison_form, name_tokens, split_suffix, surname_key
from normalize.phones import phone_e164

__all__ = [
    "PARTICLES",
    "DateFormatError",
    "DobParts",
    "Ssn",
    "a_number",
    "address_key",
    "comparison_form",
    "dob_parts",
    "fin",
    "name_tokens",
    "partner_id",
    "passport",
    "phone_e164",
    "split_suffix",
    "ssn",
    "surname_key",
]
