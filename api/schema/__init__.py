"""The GraphQL schema: one root type per area, merged, with the hardening extensions."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import strawberry
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

from api.schema.admin import AdminMutation, AdminQuery
from api.schema.guard import PolicyGuard, SafeErrors
from api.schema.investigate import InvestigateQuery
from api.schema.links import LinksQuery
from api.schema.partner import PartnerQuery
from api.schema.people import PeopleQuery
from idgraph.settings import Settings

__all__ = ["Mutation", "Query", "build_schema"]


@strawberry.type
class Query(PeopleQuery, InvestigateQuery, LinksQuery, PartnerQuery, AdminQuery):
    """Every read operation; the policy table decides who may run which."""


@strawberry.type
class Mutation(AdminMutation):
    """Human decisions and case retirement/purge."""


def build_schema(settings: Settings) -> strawberry.Schema:
    """The schema with limits from settings; introspection off in production. Extensions are
    factories: strawberry makes fresh instances per request, so no state is shared."""
    extensions: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        partial(QueryDepthLimiter, max_depth=settings.api_max_query_depth),
        partial(MaxTokensLimiter, max_token_count=settings.api_max_tokens),
        partial(MaxAliasesLimiter, max_alias_count=settings.api_max_aliases),
        PolicyGuard,
        SafeErrors,
    ]
    if settings.env == "production":
        extensions.append(partial(AddValidationRules, [NoSchemaIntrospectionCustomRule]))
    return strawberry.Schema(query=Query, mutation=Mutation, extensions=extensions)
