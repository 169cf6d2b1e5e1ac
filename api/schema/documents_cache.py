"""Validation verdicts kept per document text.

Callers send the same few documents over and over (name checks above all). strawberry's own
ValidationCache keys its cache on the parsed document, whose hash walks the whole syntax tree on
every request; keying on the text costs one string hash. The cache belongs to one schema, whose
rules never change, so the text alone decides the verdict."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

__all__ = ["validated_documents"]


def validated_documents(maxsize: int) -> type[SchemaExtension]:
    """An extension class with its own cache of at most `maxsize` document verdicts."""
    verdicts: dict[str, list[GraphQLError]] = {}

    class ValidatedDocuments(SchemaExtension):
        def on_validate(self) -> Iterator[None]:
            context = self.execution_context
            text = context.query
            errors = verdicts.get(text) if text else None
            if errors is None:
                assert context.graphql_document is not None  # parsing runs first
                errors = validate_document(
                    context.schema._schema, context.graphql_document, context.validation_rules
                )
                if text and len(verdicts) < maxsize:  # full: validate the rest every time
                    verdicts[text] = errors
            context.pre_execution_errors = errors
            yield

    return ValidatedDocuments
