"""Name normalisers: one comparison form, tokens, a surname key and name suffixes.

Sources write the same name as 'GARCÍA-LÓPEZ', 'Garcia Lopez' and "garcia  lopez"; everything the
resolver compares goes through `comparison_form` so those are equal. None of these functions
raises on arbitrary text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["PARTICLES", "comparison_form", "name_tokens", "split_suffix", "surname_key"]

# Letters NFKD does not decompose into an ASCII base letter plus accents.
_FOLD = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ł": "l",
        "ı": "i",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ħ": "h",
        "ŧ": "t",
        "ŋ": "n",
        "ĸ": "k",
        "ſ": "s",
    }
)
# Apostrophes join: O'Brien and OBrien are the same surname.
_APOSTROPHES = re.compile(r"['’‘`ʼʻ´]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+", re.ASCII)

# Particles sources attach or detach at will (Al-Hassan, El Hassan, Hassan; van der Berg).
PARTICLES = frozenset(
    {
        "al",
        "el",
        "de",
        "del",
        "der",
        "van",
        "von",
        "da",
        "di",
        "la",
        "le",
        "bin",
        "ibn",
        "abu",
        "st",
        "ul",
    }
)
# 'Mc Donald' is a spelling of McDonald, not a particle plus a surname.
_GLUED_PREFIXES = frozenset({"mc"})

_SUFFIXES = {
    "JR": "JR",
    "JNR": "JR",
    "JUNIOR": "JR",
    "SR": "SR",
    "SNR": "SR",
    "SENIOR": "SR",
    "I": "I",
    "1ST": "I",
    "II": "II",
    "2ND": "II",
    "III": "III",
    "3RD": "III",
    "IV": "IV",
    "4TH": "IV",
    "V": "V",
    "5TH": "V",
}


@lru_cache(maxsize=65536)
def comparison_form(raw: str | None) -> str:
    """Lower-case ASCII with accents folded, apostrophes removed, other punctuation as spaces.

    "O'Brien" -> 'obrien'; 'García-López' -> 'garcia lopez'; 'Straße' -> 'strasse'.
    """
    if not raw:
        return ""
    text = _APOSTROPHES.sub("", raw.lower().translate(_FOLD))
    decomposed = unicodedata.normalize("NFKD", text)
    # NFKD can produce upper-case or foldable letters again (e.g. ligatures), so fold once more.
    ascii_text = decomposed.lower().translate(_FOLD).encode("ascii", "ignore").decode("ascii")
    return _NOT_ALNUM.sub(" ", _APOSTROPHES.sub("", ascii_text)).strip()


def name_tokens(raw: str | None) -> tuple[str, ...]:
    """Comparison-form tokens, particles as their own tokens: 'Al-Hassan' -> ('al', 'hassan')."""
    tokens = comparison_form(raw).split()
    joined: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in _GLUED_PREFIXES and i + 1 < len(tokens):
            joined.append(token + tokens[i + 1])
            i += 2
            continue
        joined.append(token)
        i += 1
    return tuple(joined)


@lru_cache(maxsize=65536)
def surname_key(raw: str | None) -> str:
    """Surname tokens without particles: 'Al-Hassan', 'El Hassan' and 'Hassan' -> 'hassan'.

    A surname made only of particles (the Vietnamese 'Le', the Italian 'Di') keeps them.
    """
    tokens = name_tokens(raw)
    core = [t for t in tokens if t not in PARTICLES]
    return " ".join(core or tokens)


def _suffix_code(token: str) -> str | None:
    return _SUFFIXES.get(token.upper().strip(".,"))


@lru_cache(maxsize=65536)
def split_suffix(last: str | None, suffix: str | None) -> tuple[str, str | None]:
    """Last name without a trailing Jr/Sr/II/III/IV, and the suffix in canonical form.

    ('Smith Jr.', None) -> ('Smith', 'JR'); ('Smith', 'junior') -> ('Smith', 'JR'). A suffix
    that is not a generational one (e.g. 'Esq') is returned upper-cased without dots.
    """
    last_text = (last or "").strip()
    given = (suffix or "").strip()
    parts = last_text.replace(",", " ").split()
    found: str | None = None
    # Only strip when something remains: a surname written as 'V' alone stays a surname.
    if len(parts) >= 2:
        found = _suffix_code(parts[-1])
        if found is not None:
            last_text = " ".join(parts[:-1])
    if given:
        cleaned = given.upper().replace(".", "").strip()
        return last_text, _SUFFIXES.get(cleaned, cleaned or None)
    return last_text, found
