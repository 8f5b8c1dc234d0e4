"""Comparing tasks side by side: their parameters row by row, and which words of their prompts differ."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kie import catalog, figures
from kie.models import KIND_LABELS, Task
from kie.polling import duration_words
from kie.prices import Price

NONE = figures.UNKNOWN


def _references(task: Task) -> str:
    # An edit's one file is its source picture, not a reference.
    count = len(task.request.files_url) - (1 if task.request.mask_url else 0)
    return str(max(0, count))


def _duration(task: Task) -> str:
    seconds = task.duration
    if seconds is None:
        return NONE
    return duration_words(seconds)


def _model(task: Task) -> str:
    return catalog.name_of(task.model)


# Rows every task has, before and after the options of the tasks' models (from the catalogue).
LEADING: tuple[tuple[str, Callable[[Task], str]], ...] = (
    ("Prompt", lambda t: t.prompt or NONE),
    ("Model", _model),
    ("Kind", lambda t: KIND_LABELS.get(t.kind, t.kind)),
)
TRAILING: tuple[tuple[str, Callable[[Task], str]], ...] = (
    ("Reference pictures", _references),
    ("Mask", lambda t: "Yes" if t.request.mask_url or t.inputs.get("mask") else "No"),
    ("State", figures.state_words),
    ("Duration", _duration),
)


def _option_value(task: Task, label: str) -> str:
    """What `task` asked for the option its model names `label`, in words; a dash where its model has no such
    option, or where the option counts only with another one that is off (the fallback's model, fallback off)."""
    spec = catalog.CATALOG.get(task.model)
    option = next((o for o in spec.options if o.label == label), None) if spec else None
    if option is None:
        return NONE
    chosen = task.request.settings()
    if not option.counts_with(chosen):
        return NONE
    return option.label_for(chosen.get(option.key, option.default))


def parameters(tasks: Sequence[Task], price: Price | None = None) -> list[tuple[str, Callable[[Task], str]]]:
    """The rows for `tasks`: the common ones, and every option any of their models takes, in catalogue order.
    Options are matched by what people call them, so 4o's `size` and the others' `aspect_ratio` share a row. The
    cost reads as on the tasks' cards (kie.figures, with `price` for estimates)."""
    labels: dict[str, None] = {}
    for task in tasks:
        spec = catalog.CATALOG.get(task.model)
        labels.update(dict.fromkeys(option.label for option in (spec.options if spec else ())))
    rows = list(LEADING)
    rows += [(label, lambda t, label=label: _option_value(t, label)) for label in labels]
    return rows + list(TRAILING) + [("Cost", lambda t: figures.cost_words(t, price) or NONE)]


@dataclass(frozen=True)
class Row:
    """One parameter across the compared tasks, in their order."""

    label: str
    values: list[str]
    differs: bool


def compare(tasks: Sequence[Task], price: Price | None = None) -> list[Row]:
    """Every parameter of `tasks` as a row; `differs` when the tasks do not all have the same value."""
    rows = []
    for label, value in parameters(tasks, price):
        values = [value(task) for task in tasks]
        rows.append(Row(label, values, len(set(values)) > 1))
    return rows


_TOKENS = re.compile(r"\s+|\S+")
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")  # punctuation (any script's) around a word


@dataclass(frozen=True)
class Word:
    """A piece of a prompt as typed (a word, or the white space between words); `differs` marks a word that is
    missing from at least one other prompt."""

    text: str
    differs: bool = False

    @property
    def is_space(self) -> bool:
        return self.text.isspace()


def word_key(text: str) -> str:
    """What makes two words the same: case and surrounding punctuation do not count ("Sunset," == "sunset")."""
    return _EDGES.sub("", text).casefold()


def word_diff(prompts: Sequence[str]) -> list[list[Word]]:
    """Each prompt split into words and spaces, each word marked when some other prompt lacks it."""
    pieces = [_TOKENS.findall(prompt or "") for prompt in prompts]
    vocab = [{word_key(p) for p in found if not p.isspace()} for found in pieces]
    marked = []
    for index, found in enumerate(pieces):
        others = [words for other, words in enumerate(vocab) if other != index]
        row = []
        for piece in found:
            key = "" if piece.isspace() else word_key(piece)
            # A word of punctuation only ("—", "&") is never a difference worth marking.
            row.append(Word(piece, bool(key) and any(key not in words for words in others)))
        marked.append(row)
    return marked
