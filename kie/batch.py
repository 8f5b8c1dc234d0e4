"""Batch items: many generate requests from lines, a CSV file, or a template with lists of values.

Everything here is checked before anything is sent: each item goes through `GenerateRequest.validated()`
so its messages are the app's own, and a batch with errors is shown row by row. The pacing of the
sends lives in `kie.ratelimit`.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import re
from dataclasses import dataclass, field, replace

from kie import catalog
from kie.errors import RequestInvalid
from kie.models import GenerateRequest
from kie.prices import PRICE_PER_IMAGE  # the default model's figure from the one price table (kie.catalog)
from kie.ratelimit import DEFAULT_RATE, Rate, parse_rate

__all__ = [
    "DEFAULT_RATE", "MAX_BATCH_ITEMS", "PRICE_PER_IMAGE", "BatchItemDraft", "Estimate", "ParsedBatch", "Rate",
    "RowError", "combination_count", "draft_for", "estimate", "expand_template", "items_from_prompts", "parse_csv",
    "parse_lines", "parse_rate", "sending_time", "variables_in",
]

MAX_BATCH_ITEMS = 500  # one batch is at most this many tasks: 500 at 20/10 is already over four minutes
MAX_CSV_BYTES = 5 * 1024 * 1024

_SIZE_WORDS = {"square": "1:1", "landscape": "3:2", "portrait": "2:3"}  # GPT-4o's words for its shapes
_TRUE = {"true", "yes", "y", "1", "on"}
_FALSE = {"false", "no", "n", "0", "off"}
# Columns named before any model's options were columns (normalised header -> what it means): a shape, a count,
# prompt enhancement. Still read: a shape goes to the row's model's shape option, a count to its images option.
_OLD_COLUMNS = {"size": "shape", "aspect": "shape", "ratio": "shape", "aspectratio": "shape", "n": "count",
                "nvariants": "count", "images": "count", "enhance": "enhance", "isenhance": "enhance"}
_COLUMN_WORDS = {"n": "n", "enhance": "enhance", "isenhance": "enhance", "nvariants": "n", "images": "n"}
# Option columns that mean the same for every model, each in its own words (aspect_ratio is GPT-4o's size; n_variants
# on a model that makes one image a task must be 1).
_SHARED_MEANING = {"aspect_ratio": "shape", "size": "shape", "n_variants": "count", "is_enhance": "enhance"}
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"^\w+$")


_4O = catalog.GPT_4O.defaults()


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
        text = f"{self.tasks} task{'s' * (self.tasks != 1)}, {self.images} image{'s' * (self.images != 1)}"
        if self.credits is not None:
            text += f", about {self.credits:g} credits (estimate)"
        return text


# -- templates -----------------------------------------------------------------------------------

def _segments(template: str) -> list[tuple[str, str]]:
    """The template as ("text", s) and ("var", name) pieces; RequestInvalid for a stray or bad brace."""
    pieces: list[tuple[str, str]] = []
    last = 0
    for match in _PLACEHOLDER.finditer(template):
        pieces.append(("text", template[last:match.start()]))
        last = match.end()
        token = match.group(0)
        if token in ("{{", "}}"):
            pieces.append(("text", token[0]))
        elif match.group(1) is None:
            raise RequestInvalid(f"A lone '{token}' at character {match.start() + 1}: write {token * 2} for a "
                                 "brace in the prompt, or {name} for a variable.", field="template")
        else:
            name = match.group(1).strip()
            if not _NAME.match(name):
                raise RequestInvalid(f"{{{match.group(1)}}} is not a variable name: use letters, digits and _ "
                                     "only, like {colour}.", field="template")
            pieces.append(("var", name))
    pieces.append(("text", template[last:]))
    return pieces


def variables_in(template: str) -> list[str]:
    """The variable names of a template, in order of first appearance (RequestInvalid for bad braces)."""
    return list(dict.fromkeys(name for kind, name in _segments(template) if kind == "var"))


def _clean_values(values: dict[str, list[str]]) -> dict[str, list[str]]:
    return {name.strip(): [v.strip() for v in vals if v and v.strip()] for name, vals in values.items()}


def combination_count(template: str, values: dict[str, list[str]]) -> int:
    """How many prompts the template makes: the product of the value counts of its variables."""
    cleaned = _clean_values(values)
    return math.prod(len(cleaned.get(name, [])) for name in variables_in(template))


def expand_template(template: str, values: dict[str, list[str]], *, limit: int = MAX_BATCH_ITEMS) -> list[str]:
    """Every prompt of the template: one per combination of values (the last variable varies fastest).

    `{name}` is a variable, `{{` and `}}` are literal braces. Raises `RequestInvalid` naming unknown or
    unused variables, variables with no values, or a product larger than `limit`.
    """
    pieces = _segments(template)
    names = list(dict.fromkeys(name for kind, name in pieces if kind == "var"))
    cleaned = _clean_values(values)
    if not names:
        raise RequestInvalid("The template has no variables: write {name} where a value goes, "
                             "or use one prompt per line.", field="template")
    unknown = [n for n in names if n not in cleaned]
    if unknown:
        raise RequestInvalid(f"Give values for {', '.join('{' + n + '}' for n in unknown)}, "
                             "or take them out of the template.", field="values")
    unused = [n for n in cleaned if n not in names]
    if unused:
        raise RequestInvalid(f"{', '.join('{' + n + '}' for n in unused)} "
                             f"{'is' if len(unused) == 1 else 'are'} not in the template: add "
                             f"{'it' if len(unused) == 1 else 'them'} or remove the values.", field="values")
    empty = [n for n in names if not cleaned[n]]
    if empty:
        raise RequestInvalid(f"Give at least one value for {', '.join('{' + n + '}' for n in empty)}.",
                             field="values")
    count = math.prod(len(cleaned[n]) for n in names)
    if count > limit:
        sizes = " x ".join(str(len(cleaned[n])) for n in names)
        raise RequestInvalid(f"This makes {count:,} prompts ({sizes}); a batch holds at most {limit:,}. "
                             "Remove some values.", field="values")
    prompts = []
    for combo in itertools.product(*(cleaned[n] for n in names)):
        chosen = dict(zip(names, combo, strict=True))
        prompts.append("".join(chosen[text] if kind == "var" else text for kind, text in pieces))
    return prompts


# -- lines and CSV -------------------------------------------------------------------------------

def _too_many(count: int, what: str, limit: int) -> RowError | None:
    if count <= limit:
        return None
    return RowError(None, f"{what} has {count:,} prompts; a batch holds at most {limit:,}. Split it into "
                          f"{math.ceil(count / limit)} batches.")


def _checked(draft: BatchItemDraft, defaults: GenerateRequest) -> BatchItemDraft | RowError:
    """The draft with its cleaned prompt, or the app's own message for it."""
    try:
        request = draft.to_request(defaults)
    except RequestInvalid as exc:
        return RowError(draft.row, exc.message)
    return replace(draft, prompt=request.prompt)


