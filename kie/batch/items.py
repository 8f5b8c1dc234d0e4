"""Batch items before they are sent: drafts (a prompt for a model with its options), what is wrong with a row, the
parsed batch, and what it will make (tasks, images, credits) and how long its sends take.

Every draft is checked through `GenerateRequest.validated()`, so its messages are the app's own. Reading items
from lines or a CSV file is kie.batch.reading; prompts from a template, kie.batch.templates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from kie import catalog, figures
from kie.errors import RequestInvalid
from kie.models import GenerateRequest
from kie.ratelimit import DEFAULT_RATE, Rate

MAX_BATCH_ITEMS = 500  # one batch is at most this many tasks: 500 at 20/10 is already over four minutes


@dataclass(frozen=True)
class BatchItemDraft:
    """One task of a batch, before it is sent: a prompt for a model with its options (as a request holds them).
    `row` is where it came from (line or spreadsheet row)."""

    prompt: str
    row: int | None = None
    model: str = catalog.DEFAULT_MODEL
    options: tuple[tuple[str, object], ...] = ()

    @property
    def images(self) -> int:
        """How many images the item makes."""
        spec = catalog.CATALOG.get(self.model)
        return spec.images_for(dict(self.options)) if spec else 1

    def to_request(self, base: GenerateRequest | None = None) -> GenerateRequest:
        """The validated request: this item's options over `base` (the form's other options, when it is for the
        same model). Raises `RequestInvalid` with the app's message.
        """
        base = base or GenerateRequest()
        spec = catalog.get(self.model)
        options = {**(base.settings() if base.model == spec.id else {}), **dict(self.options)}
        return GenerateRequest.build(spec.id, self.prompt, options, callback_url=base.callback_url).validated()


def draft_for(prompt: str, defaults: GenerateRequest, row: int | None = None) -> BatchItemDraft:
    """An item with the form's model and settings for one prompt."""
    return BatchItemDraft(prompt, row=row, model=defaults.model, options=catalog.freeze(defaults.settings()))


@dataclass(frozen=True)
class RowError:
    """What is wrong with one row (`row_number` None: with the whole input)."""

    row_number: int | None
    message: str

    def __str__(self) -> str:
        return self.message if self.row_number is None else f"Row {self.row_number}: {self.message}"


@dataclass
class ParsedBatch:
    """The items that are ready, the rows that are not, and CSV columns that were not used."""

    items: list[BatchItemDraft] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.items) and not self.errors

    def to_send(self, *, skip_bad_rows: bool = False) -> list[BatchItemDraft]:
        """The items to submit. With errors, nothing unless the person confirmed skipping the bad rows."""
        if self.errors and not skip_bad_rows:
            rows = len(self.errors)
            raise RequestInvalid(f"{rows} row{'s' * (rows != 1)} {'have' if rows != 1 else 'has'} errors: fix "
                                 f"{'them' if rows != 1 else 'it'}, or confirm to skip {'them' if rows != 1 else 'it'} "
                                 f"and send the other {len(self.items)}.", field="batch")
        if not self.items:
            raise RequestInvalid("There is nothing to send: add at least one prompt.", field="batch")
        return list(self.items)


@dataclass(frozen=True)
class Estimate:
    """What a batch will make; `credits` is None when the price is unknown."""

    tasks: int
    images: int
    credits: float | None

    def describe(self) -> str:
        """One line for the confirmation, e.g. '3 tasks, 6 images, about 9 credits (estimate)'."""
        text = f"{figures.count_words(self.tasks, 'task')}, {figures.count_words(self.images, 'image')}"
        if self.credits is not None:
            text += f", {figures.estimate_words(self.credits)}"
        return text


def checked_item(draft: BatchItemDraft, defaults: GenerateRequest) -> BatchItemDraft | RowError:
    """The draft with its cleaned prompt, or the app's own message for it."""
    try:
        request = draft.to_request(defaults)
    except RequestInvalid as exc:
        return RowError(draft.row, exc.message)
    return replace(draft, prompt=request.prompt)


def items_from_prompts(prompts: list[str], defaults: GenerateRequest | None = None,
                       rows: list[int] | None = None) -> ParsedBatch:
    """A draft with the form's model and options for each prompt, each checked like a single request."""
    defaults = defaults or GenerateRequest()
    result = ParsedBatch()
    for index, prompt in enumerate(prompts):
        draft = draft_for(prompt, defaults, rows[index] if rows else index + 1)
        checked = checked_item(draft, defaults)
        (result.errors if isinstance(checked, RowError) else result.items).append(checked)
    return result


def estimate(items: list[BatchItemDraft], price_per_image: float | None, model: str | None = None) -> Estimate:
    """Tasks, images and (where the price is known) credits of a batch, shown before it is sent.

    `price_per_image` is the price of `model` (default: the first item's model); items of other models are
    estimated from the catalogue."""
    images = sum(item.images for item in items)
    model = model or (items[0].model if items else catalog.DEFAULT_MODEL)
    if price_per_image is None:
        return Estimate(tasks=len(items), images=images, credits=None)
    credits = sum(item.images * price_per_image if item.model == model and not catalog.get(model).price_factors
                  else catalog.get(item.model).estimate(dict(item.options))
                  for item in items)
    return Estimate(tasks=len(items), images=images, credits=round(credits, 2))


def sending_time(tasks: int, rate: Rate = DEFAULT_RATE) -> float:
    """Seconds the sends of `tasks` take at `rate` at best (the first `rate.count` go at once)."""
    return max(0, math.ceil(tasks / rate.count) - 1) * rate.seconds
