"""What a catalogue entry is (kie.catalog holds the entries): a model's or tool's options and their constraints, what
it takes, how many images a task makes, and its price and duration as the options set them.

Nothing here imports Streamlit or knows the request type, and nothing here names a model.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

Family = str  # the id of an API family plug-in in kie.families ("4o", "market", ...)
PRICE_NOTE = "estimate from the price table"  # said beside every catalogue price: the provider publishes none


@dataclass(frozen=True)
class OptionSpec:
    """One setting of a model: its allowed values, default, and how a form names them."""

    key: str
    label: str
    values: tuple
    default: Any
    kind: Literal["choice", "bool"] = "choice"
    value_labels: Mapping[Any, str] = field(default_factory=dict, hash=False, compare=False)
    help: str = ""
    # When this option counts: "<bool option>" that must be on (the fallback's model), or "<option>=<value>" (the
    # omni reference's weight counts only with the omni reference type). None: always.
    only_with: str | None = None
    api_field: str | None = None  # the field its family's body carries it in; None: the key itself
    api_values: Mapping[Any, Any] = field(default_factory=dict, hash=False, compare=False)  # value -> sent value

    @property
    def field_name(self) -> str:
        """The name its API family gives it in a request body."""
        return self.api_field or self.key

    def to_api(self, value: Any) -> Any:
        """The value as its API family sends it."""
        return self.api_values.get(value, value)

    def from_api(self, sent: Any) -> Any:
        """The option value an API body's `sent` stands for (the reverse of `to_api`); `sent` when none does."""
        for value, api in self.api_values.items():
            if api == sent and type(api) is type(sent):
                return value
        return sent

    def counts_with(self, options: Mapping[str, Any]) -> bool:
        """Whether this option counts (is sent, is offered) with the other choices `options` (`only_with`)."""
        if not self.only_with:
            return True
        key, equals, wanted = self.only_with.partition("=")
        if equals:
            return str(options.get(key)) == wanted
        return bool(options.get(key))

    def label_for(self, value: Any) -> str:
        """The words a person sees for one value."""
        if self.kind == "bool":
            return "On" if value else "Off"
        return self.value_labels.get(value, str(value))


@dataclass(frozen=True)
class Constraint:
    """A combination a model refuses: `refuses(options, refs)` is True for it, `message` says why in plain words."""

    keys: tuple[str, ...]  # the options whose choice can cause it
    refuses: Callable[[dict, int], bool] = field(hash=False, compare=False)
    message: Callable[[dict, int], str] = field(hash=False, compare=False)


@dataclass(frozen=True)
class Refusal:
    """What a model refuses: the option or request field to change, and a sentence saying what to do."""

    field: str
    message: str


def _one_of(option: OptionSpec) -> str:
    """An option's values in words: "1, 2 or 4"."""
    labels = [option.label_for(v) for v in option.values]
    return ", ".join(labels[:-1]) + f" or {labels[-1]}" if len(labels) > 1 else labels[0]


def _images(count: int) -> str:
    return f"{count} reference picture" + ("" if count == 1 else "s")


def bool_option(key: str, label: str, default: bool = False, help: str = "",
                api_field: str | None = None) -> OptionSpec:
    """An on/off option."""
    return OptionSpec(key, label, (False, True), default, "bool", {}, help, api_field=api_field)


Factors = Mapping[str, Mapping[Any, float]]  # option key -> its value -> a multiplier (a price's, a duration's)


def _product(factors: Factors, chosen: Mapping[str, Any]) -> float:
    result = 1.0
    for key, by_value in factors.items():
        result *= by_value.get(chosen.get(key), 1.0)
    return result