def items_from_prompts(prompts: list[str], defaults: GenerateRequest | None = None,
                       rows: list[int] | None = None) -> ParsedBatch:
    """Drafts with the form's size, count and enhance for each prompt, each checked like a single request."""
    defaults = defaults or GenerateRequest()
    result = ParsedBatch()
    for index, prompt in enumerate(prompts):
        draft = draft_for(prompt, defaults, rows[index] if rows else index + 1)
        checked = _checked(draft, defaults)
        (result.errors if isinstance(checked, RowError) else result.items).append(checked)
    return result


def parse_lines(text: str, defaults: GenerateRequest | None = None, *, limit: int = MAX_BATCH_ITEMS) -> ParsedBatch:
    """One prompt per non-empty line; errors carry the line number."""
    numbered = [(n, line.strip()) for n, line in enumerate((text or "").splitlines(), start=1) if line.strip()]
    too_many = _too_many(len(numbered), "The list", limit)
    if too_many:
        return ParsedBatch(errors=[too_many])
    return items_from_prompts([p for _, p in numbered], defaults, rows=[n for n, _ in numbered])


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")  # Excel's "Unicode text"
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="strict")  # Excel's "CSV" on Windows


def _delimiter(first_line: str) -> str:
    """The separator the header uses: the most frequent of , ; and tab (',' when none)."""
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _option_value(option: catalog.OptionSpec, cell: str, column: str, model_name: str) -> object:
    """The value of `option` a cell names: a value or its label, any case ("2K", "Landscape 3:2", "yes")."""
    value = cell.strip()
    if option.kind == "bool":
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return False
        raise ValueError(f"{column} must be yes or no (true/false, 1/0); got {value[:40]!r}.")
    wanted = value.lower().replace(" ", "")
    for choice in option.values:
        names = {str(choice).lower(), option.label_for(choice).lower().replace(" ", "")}
        if wanted in names:
            return choice
    allowed = ", ".join(str(v) for v in option.values)
    words = [option.label_for(v).split()[0].lower() for v in option.values]
    if words != [str(v).lower() for v in option.values]:
        allowed += f" (or {', '.join(words)})"
    whose = "" if column == option.key else f" ({model_name}'s {option.label})"
    raise ValueError(f"{column} {value[:40]!r} is not one of {allowed}{whose}.")


