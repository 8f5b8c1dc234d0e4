"""Batch templates: one prompt per combination of values ("a {colour} {animal}" with lists of colours and animals).

`{name}` is a variable, `{{` and `}}` are literal braces; the last variable varies fastest.
"""

from __future__ import annotations

import itertools
import math
import re

from kie.batch.items import MAX_BATCH_ITEMS
from kie.errors import RequestInvalid

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"^\w+$")


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