@dataclass(frozen=True)
class ModelSpec:
    """One model or tool of the catalogue."""

    id: str
    name: str
    family: Family
    is_tool: bool = False
    max_prompt_chars: int = 5000  # 0: takes no prompt (tools)
    max_refs: int = 0  # reference pictures (for a 4o edit: the source picture)
    refs_required: bool = False
    takes_mask: bool = False
    prompt_optional_with_refs: bool = False  # references alone are enough (the 4o Image API's variants)
    options: tuple[OptionSpec, ...] = ()
    price_per_image: float = 1.0  # credits, an estimate (PRICE_NOTE): the one price table of the studio
    typical_seconds: float = 30.0  # how long a task usually takes, until this workspace has measured some
    reports_progress: bool = False
    upstream: str = ""  # the model id its family sends (text to image), or the family's own name for it
    upstream_with_refs: str | None = None  # the model id sent when references are given, if different
    refs_field: str = ""  # the body field that carries references
    single_ref: bool = False  # the field takes one address, not a list (tools)
    images_option: str | None = None  # the option that says how many images a task makes (4o: n_variants)
    advanced: tuple[str, ...] = ()  # options few people need: drawn under "More options", not on the main form
    constraints: tuple[Constraint, ...] = field(default=(), hash=False, compare=False)
    description: str = ""
    min_prompt_chars: int = 0  # a shorter prompt is refused before sending (Flux 2: 3)
    maker: str = ""  # who makes the model (the Model control groups by it)
    good_at: str = ""  # what it is good at, a few words for the Model control ("stylised art")
    images_per_task: int = 1  # how many images a task makes when no option says (a Midjourney grid: 4)
    # Per-option multipliers of `price_per_image` and `typical_seconds` (Midjourney's speed, a resolution): what
    # `estimate(options)` and `typical_seconds_for(options)` compute. An option not named counts 1.
    price_factors: Factors = field(default_factory=dict, hash=False, compare=False)
    seconds_factors: Factors = field(default_factory=dict, hash=False, compare=False)
    # A follow-up on a finished task of the provider (Midjourney's Upscale and Vary act on its taskId and an image
    # index), not on an uploaded picture: the family's `follow_up_body(follow_up, ...)` is sent, not `body`.
    acts_on_task: bool = False
    follow_up: str = ""  # the family's name of that follow-up ("upscale", "vary")
    applies_to: tuple[str, ...] = ()  # a tool: the models whose results it works on; (): every model's
    menu: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()  # a tool: (label, options) per menu entry
    source: str = ""  # the provider page its contract was read from, for the README's table; "": none was read
    unverified: tuple[str, ...] = ()  # API fields that rest on no provider page (clients' bodies): say so

    # -- options ---------------------------------------------------------------------------

    def option(self, key: str) -> OptionSpec:
        """The option named `key`, or `KeyError`."""
        for spec in self.options:
            if spec.key == key:
                return spec
        raise KeyError(f"{self.name} has no option {key!r}")

    @cached_property
    def _defaults(self) -> dict:
        return {o.key: o.default for o in self.options}

    def defaults(self) -> dict:
        """Every option at its default."""
        return dict(self._defaults)

    def complete(self, options: Mapping[str, Any] | None) -> dict:
        """The defaults overlaid with `options` (keys this model does not know are dropped)."""
        known = self._defaults
        return {**known, **{k: v for k, v in (options or {}).items() if k in known}}

    def allowed_values(self, key: str, options: Mapping[str, Any] | None = None, refs: int = 0) -> tuple:
        """The values of option `key` still valid given the other choices and the number of references."""
        chosen = self.complete(options)
        rules = [c for c in self.constraints if key in c.keys]
        return tuple(v for v in self.option(key).values
                     if not any(c.refuses({**chosen, key: v}, refs) for c in rules))

    def check(self, options: Mapping[str, Any] | None = None, refs: int = 0) -> Refusal | None:
        """The first thing this model refuses in these options with `refs` reference pictures (an option it does not
        know, a value it does not take, too many or too few pictures, a refused combination), or None.

        The one place these are checked: forms show `refusal()`, and `GenerateRequest.validated()` raises it."""
        known = self._defaults
        for key in options or {}:
            if key not in known:
                return Refusal(str(key), f"{self.name} has no setting {str(key)[:40]!r}; remove it.")
        chosen = self.complete(options)
        for spec in self.options:
            if chosen[spec.key] not in spec.values:
                return Refusal(spec.key, f"{spec.label} must be {_one_of(spec)}: choose one of them.")
        if refs > self.max_refs:
            if self.max_refs == 0:
                return Refusal("files_url", f"{self.name} takes no reference pictures; remove them.")
            return Refusal("files_url", f"At most {_images(self.max_refs)} can be sent to {self.name}; remove "
                                        f"{refs - self.max_refs}.")
        if self.refs_required and refs == 0:
            return Refusal("files_url", f"{self.name} needs a picture to work on; add one.")
        for rule in self.constraints:
            if rule.refuses(chosen, refs):
                return Refusal(rule.keys[-1], rule.message(chosen, refs))
        return None

    def refusal(self, options: Mapping[str, Any] | None = None, refs: int = 0) -> str | None:
        """Why this combination is refused, as a plain sentence (`check`); None when it is fine."""
        found = self.check(options, refs)
        return found.message if found else None

    def combinations(self) -> list[dict]:
        """Every combination of option values (for tests and forms that list them)."""
        keys = [o.key for o in self.options]
        return [dict(zip(keys, values, strict=True)) for values in itertools.product(*(o.values for o in self.options))]

    # -- images and prices -----------------------------------------------------------------

    def images_for(self, options: Mapping[str, Any] | None = None) -> int:
        """How many images one task with these options makes (budgets count these; a Midjourney grid is 4)."""
        if self.images_option is None:
            return self.images_per_task
        return int(self.complete(options)[self.images_option])

    def price_for_image(self, options: Mapping[str, Any] | None = None) -> float:
        """Credits per image with these options (`price_per_image` times the options' `price_factors`)."""
        return round(self.price_per_image * _product(self.price_factors, self.complete(options)), 4)

    def estimate(self, options: Mapping[str, Any] | None = None) -> float:
        """Credits one task with these options is expected to cost (an estimate: PRICE_NOTE)."""
        chosen = self.complete(options)
        return round(self.price_for_image(chosen) * self.images_for(chosen), 4)

    def typical_seconds_for(self, options: Mapping[str, Any] | None = None) -> float:
        """How long a task with these options usually takes (a relaxed Midjourney task: minutes)."""
        return round(self.typical_seconds * _product(self.seconds_factors, self.complete(options)), 3)

    def duration_key(self, options: Mapping[str, Any] | None = None) -> str:
        """What a learned duration is kept under: the model id, and the values of the options its duration
        depends on ("midjourney speed=relaxed"); the id alone for a model whose duration depends on none."""
        chosen = self.complete(options)
        parts = [f"{key}={chosen.get(key)}" for key in sorted(self.seconds_factors)]
        return " ".join([self.id, *parts])

    def works_on(self, model_id: str) -> bool:
        """Whether this tool works on the results of `model_id` (`applies_to`; every model's when empty)."""
        return self.is_tool and (not self.applies_to or model_id in self.applies_to)

    def market_model(self, refs: int) -> str:
        """The Market API model id for a request with `refs` reference pictures."""
        return self.upstream_with_refs if refs and self.upstream_with_refs else self.upstream

    @property
    def takes_prompt(self) -> bool:
        return self.max_prompt_chars > 0

    @property
    def takes_pictures(self) -> bool:
        """Whether it works on pictures one sends (an edit, references): every model with `max_refs`."""
        return self.max_refs > 0
