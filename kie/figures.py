"""The one place where a task's figures become words: its cost, its picture size, its state, its counts, and what a
tool made. Cards, History's tiles and compare table, the Showcase, Admin and the exports all call these, so a
figure reads the same wherever it is shown ("about 4.5 credits (estimate)", "nothing charged", "16:9 · 4K").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kie import catalog
from kie.errors import task_failure_message
from kie.models import KIND_LABELS, GenerateRequest, Task
from kie.picture_facts import pixel_size
from kie.prices import Price, task_cost
from kie.task_states import STATE_WORDS, state_key

NOTHING_CHARGED = "nothing charged"  # a failed task: the service keeps no credits for it
UNKNOWN = "—"  # a figure nobody knows (a table cell)
NO_PROMPT = "(no prompt: from reference pictures)"
UNCONFIRMED_PREFIX = "unconfirmed-"  # a request whose answer was lost (kie.sending): it may have been made
SIZE_OPTIONS = (*catalog.SHAPE_OPTIONS, "quality")  # the options that say a picture's shape and size
# A tool's words before it has made anything, and once it has (its title in cards and tiles).
TOOL_WORDS = {
    "topaz-upscale": ("Upscale", "Upscaled"),
    "recraft-remove-background": ("Remove background", "Background removed"),
    "midjourney-upscale": ("Upscale (Midjourney)", "Upscaled (Midjourney)"),
    "midjourney-vary": ("Vary (Midjourney)", "Variations (Midjourney)"),
}
SOURCE_HOPS = 5  # a tool on a tool's result is named after the first prompt found this many sources up


def number(value: float) -> str:
    """A figure as people read it: at most two decimals, no trailing zeros, thousands separated ("1,234.5")."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def count_words(count: int, noun: str) -> str:
    """"1 image", "4 images": never "image(s)"."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def credits_words(value: float) -> str:
    """"1 credit", "4.5 credits"."""
    return f"{number(value)} credit{'' if value == 1 else 's'}"


def about_credits(value: float) -> str:
    """What something is expected to cost before it is sent: "about 4.5 credits"."""
    return f"about {credits_words(value)}"


def estimate_words(value: float) -> str:
    """An estimate from the price table: "about 4.5 credits (estimate)"."""
    return f"{about_credits(value)} (estimate)"


def estimate_basis_words(images: int, per_image: list[float], source: str) -> str:
    """What an estimate was worked out from: "6 images at 1.5 credits each (estimate from the price table)", or
    where the tasks' options set their price "3 images at 1.6 to 2.4 credits each, by their options (…)"."""
    low, high = min(per_image), max(per_image)
    if number(low) == number(high):
        return f"{count_words(images, 'image')} at {credits_words(low)} each ({source})"
    return f"{count_words(images, 'image')} at {number(low)} to {credits_words(high)} each, by their options ({source})"


def request_cost_words(request: GenerateRequest) -> str:
    """What a request will cost if sent, from the catalogue: "about 1.5 credits" ("cost not known" for a model the
    catalogue no longer lists)."""
    spec = catalog.CATALOG.get(request.model)
    return about_credits(spec.estimate(request.settings())) if spec else "cost not known"