def _old_cell(spec: catalog.ModelSpec, meaning: str, cell: str) -> tuple[str, str]:
    """Where an old column's cell goes for `spec`: (option key, cell), or ValueError saying it does not fit."""
    keys = {o.key for o in spec.options}
    if meaning == "shape":
        key = "size" if "size" in keys else "aspect_ratio" if "aspect_ratio" in keys else None
        if key is None:
            raise ValueError(f"{spec.name} takes no aspect ratio; leave size empty.")
        value = cell.strip().lower().replace(" ", "")
        for word, ratio in _SIZE_WORDS.items():
            if value in (word, f"{word}{ratio}"):  # "square", or the app's label "Square 1:1"
                value = ratio
        return key, value
    if meaning == "count":
        if spec.images_option is None:
            if cell.strip() not in ("1", "1.0"):
                raise ValueError(f"{spec.name} makes one image per task; leave n empty or 1.")
            return "", ""
        number = cell.strip()
        return spec.images_option, number[:-2] if number.endswith(".0") else number
    if "is_enhance" not in keys:
        if cell.strip().lower() in _TRUE:
            raise ValueError(f"{spec.name} has no prompt enhancement; leave enhance empty.")
        return "", ""
    return "is_enhance", cell


def _row_draft(prompt: str, model: str, cells: dict[str, str], defaults: GenerateRequest,
               row: int) -> BatchItemDraft:
    """One CSV row: columns named after the row's model's option keys (aspect_ratio, resolution, n_variants ...)
    and the old columns (size, n, enhance); empty cells take the form's values when it is the form's model."""
    spec = catalog.get(model)
    options = defaults.settings() if defaults.model == model else spec.defaults()
    known = {o.key: o for o in spec.options}
    for column, cell in cells.items():
        if column in ("prompt", "model") or not cell.strip():
            continue
        meaning = _OLD_COLUMNS.get(column) or _SHARED_MEANING.get(column)
        key, value = _old_cell(spec, meaning, cell) if meaning else (column, cell)
        if not key:
            continue
        if key not in known:
            raise ValueError(f"{spec.name} has no option {column}; leave that cell empty.")
        option = known[key]
        if meaning == "count":
            allowed = ", ".join(str(v) for v in option.values[:-1]) + f" or {option.values[-1]}"
            if not any(value == str(v) for v in option.values):
                raise ValueError(f"n must be {allowed}; got {cell.strip()!r}.")
        options[key] = _option_value(option, value, _COLUMN_WORDS.get(column, column), spec.name)
    return BatchItemDraft(prompt, row=row, model=model, options=catalog.freeze(options))


def _model(cell: str, default: str) -> str:
    """A catalogue model from its id or display name (any case); empty: the form's."""
    value = cell.strip().lower()
    if not value:
        return default
    for spec in catalog.image_models():
        if value in (spec.id, spec.name.lower()):
            return spec.id
    names = ", ".join(spec.id for spec in catalog.image_models())
    raise ValueError(f"model {cell.strip()[:40]!r} is not one of {names}.")


def _header(cells: list[str]) -> tuple[dict[str, int], list[str], RowError | None]:
    """Column positions by field, ignored column names, or what is wrong with the header."""
    positions: dict[str, int] = {}
    ignored: list[str] = []
    for index, cell in enumerate(cells):
        name = _column(cell)
        if name is None:
            if cell.strip():
                ignored.append(cell.strip())
            continue
        if name in positions:
            return {}, [], RowError(1, f"Two columns mean {name}: keep one.")
        positions[name] = index
    if "prompt" not in positions:
        found = ", ".join(repr(c.strip()) for c in cells if c.strip()) or "nothing"
        return {}, [], RowError(1, "The first row must name the columns: prompt (required), and optionally model "
                                   "and any model option (aspect_ratio, resolution, ...; size, n and enhance are "
                                   f"read too). Found {found}.")
    return positions, ignored, None


