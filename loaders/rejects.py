"""Rejected input lines: what was wrong, where, and what to do; written as JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

__all__ = ["Reject", "RejectWriter", "write_rejects"]

_RAW_KEPT = 10_000  # characters of the offending line kept in the reject file


@dataclass(frozen=True)
class Reject:
    """One input line that was not loaded.

    `field` is None when the whole line is wrong (bad JSON, unknown kind). `also` lists further
    problems on the same line, each already formatted as "field 'x': reason; hint".
    """

    file: str
    line: int
    field: str | None
    reason: str
    hint: str
    raw: str
    also: tuple[str, ...] = ()

    def __str__(self) -> str:
        where = f"field '{self.field}': " if self.field else ""
        more = f" (and {len(self.also)} more)" if self.also else ""
        return f"{self.file}:{self.line}: {where}{self.reason}; {self.hint}{more}"

    def to_json(self) -> dict[str, Any]:
        """The reject as written to the reject file, with the full sentence as `message`."""
        row = asdict(self)
        row["raw"] = self.raw[:_RAW_KEPT]
        row["also"] = list(self.also)
        row["message"] = str(self)
        return row


class RejectWriter:
    """Appends rejects to a JSON Lines file as they come, so a huge load keeps memory flat."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self._handle: IO[str] | None = None

    def __enter__(self) -> RejectWriter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Line-buffered: a run killed half way leaves every reject found so far on disk.
        self._handle = self.path.open("w", encoding="utf-8", buffering=1)
        return self

    def write(self, reject: Reject) -> None:
        if self._handle is None:
            raise RuntimeError("RejectWriter.write outside its with-block")
        self._handle.write(json.dumps(reject.to_json(), ensure_ascii=False) + "\n")
        self.count += 1

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def write_rejects(rejects: Iterable[Reject], path: Path) -> int:
    """Write every reject to `path` (JSON Lines); returns how many were written."""
    with RejectWriter(path) as writer:
        for reject in rejects:
            writer.write(reject)
        return writer.count
