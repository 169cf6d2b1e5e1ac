"""Cypher statements live in `cypher/*.cypher`, one statement a file, loaded once by name."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from idgraph.errors import ConfigurationError

__all__ = ["CYPHER_DIR", "query", "statements"]

CYPHER_DIR = Path(__file__).resolve().parent.parent / "cypher"


@cache
def query(name: str) -> str:
    """The text of `cypher/<name>.cypher` (name may contain `/` for subfolders)."""
    path = CYPHER_DIR / f"{name}.cypher"
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError as e:
        raise ConfigurationError(
            f"no Cypher statement named {name!r} ({path})",
            hint="add the .cypher file or fix the name; statements are looked up by file name",
        ) from e


def statements(text: str) -> list[str]:
    """Split a file of several statements (migrations) on `;` at line ends, dropping comments."""
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("//")]
    parts = "\n".join(lines).split(";\n")
    return [p.strip().rstrip(";").strip() for p in parts if p.strip().rstrip(";").strip()]
