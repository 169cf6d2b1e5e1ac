"""The per-app token verifier: a verified token is remembered only until it expires, a bad one
is never remembered, and one app's verdicts never serve another app's settings."""

from __future__ import annotations

import time

import pytest
from pydantic import SecretStr

from api.auth import TokenVerifier, mint_token
from idgraph.errors import AuthenticationError
from idgraph.settings import Settings


def _settings(secret: str) -> Settings:
    return Settings(jwt_secret=SecretStr(secret))


def test_a_remembered_token_is_refused_once_expired(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _settings("s" * 40)
    verifier = TokenVerifier(settings)
    token = mint_token(settings, role="pid_analyst", compartments=["PTMS"], purpose="t", ttl_s=60)
    assert verifier.caller(f"Bearer {token}").role == "pid_analyst"
    assert verifier.caller(f"Bearer {token}").role == "pid_analyst"  # from memory
    later = time.time() + 120
    monkeypatch.setattr("api.auth.time.time", lambda: later)
    with pytest.raises(AuthenticationError):
        verifier.caller(f"Bearer {token}")


def test_verdicts_are_per_app_settings() -> None:
    issuer = _settings("a" * 40)
    token = mint_token(issuer, role="pid_analyst", compartments=["PTMS"], purpose="t")
    assert TokenVerifier(issuer).caller(f"Bearer {token}").sub == "local-user"
    with pytest.raises(AuthenticationError):
        TokenVerifier(_settings("b" * 40)).caller(f"Bearer {token}")


@pytest.mark.parametrize("header", [None, "", "Bearer ", "Basic abc", "Bearer not-a-jwt"])
def test_missing_or_bad_headers_are_refused_every_time(header: str | None) -> None:
    verifier = TokenVerifier(_settings("c" * 40))
    for _ in range(2):
        with pytest.raises(AuthenticationError):
            verifier.caller(header)