def quoted(text: str, limit: int = 60) -> str:
    """A prompt quoted on one line and cut at a word near `limit` characters: “A lighthouse at dawn…”."""
    line = " ".join((text or "").split())
    if len(line) > limit:
        line = line[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
    return f"“{line}”"


@dataclass(frozen=True)
class Cost:
    """What a task cost: `credits` (None when nobody knows), whether that is an estimate, and its words."""

    credits: float | None
    estimated: bool
    words: str


def cost_of(task: Task, price: Price | None = None) -> Cost:
    """A task's cost: measured where the balance was read around it, else estimated (kie.prices); a failed task
    costs nothing ("nothing charged"), and a request whose answer was lost costs what nobody knows yet."""
    if task.state == "failed" and task.task_id.startswith(UNCONFIRMED_PREFIX):
        return Cost(None, True, "not known: the service may have made it")
    credits, estimated = task_cost(task, price)
    if task.state == "failed":
        return Cost(0.0, False, NOTHING_CHARGED)
    if credits is None:
        return Cost(None, True, "")
    return Cost(credits, estimated, estimate_words(credits) if estimated else credits_words(credits))


def cost_words(task: Task, price: Price | None = None) -> str:
    """"3 credits" (measured), "about 4.5 credits (estimate)", "nothing charged" (failed); "" when not known."""
    return cost_of(task, price).words


def failure_words(task: Task) -> str:
    """Why a failed task failed, in a sentence (kie.errors), blaming no reference picture where none was sent."""
    return task_failure_message(task.error_code, task.error_message, sent_pictures=bool(task.request.files_url))


def state_words(task: Task) -> str:
    """"Queued", "Generating", "Done", "Failed", "No answer yet": the words of the task's state badge."""
    return STATE_WORDS[state_key(task)]


def size_words(request: GenerateRequest) -> str:
    """Its picture's shape and size in words, from the model's options: "Landscape 3:2", "16:9 · 2K", "1:1 · High
    (4K)"; "" for a tool (its size is its source's)."""
    spec = catalog.CATALOG.get(request.model)
    if spec is None:
        return request.shape
    chosen = request.settings()
    keys = {option.key for option in spec.options}
    return " · ".join(spec.option(key).label_for(chosen[key]) for key in SIZE_OPTIONS if key in keys)


def pixels_words(size: tuple[int, int]) -> str:
    """"1536×1024 px"."""
    return f"{size[0]}×{size[1]} px"


def _change(before: tuple[int, int] | None, after: tuple[int, int] | None) -> str:
    if after is None:
        return ""
    if before is None:
        return f" ({pixels_words(after)})"
    if before[0] == before[1] and after[0] == after[1]:
        return f" ({before[0]} → {after[0]} px)"  # square: one side says it
    return f" ({before[0]}×{before[1]} → {pixels_words(after)})"


def tool_words(task: Task, before: tuple[int, int] | None = None, after: tuple[int, int] | None = None) -> str:
    """What a tool's task did, in words: "Upscaled 2× (1024 → 2048 px)", "Background removed"; while it runs or when
    it failed, what was asked ("Upscale 2×"). `before`/`after` are the source's and the result's pixel sizes, where
    known. "" for a task that is not a tool's."""
    spec = catalog.CATALOG.get(task.model)
    if spec is None or not spec.is_tool:
        return ""
    asked, made = TOOL_WORDS.get(spec.id, (spec.name, spec.name))
    chosen = task.request.settings()
    if "upscale_factor" in chosen:
        factor = spec.option("upscale_factor").label_for(chosen["upscale_factor"])
        asked, made = f"{asked} {factor}", f"{made} {factor}"
    if "image_index" in chosen:  # a follow-up on one picture of a Midjourney grid
        picture = f", picture {int(chosen['image_index']) + 1}"
        asked, made = asked + picture, made + picture
    if task.state != "success":
        return asked
    return made + (_change(before, after) if "upscale" in spec.id else "")


def source_prompt(store, task: Task) -> str:
    """The prompt of the picture a tool worked on: its source's, or its source's source's (a background removed from
    an upscale); "" when no source up the chain is in this history or has a prompt."""
    seen = 0
    while task.parent_id and seen < SOURCE_HOPS:
        parent = store.get(task.parent_id)
        if parent is None:
            return ""
        if parent.prompt:
            return parent.prompt
        task, seen = parent, seen + 1
    return ""


def _source_picture(store, task: Task) -> Path | None:
    if task.inputs.get("source"):
        return store.input_path(task.inputs["source"])
    if not task.parent_id:
        return None
    parent = store.get(task.parent_id)  # a follow-up on the provider's own task: its grid picture
    index = int(task.request.settings().get("image_index") or 0)
    if parent is None or not 0 <= index < len(parent.images):
        return None
    return store.image_path(parent.task_id, parent.images[index])


def tool_title(store, task: Task) -> str:
    """A tool's result named after what it did and its source's prompt: "Upscaled 2× (1024 → 2048 px): “A
    lighthouse at sunset”" (what it did alone when no source's prompt is known). Sizes are read from the pictures'
    headers (remembered: kie.picture_facts)."""
    before = pixel_size(_source_picture(store, task)) if task.state == "success" else None
    after = pixel_size(store.image_path(task.task_id, task.images[0])) if task.images else None
    what = tool_words(task, before, after)
    prompt = " ".join(source_prompt(store, task).split())
    return f"{what}: “{prompt}”" if prompt else what


def title(store, task: Task) -> str:
    """What a task is called wherever it is listed: its prompt; a tool's result, what the tool made and of which
    prompt ("Background removed: “A cat”"); a task from reference pictures alone, NO_PROMPT."""
    if task.prompt:
        return task.prompt
    if task.parent_id or catalog.CATALOG.get(task.model, catalog.GPT_4O).is_tool:
        return tool_title(store, task)
    return NO_PROMPT


def summary_words(task: Task) -> list[str]:
    """A task's kind, model, size and number of images, each in words (a card's header, before its cost)."""
    spec = catalog.CATALOG.get(task.model)
    if spec is not None and spec.is_tool:
        return [catalog.name_of(task.model)]
    return [p for p in (KIND_LABELS.get(task.kind, task.kind), catalog.name_of(task.model), size_words(task.request),
                        count_words(task.request.images, "image")) if p]
