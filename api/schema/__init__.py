"""The GraphQL schema: one root type per area, merged, with the hardening extensions."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import strawberry
from graphql.validation import ASTValidationRule, NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
)

from api.schema.admin import AdminMutation, AdminQuery
from api.schema.documents_cache import validated_documents
from api.schema.guard import PolicyGuard, SafeErrors
from api.schema.investigate import InvestigateQuery
from api.schema.links import LinksQuery
from api.schema.partner import PartnerQuery
from api.schema.people import PeopleQuery
from idgraph.settings import Settings

__all__ = ["Mutation", "Query", "build_schema"]

_DOCUMENT_CACHE = 256  # distinct documents kept parsed and validated per process


@strawberry.type
class Query(PeopleQuery, InvestigateQuery, LinksQuery, PartnerQuery, AdminQuery):
    """Every read operation; the policy table decides who may run which."""


@strawberry.type
class Mutation(AdminMutation):
    """Human decisions and case retirement/purge."""


def build_schema(settings: Settings) -> strawberry.Schema:
    """The schema with limits from settings; introspection off in production. Extensions are
    factories: strawberry makes fresh instances per request, so no state is shared.

    The limit rules are built once here, not per request: the validation cache is keyed by the
    rule classes, and the limiters make a new class on every construction, which would make
    every request a cache miss (measured: ~5 ms of validation per name check).
    The verdict cache is the schema's own (api/schema/documents_cache.py)."""
    rules: list[type[ASTValidationRule]] = [
        *QueryDepthLimiter(max_depth=settings.api_max_query_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=settings.api_max_aliases).validation_rules,
    ]
    if settings.env == "production":
        rules.append(NoSchemaIntrospectionCustomRule)
    extensions: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        partial(MaxTokensLimiter, max_token_count=settings.api_max_tokens),
        partial(AddValidationRules, rules),
        PolicyGuard,
        SafeErrors,
        # Callers send the same few documents over and over (name checks above all): parse and
        # validate each once per process, not once per request.
        partial(ParserCache, maxsize=_DOCUMENT_CACHE),
        validated_documents(_DOCUMENT_CACHE),
    ]
    return strawberry.Schema(query=Query, mutation=Mutation, extensions=extensions)
