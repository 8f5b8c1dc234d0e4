"""Batches before they are queued: many generate requests from lines, a CSV file, or a template with lists of values.

- kie.batch.items: a draft per task, what is wrong with a row, the parsed batch, the estimate and sending time
- kie.batch.templates: prompts from a template ("a {colour} {animal}") and lists of values
- kie.batch.reading: one prompt per line, or a CSV file (columns named after the catalogue's option keys)

Everything is checked before anything is sent (each item through `GenerateRequest.validated()`); queueing and the
pacing of the sends are kie.batch_queue and kie.ratelimit.
"""

from kie.batch.items import (
    MAX_BATCH_ITEMS,
    BatchItemDraft,
    Estimate,
    ParsedBatch,
    RowError,
    draft_for,
    estimate,
    items_from_prompts,
    sending_time,
)
from kie.batch.reading import MAX_CSV_BYTES, parse_csv, parse_lines
from kie.batch.templates import combination_count, expand_template, variables_in

__all__ = [
    "MAX_BATCH_ITEMS", "MAX_CSV_BYTES", "BatchItemDraft", "Estimate", "ParsedBatch", "RowError", "combination_count",
    "draft_for", "estimate", "expand_template", "items_from_prompts", "parse_csv", "parse_lines", "sending_time",
    "variables_in",
]
