"""How the CLI reports expected faults: one line of what, one of what to do, the table's exit
code, and no traceback."""

from __future__ import annotations

from rich.console import Console

from idgraph.errors import IdgraphError, response_for

__all__ = ["report"]

_stderr = Console(stderr=True)


def report(error: IdgraphError) -> int:
    """Print `error` for a person and return the exit code the error table gives it."""
    _stderr.print(f"[bold red]error:[/] {error.message}", highlight=False)
    if error.hint:
        _stderr.print(f"[yellow]what to do:[/] {error.hint}", highlight=False)
    return response_for(error).exit_code
