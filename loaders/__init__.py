"""Loaders: parse and validate input files, reject bad records, hand batches to the graph."""

from loaders.parse import ParsedRecord, iter_records, validate_record
from loaders.rejects import Reject, RejectWriter
from loaders.run import LoadSummary, await_search_index, load_files, load_records, new_batch_id

__all__ = [
    "LoadSummary",
    "ParsedRecord",
    "Reject",
    "RejectWriter",
    "await_search_index",
    "iter_records",
    "load_files",
    "load_records",
    "new_batch_id",
    "validate_record",
]
