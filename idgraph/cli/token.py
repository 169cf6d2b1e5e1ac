"""`idgraph token`: mint a development token for a role (refused in production)."""

from __future__ import annotations

import typer

from idgraph.settings import get_settings

__all__ = ["token"]


def token(
    role: str = typer.Option(..., help="a role of api/policy.py, e.g. pid_analyst"),
    compartments: str = typer.Option(..., help="comma-separated, e.g. PTMS,UDLB"),
    purpose: str = typer.Option(..., help="why the caller asks (recorded in the audit)"),
    partner: str | None = typer.Option(None, help="partner country code (foreign_partner)"),
    branch: str | None = typer.Option(
        None, help="UDLB branch (ud_officer), e.g. WHITE_HOUSE or FOREIGN_MISSIONS"
    ),
    sub: str = typer.Option("local-user", help="the caller's name in the audit"),
    ttl: int = typer.Option(3600, min=60, max=86_400, help="seconds until it expires"),
) -> None:
    """Print a signed HS256 token for local use."""
    from api.auth import mint_token  # api is only needed by this command

    value = mint_token(
        get_settings(),
        role=role,
        compartments=[c.strip() for c in compartments.split(",") if c.strip()],
        purpose=purpose,
        sub=sub,
        partner=partner,
        branch=branch,
        ttl_s=ttl,
    )
    typer.echo(value)
