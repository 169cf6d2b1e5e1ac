"""Schema extensions that guard execution: the policy check on root fields (a forbidden
operation yields `data: null` and a FORBIDDEN error, before any resolver runs) and error masking
(only errors we raised on purpose reach the caller; anything else is "internal error")."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import (
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    SelectionSetNode,
)
from graphql.utilities import get_operation_ast
from strawberry.extensions import MaskErrors, SchemaExtension

from api.context import RequestContext
from idgraph.errors import IdgraphError, response_for

__all__ = ["PolicyGuard", "SafeErrors", "root_fields"]

log = logging.getLogger(__name__)


def root_fields(
    selection: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode]
) -> list[str]:
    """Names of the root fields an operation selects, through fragments."""
    names: list[str] = []
    for node in selection.selections:
        if isinstance(node, FieldNode):
            names.append(node.name.value)
        elif isinstance(node, InlineFragmentNode):
            names.extend(root_fields(node.selection_set, fragments))
        elif isinstance(node, FragmentSpreadNode) and node.name.value in fragments:
            names.extend(root_fields(fragments[node.name.value].selection_set, fragments))
    return names


class PolicyGuard(SchemaExtension):
    """Refuse the whole operation when any root field is not allowed for the caller's role."""

    def on_execute(self) -> Iterator[None]:
        ec = self.execution_context
        ctx = ec.context
        document = ec.graphql_document
        operation = get_operation_ast(document, ec.operation_name) if document else None
        if isinstance(ctx, RequestContext) and operation is not None and document is not None:
            fragments = {
                d.name.value: d
                for d in document.definitions
                if isinstance(d, FragmentDefinitionNode)
            }
            fields = [
                f for f in root_fields(operation.selection_set, fragments) if not f.startswith("__")
            ]
            ctx.operations.extend(fields)
            allowed = {str(op) for op in ctx.caller.policy.operations}
            denied = sorted(set(fields) - allowed)
            if denied:
                ec.result = ExecutionResult(
                    data=None,
                    errors=[
                        GraphQLError(
                            f"not allowed for role {ctx.caller.role}: {', '.join(denied)}",
                            extensions={"code": "FORBIDDEN"},
                        )
                    ],
                )
        yield


def _unexpected(error: GraphQLError) -> bool:
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


class SafeErrors(MaskErrors):
    """Mask every error we did not raise on purpose; log it with its cause for operators."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=self._mask, error_message="Internal server error.")

    @staticmethod
    def _mask(error: GraphQLError) -> bool:
        original = error.original_error
        if isinstance(original, IdgraphError):
            # Raised on purpose (e.g. a query stopped at its time limit): its message carries no
            # data, and its code comes from the one error table.
            error.message = original.message
            error.extensions = {"code": response_for(original).graphql_code}
            return False
        if _unexpected(error):
            log.error("unexpected error in %s", error.path, exc_info=error.original_error)
            return True
        return False

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        masked = super().anonymise_error(error)
        masked.extensions = {"code": "INTERNAL_SERVER_ERROR"}
        return masked
