"""Phone numbers to E.164 ('+12025550142') without an external library.

North American numbers follow NANP rules (area code and exchange start with 2-9). Numbers written
with a leading '+' or '00' are taken as international and kept when their length is plausible.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["phone_e164"]

# Calling codes for the default countries sources actually use: the US and the Five Eyes
# partners, plus Mexico. National numbers of the non-NANP ones drop their trunk '0'.
_CALLING_CODES = {"US": "1", "CA": "1", "GB": "44", "AU": "61", "NZ": "64", "MX": "52"}
_ALLOWED = re.compile(r"[0-9+\s\-.()/]+", re.ASCII)
# 'x123', 'ext. 123', 'extension 123' trail office numbers; the extension is not part of E.164.
_EXTENSION = re.compile(r"\s*(?:x|ext\.?|extension)\s*[0-9]{1,6}\s*$", re.IGNORECASE | re.ASCII)
_NANP = re.compile(r"[2-9][0-9]{2}[2-9][0-9]{6}", re.ASCII)
# E.164 numbers carry at most 15 digits; shorter than 8 is no real international number.
_E164_MIN, _E164_MAX = 8, 15


def _nanp(national: str) -> str | None:
    if len(national) == 11 and national.startswith("1"):
        national = national[1:]
    return "+1" + national if _NANP.fullmatch(national) else None


def _international(digits: str) -> str | None:
    if digits.startswith("1"):
        return _nanp(digits)
    if digits.startswith("0") or not _E164_MIN <= len(digits) <= _E164_MAX:
        return None
    return "+" + digits


@lru_cache(maxsize=65536)  # pure; a household shares its numbers
def phone_e164(raw: str | None, default_country: str = "US") -> str | None:
    """E.164 form of a phone number, or None for text that is no phone number.

    '(202) 555-0142' -> '+12025550142'; '+44 20 7946 0958' and '0044 20 7946 0958' ->
    '+442079460958'. Numbers without '+' or '00' are read as national numbers of default_country.
    """
    if not raw:
        return None
    text = _EXTENSION.sub("", raw.strip())
    if not text or _ALLOWED.fullmatch(text) is None or text.count("+") > 1:
        return None
    if "+" in text and not text.startswith("+"):
        return None
    digits = re.sub(r"[^0-9]", "", text)
    if text.startswith("+"):
        return _international(digits)
    if digits.startswith("00"):
        return _international(digits[2:])
    code = _CALLING_CODES.get(default_country.upper())
    if code is None:
        return None
    if code == "1":
        return _nanp(digits)
    national = digits[1:] if digits.startswith("0") else digits
    return _international(code + national)
