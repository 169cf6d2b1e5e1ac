"""Bearer JWT verification and, for local use only, minting.

Development and test sign with HS256 and `settings.jwt_secret`; production verifies RS256/ES256
with the public key in `settings.jwt_public_key_file` (the settings validator refuses the
development secret there)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import jwt

from api.policy import RolePolicy, policy_for
from idgraph.errors import AuthenticationError, ConfigurationError
from idgraph.settings import Settings
from loaders.codes import Branch, values

__all__ = ["Caller", "TokenVerifier", "mint_token", "verify_token"]

_REQUIRED = ["sub", "role", "compartments", "purpose", "aud", "exp"]
BRANCHES = frozenset(values(Branch))  # the five UDLB branches, as incidents record them


@dataclass(frozen=True)
class Caller:
    """Who asks, as the verified token says, with the policy row of their role."""

    sub: str
    role: str
    compartments: frozenset[str]
    purpose: str
    partner: str | None
    policy: RolePolicy
    branch: str | None  # the UDLB branch of a branch-scoped caller (a ud_officer)
    expires: float  # the token's exp, seconds since the epoch

    @property
    def effective_compartments(self) -> list[str]:
        """Token compartments within the role's ceiling (deny wins), sorted for stable digests."""
        return sorted(self.compartments & self.policy.compartments)


def _key(settings: Settings) -> str:
    if settings.jwt_public_key_file is not None:
        try:
            return settings.jwt_public_key_file.read_text(encoding="utf-8")
        except OSError as e:
            raise ConfigurationError(
                f"cannot read IDGRAPH_JWT_PUBLIC_KEY_FILE {settings.jwt_public_key_file}",
                hint="point it at the PEM public key of the token issuer",
            ) from e
    return settings.jwt_secret.get_secret_value()


def verify_token(token: str, settings: Settings) -> Caller:
    """The caller a token names; AuthenticationError for anything that does not verify.

    Messages stay generic on purpose: why a token failed is not the caller's business."""
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            _key(settings),
            algorithms=settings.jwt_algorithms,
            audience=settings.jwt_audience,
            options={"require": _REQUIRED},
        )
    except jwt.PyJWTError as e:
        raise AuthenticationError("invalid or expired token") from e
    role, compartments = claims.get("role"), claims.get("compartments")
    policy = policy_for(role) if isinstance(role, str) else None
    if policy is None or not isinstance(compartments, list):
        raise AuthenticationError("invalid or expired token")
    partner = claims.get("partner")
    if role == "foreign_partner" and not isinstance(partner, str):
        raise AuthenticationError("invalid or expired token")  # a partner must say who it is
    branch = claims.get("branch")
    if policy.branch_scoped and not (isinstance(branch, str) and branch in BRANCHES):
        raise AuthenticationError("invalid or expired token")  # scoped: no branch, no reads
    return Caller(
        sub=str(claims["sub"]),
        role=str(role),
        compartments=frozenset(str(c).upper() for c in compartments),
        purpose=str(claims["purpose"]),
        partner=partner if isinstance(partner, str) else None,
        policy=policy,
        branch=str(branch) if policy.branch_scoped else None,
        expires=float(claims["exp"]),
    )


class TokenVerifier:
    """Verifies `Authorization: Bearer <jwt>` headers for one app, remembering verdicts.

    Why remember: a name-check system sends the same token on every request, and checking its
    signature costs more than the rest of the request's Python work. A token names the same
    caller until it expires, so a verified token is kept (bounded, per app, so per settings)
    and only its expiry is checked again on reuse. Failures are never kept."""

    _MAX_KEPT = 4096

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._verified: dict[str, Caller] = {}

    def caller(self, authorization: str | None) -> Caller:
        if not authorization:
            raise AuthenticationError("missing bearer token")
        scheme, _, token = authorization.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise AuthenticationError("missing bearer token")
        kept = self._verified.get(token)
        if kept is not None:
            if time.time() < kept.expires:
                return kept
            del self._verified[token]
            raise AuthenticationError("invalid or expired token")
        caller = verify_token(token, self._settings)
        if len(self._verified) >= self._MAX_KEPT:
            self._verified.clear()  # rare; simpler and no slower on average than LRU upkeep
        self._verified[token] = caller
        return caller


def mint_token(
    settings: Settings,
    *,
    role: str,
    compartments: list[str],
    purpose: str,
    sub: str = "local-user",
    partner: str | None = None,
    branch: str | None = None,
    ttl_s: int = 3600,
) -> str:
    """An HS256 token for development and tests; refused in production (no private key here)."""
    if settings.env == "production":
        raise ConfigurationError(
            "tokens are not minted in production", hint="ask the identity provider for one"
        )
    if policy_for(role) is None:
        raise ConfigurationError(f"unknown role {role!r}", hint="use a role from api/policy.py")
    now = int(time.time())
    claims: dict[str, Any] = {
        "sub": sub,
        "role": role,
        "compartments": [c.upper() for c in compartments],
        "purpose": purpose,
        "aud": settings.jwt_audience,
        "iat": now,
        "exp": now + ttl_s,
    }
    if partner:
        claims["partner"] = partner.upper()
    if branch:
        claims["branch"] = branch.upper()
    return jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm="HS256")