def _column(header: str) -> str | None:
    """What a header cell names: prompt, model, an option key of any model, or an old column; None for others."""
    squeezed = re.sub(r"[\s_-]", "", header.lower())
    if squeezed in ("prompt", "model"):
        return squeezed
    for spec in catalog.image_models():
        for option in spec.options:
            if squeezed == option.key.replace("_", ""):
                return option.key
    return squeezed if squeezed in _OLD_COLUMNS else None


def parse_csv(data: bytes, defaults: GenerateRequest | None = None, *, limit: int = MAX_BATCH_ITEMS) -> ParsedBatch:
    """A CSV upload: a header row with `prompt` and optionally `model` and any model's option keys (the old
    `size`, `n` and `enhance` columns are read too); `,` or `;` (or tab).

    Empty cells take the form's values (`defaults`); blank rows are skipped. Each bad row gets its own
    `RowError` (rows are numbered as in a spreadsheet: the header is row 1).
    """
    defaults = defaults or GenerateRequest()
    if len(data) > MAX_CSV_BYTES:
        return ParsedBatch(errors=[RowError(None, f"The file is {len(data) / 1e6:.1f} MB; a batch file may be at "
                                                  f"most {MAX_CSV_BYTES / 1e6:.0f} MB.")])
    try:
        text = _decode(data)
    except UnicodeDecodeError:
        return ParsedBatch(errors=[RowError(None, "The file is not readable text: save it as CSV (UTF-8).")])
    if "\x00" in text:
        return ParsedBatch(errors=[RowError(None, "The file is not a CSV file (it holds binary data): save it as "
                                                  "CSV (UTF-8).")])
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0]))
    result = ParsedBatch()
    rows: list[tuple[int, list[str]]] = []
    try:
        for number, cells in enumerate(reader, start=1):
            rows.append((number, cells))
    except csv.Error as exc:
        result.errors.append(RowError(len(rows) + 1, f"cannot be read ({exc}); check its quotes."))
        return result
    if not rows:
        return ParsedBatch(errors=[RowError(None, "The file is empty: the first row names the columns "
                                                  "(prompt, size, n, enhance), then one row per prompt.")])
    positions, result.ignored_columns, problem = _header(rows[0][1])
    if problem:
        return ParsedBatch(errors=[problem])
    body = [(n, cells) for n, cells in rows[1:] if any(c.strip() for c in cells)]
    too_many = _too_many(len(body), "The file", limit)
    if too_many:
        return ParsedBatch(errors=[too_many], ignored_columns=result.ignored_columns)

    def cell(cells: list[str], name: str) -> str:
        index = positions.get(name)
        return cells[index] if index is not None and index < len(cells) else ""

    for number, cells in body:
        if not cell(cells, "prompt").strip():
            result.errors.append(RowError(number, "the prompt is empty: write one, or delete the row."))
            continue
        try:
            model = _model(cell(cells, "model"), defaults.model)
            draft = _row_draft(cell(cells, "prompt"), model, {k: cell(cells, k) for k in positions}, defaults,
                               number)
        except ValueError as exc:
            result.errors.append(RowError(number, str(exc)))
            continue
        checked = _checked(draft, defaults)
        (result.errors if isinstance(checked, RowError) else result.items).append(checked)
    if not result.items and not result.errors:
        result.errors.append(RowError(None, "The file names the columns but has no prompts: add one row per prompt."))
    return result


# -- estimate ------------------------------------------------------------------------------------

def estimate(items: list[BatchItemDraft], price_per_image: float | None, model: str | None = None) -> Estimate:
    """Tasks, images and (where the price is known) credits of a batch, shown before it is sent.

    `price_per_image` is the price of `model` (default: the first item's model); items of other models are
    estimated from the catalogue."""
    images = sum(item.images for item in items)
    model = model or (items[0].model if items else catalog.DEFAULT_MODEL)
    if price_per_image is None:
        return Estimate(tasks=len(items), images=images, credits=None)
    credits = sum(item.images * (price_per_image if item.model == model else catalog.get(item.model).price_per_image)
                  for item in items)
    return Estimate(tasks=len(items), images=images, credits=round(credits, 2))


def sending_time(tasks: int, rate: Rate = DEFAULT_RATE) -> float:
    """Seconds the sends of `tasks` take at `rate` at best (the first `rate.count` go at once)."""
    return max(0, math.ceil(tasks / rate.count) - 1) * rate.seconds
