"""One picture shape for several models: a shared aspect ratio mapped to each model's nearest option.

Compare models asks every model for the same shape, so the pictures can be compared side by side. Each model
spells its shape its own way (GPT-4o Image offers 1:1, 3:2 and 2:3; Market models 16:9, 21:9...; Seedream 4.0
sends a preset name for each), so a shared ratio becomes, per model, the value of its aspect-ratio option nearest
to it (on a log scale: 3:2 is as far from 1:1 as 2:3), among the values the model allows with its other options
and the reference pictures (`ModelSpec.allowed_values`). Where a model cannot follow exactly, `ShapeChoice.words`
says so: "GPT-4o Image: 3:2 (nearest to 16:9)".

Nothing here names a model: a model's aspect-ratio option is the choice option whose values are ratios ("3:2").
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kie.model_spec import ModelSpec, OptionSpec

# The shapes offered for a comparison: square, then each landscape ratio beside its portrait one.
SHARED_RATIOS = ("1:1", "4:3", "3:4", "3:2", "2:3", "16:9", "9:16", "21:9")
DEFAULT_RATIO = "1:1"
_SAME = 1e-6  # two ratios closer than this (on the log scale) are the same shape


def ratio_of(value: Any) -> float | None:
    """"3:2" as 1.5; None for a value that is not a ratio of two positive numbers ("auto", 2, "square_hd")."""
    if not isinstance(value, str) or value.count(":") != 1:
        return None
    width, _, height = value.partition(":")
    try:
        w, h = float(width), float(height)
    except ValueError:
        return None
    return w / h if w > 0 and h > 0 and math.isfinite(w / h) else None


def aspect_option(spec: ModelSpec) -> OptionSpec | None:
    """The model's aspect-ratio option: its first choice option with at least two ratio values; None if it has
    none (a tool, a model that keeps one shape)."""
    for option in spec.options:
        if option.kind == "choice" and sum(ratio_of(v) is not None for v in option.values) >= 2:
            return option
    return None


@dataclass(frozen=True)
class ShapeChoice:
    """What one model is asked for when the shared shape is `wanted`."""

    model_name: str
    wanted: str  # the shared ratio ("16:9")
    key: str | None  # the model's aspect-ratio option (None: it has none)
    value: Any  # the value sent for it (None when it has none)
    exact: bool  # the model makes the wanted shape itself

    @property
    def words(self) -> str:
        """"Seedream 4.5: 16:9", "GPT-4o Image: 3:2 (nearest to 16:9)", or that the model keeps its own shape."""
        if self.key is None:
            return f"{self.model_name}: its own shape (it has no aspect ratio option)"
        if self.exact:
            return f"{self.model_name}: {self.value}"
        return f"{self.model_name}: {self.value} (nearest to {self.wanted})"


def nearest(values: tuple, wanted: str) -> Any:
    """The ratio value among `values` nearest to `wanted` (the first of equals); None when none is a ratio."""
    target = ratio_of(wanted)
    ratios = {v: r for v in values if (r := ratio_of(v)) is not None}
    if target is None or not ratios:
        return None
    return min(ratios, key=lambda v: abs(math.log(ratios[v]) - math.log(target)))


def follow(spec: ModelSpec, wanted: str, options: Mapping[str, Any] | None = None, refs: int = 0) -> ShapeChoice:
    """What `spec` is asked for when the shared shape is `wanted`, given its other options and `refs` reference
    pictures: the allowed value of its aspect-ratio option nearest to `wanted` (the same value when allowed)."""
    option = aspect_option(spec)
    if option is None or ratio_of(wanted) is None:
        return ShapeChoice(spec.name, wanted, None, None, False)
    chosen = nearest(spec.allowed_values(option.key, options, refs), wanted)
    if chosen is None:  # every ratio refused with these options: the first allowed at all
        chosen = nearest(option.values, wanted)
    exact = abs(math.log(ratio_of(chosen)) - math.log(ratio_of(wanted))) < _SAME
    return ShapeChoice(spec.name, wanted, option.key, chosen, exact)


def with_shape(spec: ModelSpec, wanted: str, options: Mapping[str, Any] | None = None, refs: int = 0) -> dict:
    """`options` with the model's aspect-ratio option set to follow `wanted` (unchanged when it has none)."""
    choice = follow(spec, wanted, options, refs)
    return {**(options or {}), choice.key: choice.value} if choice.key else dict(options or {})


def shape_of(spec: ModelSpec, options: Mapping[str, Any] | None) -> str | None:
    """The shared ratio a model's options stand for (its aspect-ratio value when that is a ratio), else None."""
    option = aspect_option(spec)
    if option is None:
        return None
    value = spec.complete(options).get(option.key)
    return value if ratio_of(value) is not None else None
