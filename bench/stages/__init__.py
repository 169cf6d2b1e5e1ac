"""One module per measured stage; each returns a dict of figures with a `status`
("ok", or "not available: why" when the code it measures does not exist yet)."""

from __future__ import annotations

from typing import Any

__all__ = ["not_available"]


def not_available(reason: str) -> dict[str, Any]:
    """The figures of a stage that could not run, with the reason (never a made-up number)."""
    return {"status": f"not available: {reason}"}
