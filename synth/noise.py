"""The mistakes and variations real sources make, as small functions of one random generator."""

from __future__ import annotations

import unicodedata
from datetime import date
from functools import lru_cache
from random import Random

from synth.fast_random import below, between, pick

__all__ = [
    "a_number_written",
    "ascii_fold",
    "dob_written",
    "phone_written",
    "ssn_typo",
    "ssn_written",
    "typo",
]

_KEYBOARD_NEIGHBOURS = {
    "a": "sqz",
    "b": "vn",
    "c": "xv",
    "d": "sf",
    "e": "wr",
    "f": "dg",
    "g": "fh",
    "h": "gj",
    "i": "uo",
    "j": "hk",
    "k": "jl",
    "l": "k",
    "m": "n",
    "n": "bm",
    "o": "ip",
    "p": "o",
    "q": "w",
    "r": "et",
    "s": "ad",
    "t": "ry",
    "u": "yi",
    "v": "cb",
    "w": "qe",
    "x": "zc",
    "y": "tu",
    "z": "x",
}
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=4096)
def ascii_fold(text: str) -> str:
    """'García' -> 'Garcia': what systems without diacritics store."""
    decomposed = unicodedata.normalize(
        "NFKD", text.replace("Đ", "D").replace("đ", "d").replace("Ł", "L").replace("ł", "l")
    )
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _one_edit(rng: Random, word: str) -> str:
    if len(word) < 3:
        return word
    i = between(rng, 1, len(word) - 1)  # first letters are rarely mistyped
    op = rng.random()
    if op < 0.3:  # transposition
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if op < 0.55:  # deletion
        return word[:i] + word[i + 1 :]
    if op < 0.8:  # substitution by a keyboard neighbour
        lower = word[i].lower()
        swap = pick(rng, _KEYBOARD_NEIGHBOURS.get(lower, _LETTERS))
        return word[:i] + (swap.upper() if word[i].isupper() else swap) + word[i + 1 :]
    return word[:i] + word[i] + word[i:]  # doubled letter


def typo(rng: Random, word: str) -> str:
    """One edit, sometimes two (transposition, deletion, neighbour key, doubled letter)."""
    out = _one_edit(rng, word)
    return _one_edit(rng, out) if rng.random() < 0.25 else out


def dob_written(rng: Random, dob: date, label: list[str]) -> str | None:
    """The DOB as a source wrote it: mostly right, sometimes swapped, partial, placeholder, typo.

    The kind of noise applied is appended to `label`.
    """
    y, m, d = dob.year, dob.month, dob.day
    roll = rng.random()
    if roll < 0.80:
        return f"{y:04d}-{m:02d}-{d:02d}"
    if roll < 0.84 and d <= 12 and d != m:
        label.append("dob_day_month")
        return f"{y:04d}-{d:02d}-{m:02d}"
    if roll < 0.88:
        label.append("dob_partial")
        return f"{y:04d}-{m:02d}" if rng.random() < 0.5 else f"{y:04d}"
    if roll < 0.92:
        label.append("dob_placeholder")
        return f"{y:04d}-01-01"
    if roll < 0.96:
        label.append("dob_typo")
        if rng.random() < 0.5:
            # A 29 February moved to a common year is no date at all: the loader would reject
            # it, so the typo lands on the 28th.
            day = 28 if (m, d) == (2, 29) else d
            return f"{y + pick(rng, (-1, 1)):04d}-{m:02d}-{day:02d}"
        day = d + 1 if d < 28 else d - 1  # day 28 exists in every month
        return f"{y:04d}-{m:02d}-{day:02d}"
    label.append("dob_missing")
    return None


def ssn_typo(rng: Random, digits: str) -> str:
    """One digit changed, or two neighbouring digits swapped."""
    i = between(rng, 0, 8)
    if rng.random() < 0.5 and digits[i] != digits[i + 1]:
        return digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]
    new = str((int(digits[i]) + between(rng, 1, 10)) % 10)
    return digits[:i] + new + digits[i + 1 :]


def ssn_written(rng: Random, digits: str) -> str:
    style = rng.random()
    if style < 0.6:
        return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"
    if style < 0.9:
        return digits
    return f"{digits[:3]} {digits[3:5]} {digits[5:]}"


def a_number_written(rng: Random, number: int) -> str:
    """All the ways A-Numbers are written; 8-digit (older) ones also without the leading zero."""
    nine = f"{number:09d}"
    style = below(rng, 6)
    if style == 0:
        return "A" + nine
    if style == 1:
        return f"A-{nine[:3]}-{nine[3:6]}-{nine[6:]}"
    if style == 2:
        return nine
    if style == 3 and nine.startswith("0"):
        return nine[1:]
    if style == 4 and nine.startswith("0"):
        return f"a {nine[1:3]}-{nine[3:6]}-{nine[6:]}"
    return "A" + nine


def phone_written(rng: Random, national: str) -> str:
    """A ten-digit NANP number in one of the usual formats."""
    a, b, c = national[:3], national[3:6], national[6:]
    style = below(rng, 5)
    if style == 0:
        return f"({a}) {b}-{c}"
    if style == 1:
        return f"{a}-{b}-{c}"
    if style == 2:
        return f"{a}.{b}.{c}"
    if style == 3:
        return f"+1 {a} {b} {c}"
    return national
