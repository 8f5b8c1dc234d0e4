"""Reading a batch: one prompt per line, or a CSV file whose columns name a model and any model's options.

Columns are named after the catalogue's option keys (aspect_ratio, resolution, n_variants ...); the columns of
earlier versions (size, n, enhance, and their spellings) are still read, each into the row's model's own option.
Every row is checked like a single request, and a file with errors is shown row by row (`RowError`).
"""

from __future__ import annotations

import csv
import io
import math
import re

from kie import catalog
from kie.batch.items import MAX_BATCH_ITEMS, BatchItemDraft, ParsedBatch, RowError, checked_item, items_from_prompts
from kie.models import GenerateRequest

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


def _too_many(count: int, what: str, limit: int) -> RowError | None:
    if count <= limit:
        return None
    return RowError(None, f"{what} has {count:,} prompts; a batch holds at most {limit:,}. Split it into "
                          f"{math.ceil(count / limit)} batches.")


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
                                                  "(prompt, and optionally model and any model option such as "
                                                  "aspect_ratio), then one row per prompt.")])
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
        checked = checked_item(draft, defaults)
        (result.errors if isinstance(checked, RowError) else result.items).append(checked)
    if not result.items and not result.errors:
        result.errors.append(RowError(None, "The file names the columns but has no prompts: add one row per prompt."))
    return result
