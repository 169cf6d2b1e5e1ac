"""The one settings object: every knob of idgraph, read from `IDGRAPH_*` environment variables
(or a `.env` file), validated once at start."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["DEV_JWT_SECRET", "PROJECT_ROOT", "Settings", "get_settings"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Known to everyone who reads this file, so it may only ever sign development tokens.
DEV_JWT_SECRET = "idgraph-development-only-secret-do-not-use"  # noqa: S105
DEV_ENTITY_ID_KEY = "idgraph-development-only-entity-id-key"


class Settings(BaseSettings):
    """idgraph configuration. Every field maps to `IDGRAPH_<FIELD>`."""

    model_config = SettingsConfigDict(env_prefix="IDGRAPH_", env_file=".env", extra="ignore")

    # Deployment stage: development enables GraphiQL and local token minting; production refuses
    # default secrets, masks errors and turns introspection off.
    env: Literal["development", "test", "production"] = "development"

    # External Neo4j (bolt:// for one server, neo4j:// for a routing cluster or Aura). Unset means
    # the local Neo4j that `idgraph db start` provisions and runs.
    neo4j_uri: str | None = None
    # User for the external Neo4j; the local one always uses `neo4j`.
    neo4j_user: str = "neo4j"
    # Password for the external Neo4j; the local one generates its own into var/neo4j/password.
    neo4j_password: SecretStr | None = None
    # Database name, passed on every query (Community has one user database: `neo4j`).
    neo4j_database: str = "neo4j"
    # Seconds to wait for a connection before reporting Neo4j unreachable.
    neo4j_connect_timeout_s: float = Field(default=5.0, gt=0)

    # Working folder for the local Neo4j, load state and results (git-ignored).
    data_dir: Path = PROJECT_ROOT / "var"
    # Name of the local instance: its files live in data_dir/<instance>; tests use their own.
    local_instance: str = "neo4j"
    # Bolt port of the local Neo4j, bound to 127.0.0.1 only.
    local_bolt_port: int = Field(default=7687, ge=1024, le=65535)
    # JVM heap of the local Neo4j: transaction state of 10k-row batches plus query memory.
    local_heap: str = "4g"
    # Page cache of the local Neo4j: holds the store of ~1M subjects with indexes in memory on a
    # 24 GiB machine while leaving room for Python and the API.
    local_pagecache: str = "4g"
    # Seconds `db start` waits for Bolt to answer before giving up.
    local_start_timeout_s: float = Field(default=120.0, gt=0)

    # Rows per write transaction (STYLE: 5k-25k keeps transactions small and round trips few).
    # 5k measured fastest here: 2,489 subjects/s against 1,612 at 10k (docs/performance.md).
    load_batch_size: int = Field(default=5_000, ge=100, le=50_000)

    # API bind address; loopback by default so nothing is exposed by accident.
    api_host: str = "127.0.0.1"
    # API port.
    api_port: int = Field(default=8000, ge=1, le=65535)
    # Uvicorn worker processes (one per core on the 2-core reference machine).
    api_workers: int = Field(default=1, ge=1, le=64)
    # Neo4j stops an API read after this many seconds, so a query its client has given up on
    # does not keep the database busy for the callers behind it (QUERY_TIMEOUT error).
    api_query_timeout_s: float = Field(default=10.0, gt=0)

    # HS256 secret for tokens minted by `idgraph token` (development and test only).
    jwt_secret: SecretStr = SecretStr(DEV_JWT_SECRET)
    # PEM public key file verifying RS256/ES256 tokens in production.
    jwt_public_key_file: Path | None = None
    # Accepted signing algorithms; production must not accept HS256 with the development secret.
    jwt_algorithms: list[str] = ["HS256"]
    # Expected `aud` claim.
    jwt_audience: str = "idgraph"

    # Key of the HMAC that mints an identity's id from its smallest record id. Callers see ids
    # of identities whose members they may not all read; with a plain hash, whoever guessed a
    # hidden record's id (they are often sequential) could confirm that the identity holds it.
    # Set it once per deployment and keep it secret: changing it changes the ids minted after,
    # never those already issued (resolver/ids.py).
    entity_id_key: SecretStr = SecretStr(DEV_ENTITY_ID_KEY)

    # GraphQL hardening: deepest selection nesting accepted (the deepest legitimate query,
    # searchSubjects -> edges -> node -> addresses, is 5 levels).
    api_max_query_depth: int = Field(default=8, ge=2, le=50)
    # Most lexical tokens in one document: room for every operation, not for abuse.
    api_max_tokens: int = Field(default=2000, ge=100, le=100_000)
    # Most aliases in one document: stops one request from fanning out into hundreds of queries.
    api_max_aliases: int = Field(default=10, ge=1, le=1000)
    # Least time a partnerQuery answer takes, so a protected person's NO_MATCH (filtered in the
    # query) cannot be told apart from nobody's by timing.
    api_partner_floor_ms: int = Field(default=50, ge=0, le=5000)

    @model_validator(mode="after")
    def _refuse_default_secrets_outside_development(self) -> Settings:
        if self.env == "production":
            dev_secret = self.jwt_secret.get_secret_value() == DEV_JWT_SECRET
            if dev_secret and "HS256" in self.jwt_algorithms:
                raise ValueError(
                    "IDGRAPH_JWT_SECRET is the development default; in production set "
                    "IDGRAPH_JWT_PUBLIC_KEY_FILE and IDGRAPH_JWT_ALGORITHMS='[\"RS256\"]'"
                )
            if self.entity_id_key.get_secret_value() == DEV_ENTITY_ID_KEY:
                raise ValueError(
                    "IDGRAPH_ENTITY_ID_KEY is the development default; in production set a "
                    "random key of its own and keep it"
                )
            if self.neo4j_uri is None:
                raise ValueError("production needs an external Neo4j: set IDGRAPH_NEO4J_URI")
            if self.neo4j_password is None:
                raise ValueError("production needs IDGRAPH_NEO4J_PASSWORD")
        return self

    @property
    def uses_local_neo4j(self) -> bool:
        """True when idgraph runs its own Neo4j rather than an external server."""
        return self.neo4j_uri is None

    @property
    def local_home(self) -> Path:
        """Folder of the local Neo4j instance (data, logs, pid file, password)."""
        return self.data_dir / self.local_instance


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, validated once."""
    return Settings()
