"""The models and tools the studio offers, in one place: what each takes, its options and their constraints,
its API family, a price estimate and a typical duration.

Everything else reads this: forms are drawn from it, requests are validated against it (`GenerateRequest.
validated`), each API family's body is built from its options' API field names (`kie.families`), prices, budgets,
Restore and PNG metadata use it. Adding a model is one entry in `CATALOG` (or `register`) and its tests. Nothing
here imports Streamlit, and nothing here knows the request type: the catalogue sits below it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from kie.errors import RequestInvalid

Family = str  # the id of an API family plug-in in kie.families ("4o", "market", ...)
DEFAULT_MODEL = "gpt-4o-image"
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
    only_with: str | None = None  # a bool option that must be on for this one to count (the fallback's model)
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


def bool_option(key: str, label: str, default: bool = False, help: str = "",
                api_field: str | None = None) -> OptionSpec:
    """An on/off option."""
    return OptionSpec(key, label, (False, True), default, "bool", {}, help, api_field=api_field)


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

    # -- options ---------------------------------------------------------------------------

    def option(self, key: str) -> OptionSpec:
        """The option named `key`, or `KeyError`."""
        for spec in self.options:
            if spec.key == key:
                return spec
        raise KeyError(f"{self.name} has no option {key!r}")

    def defaults(self) -> dict:
        """Every option at its default."""
        return {o.key: o.default for o in self.options}

    def complete(self, options: Mapping[str, Any] | None) -> dict:
        """The defaults overlaid with `options` (keys this model does not know are dropped)."""
        known = {o.key for o in self.options}
        return {**self.defaults(), **{k: v for k, v in (options or {}).items() if k in known}}

    def allowed_values(self, key: str, options: Mapping[str, Any] | None = None, refs: int = 0) -> tuple:
        """The values of option `key` still valid given the other choices and the number of references."""
        chosen = self.complete(options)
        rules = [c for c in self.constraints if key in c.keys]
        return tuple(v for v in self.option(key).values
                     if not any(c.refuses({**chosen, key: v}, refs) for c in rules))

    def refusal(self, options: Mapping[str, Any] | None = None, refs: int = 0) -> str | None:
        """Why this combination is refused, as a plain sentence; None when it is fine."""
        chosen = self.complete(options)
        for spec in self.options:
            if chosen[spec.key] not in spec.values:
                allowed = ", ".join(spec.label_for(v) for v in spec.values)
                return f"{self.name}: {spec.label} must be one of {allowed}."
        if refs > self.max_refs:
            if self.max_refs == 0:
                return f"{self.name} takes no reference pictures; remove them."
            return f"{self.name} takes at most {self.max_refs} reference picture(s); remove {refs - self.max_refs}."
        if self.refs_required and refs == 0:
            return f"{self.name} needs a picture to work on; add one."
        for rule in self.constraints:
            if rule.refuses(chosen, refs):
                return rule.message(chosen, refs)
        return None

    def combinations(self) -> list[dict]:
        """Every combination of option values (for tests and forms that list them)."""
        keys = [o.key for o in self.options]
        return [dict(zip(keys, values, strict=True)) for values in itertools.product(*(o.values for o in self.options))]

    # -- images and prices -----------------------------------------------------------------

    def images_for(self, options: Mapping[str, Any] | None = None) -> int:
        """How many images one task with these options makes."""
        if self.images_option is None:
            return 1
        return int(self.complete(options)[self.images_option])

    def estimate(self, options: Mapping[str, Any] | None = None) -> float:
        """Credits one task with these options is expected to cost (an estimate: PRICE_NOTE)."""
        return round(self.price_per_image * self.images_for(options), 4)

    def market_model(self, refs: int) -> str:
        """The Market API model id for a request with `refs` reference pictures."""
        return self.upstream_with_refs if refs and self.upstream_with_refs else self.upstream

    @property
    def takes_prompt(self) -> bool:
        return self.max_prompt_chars > 0


# -- the entries ---------------------------------------------------------------------------

_4O_SIZES = {"1:1": "Square 1:1", "3:2": "Landscape 3:2", "2:3": "Portrait 2:3"}
FALLBACK_MODELS = ("GPT_IMAGE_1", "FLUX_MAX")

GPT_4O = ModelSpec(
    id="gpt-4o-image", name="GPT-4o Image", family="4o", upstream="gpt4o-image", refs_field="filesUrl",
    max_prompt_chars=5000,  # the provider gives no figure; longer prompts only cost and fail later
    max_refs=5, takes_mask=True, reports_progress=True, images_option="n_variants", prompt_optional_with_refs=True,
    price_per_image=1.5, typical_seconds=40.0, advanced=("enable_fallback", "fallback_model", "upload_cn"),
    options=(
        OptionSpec("size", "Aspect ratio", tuple(_4O_SIZES), "1:1", "choice", _4O_SIZES),
        OptionSpec("n_variants", "Number of images", (1, 2, 4), 1, "choice", {}, "Each image is paid for.",
                   api_field="nVariants"),
        bool_option("is_enhance", "Prompt enhancement", help="Let the service rewrite the prompt in more detail.",
                    api_field="isEnhance"),
        bool_option("enable_fallback", "Fallback", help="Use another model when GPT-4o is busy.",
                    api_field="enableFallback"),
        OptionSpec("fallback_model", "Fallback model", FALLBACK_MODELS, "FLUX_MAX", "choice",
                   {"GPT_IMAGE_1": "GPT Image 1", "FLUX_MAX": "Flux Max"}, "Used only with the fallback on.",
                   only_with="enable_fallback", api_field="fallbackModel"),
        bool_option("upload_cn", "Upload through China", help="Route uploads through the provider's China servers.",
                    api_field="uploadCn"),
    ),
    description="OpenAI's GPT-4o through the 4o Image API: masks, 1, 2 or 4 images, prompt enhancement, fallback.",
)

_GPT2_RATIOS = ("auto", "1:1", "3:2", "2:3", "4:3", "3:4", "5:4", "4:5", "16:9", "9:16", "2:1", "1:2", "3:1",
                "1:3", "21:9", "9:21")
_GPT2_1K_ONLY = ("auto", "5:4", "4:5", "3:1", "1:3", "9:21")
_RESOLUTIONS = ("1K", "2K", "4K")

GPT_IMAGE_2 = ModelSpec(
    id="gpt-image-2", name="GPT Image 2", family="market", upstream="gpt-image-2-text-to-image",
    upstream_with_refs="gpt-image-2-image-to-image", refs_field="input_urls",
    max_prompt_chars=20_000, max_refs=16, price_per_image=3.0, typical_seconds=50.0,
    options=(
        OptionSpec("aspect_ratio", "Aspect ratio", _GPT2_RATIOS, "auto", "choice", {"auto": "Auto"}),
        OptionSpec("resolution", "Resolution", _RESOLUTIONS, "1K"),
    ),
    constraints=(
        Constraint(("aspect_ratio", "resolution"),
                   lambda o, refs: o["resolution"] != "1K" and o["aspect_ratio"] in _GPT2_1K_ONLY,
                   lambda o, refs: f"GPT Image 2 makes {'Auto' if o['aspect_ratio'] == 'auto' else o['aspect_ratio']}"
                                   " pictures at 1K only: choose 1K, or another aspect ratio."),
        Constraint(("aspect_ratio", "resolution"),
                   lambda o, refs: refs > 0 and o["aspect_ratio"] == "1:1" and o["resolution"] == "4K",
                   lambda o, refs: "With reference pictures GPT Image 2 cannot make a 1:1 picture at 4K: choose 1K or "
                                   "2K, or another aspect ratio."),
    ),
    description="OpenAI's GPT Image 2: text to image, or image to image with up to 16 references.",
)

NANO_BANANA_PRO = ModelSpec(
    id="nano-banana-pro", name="Nano Banana Pro", family="market", upstream="nano-banana-pro",
    refs_field="image_input", max_prompt_chars=10_000, max_refs=8, price_per_image=4.5, typical_seconds=45.0,
    options=(
        OptionSpec("aspect_ratio", "Aspect ratio",
                   ("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9", "auto"), "1:1", "choice",
                   {"auto": "Auto"}),
        OptionSpec("resolution", "Resolution", _RESOLUTIONS, "1K"),
        OptionSpec("output_format", "File format", ("png", "jpg"), "png", "choice", {"png": "PNG", "jpg": "JPEG"}),
    ),
    description="Google's Nano Banana Pro: one model for text to image and image to image (up to 8 references).",
)

SEEDREAM_45 = ModelSpec(
    id="seedream-4.5", name="Seedream 4.5", family="market", upstream="seedream/4.5-text-to-image",
    upstream_with_refs="seedream/4.5-edit", refs_field="image_urls", max_prompt_chars=3000, max_refs=14,
    price_per_image=1.6, typical_seconds=35.0,
    options=(
        OptionSpec("aspect_ratio", "Aspect ratio", ("1:1", "4:3", "3:4", "16:9", "9:16", "2:3", "3:2", "21:9"), "1:1"),
        OptionSpec("quality", "Quality", ("basic", "high"), "basic", "choice",
                   {"basic": "Basic (2K)", "high": "High (4K)"}),
        bool_option("nsfw_checker", "Safety checker", help="Ask the service to refuse unsafe pictures."),
    ),
    description="ByteDance's Seedream 4.5: text to image, or an edit of up to 14 reference pictures.",
)

TOPAZ_UPSCALE = ModelSpec(
    id="topaz-upscale", name="Upscale", family="market", is_tool=True, upstream="topaz/image-upscale",
    refs_field="image_url", single_ref=True, max_prompt_chars=0, max_refs=1, refs_required=True,
    price_per_image=2.0, typical_seconds=25.0,
    options=(OptionSpec("upscale_factor", "Factor", ("2", "4"), "2", "choice", {"2": "2×", "4": "4×"}),),
    description="Topaz image upscale: a picture made 2 or 4 times larger.",
)

REMOVE_BACKGROUND = ModelSpec(
    id="recraft-remove-background", name="Remove background", family="market", is_tool=True,
    upstream="recraft/remove-background", refs_field="image", single_ref=True, max_prompt_chars=0, max_refs=1,
    refs_required=True, price_per_image=0.5, typical_seconds=10.0,
    description="Recraft background removal: the subject on a transparent background.",
)

CATALOG: dict[str, ModelSpec] = {
    spec.id: spec for spec in (GPT_4O, GPT_IMAGE_2, NANO_BANANA_PRO, SEEDREAM_45, TOPAZ_UPSCALE, REMOVE_BACKGROUND)
}
_BY_UPSTREAM: dict[str, str] = {}


def register(spec: ModelSpec) -> ModelSpec:
    """Add (or replace) a catalogue entry; tests use it for a fake model."""
    CATALOG[spec.id] = spec
    _BY_UPSTREAM.clear()
    return spec


def unregister(model_id: str) -> None:
    """Remove an entry added by `register` (the built-in ones stay)."""
    if model_id in _BUILT_IN:
        raise ValueError(f"{model_id} is built in")
    CATALOG.pop(model_id, None)
    _BY_UPSTREAM.clear()


_BUILT_IN = frozenset(CATALOG)


def get(model_id: str) -> ModelSpec:
    """The entry of `model_id`; an unknown id is a `RequestInvalid` naming the known ones."""
    spec = CATALOG.get(model_id or "")
    if spec is None:
        known = ", ".join(CATALOG)
        raise RequestInvalid(f"Unknown model {str(model_id)[:60]!r}: choose one of {known}.", field="model")
    return spec


def image_models() -> list[ModelSpec]:
    """The models that make pictures from a prompt, the default first."""
    return sorted((s for s in CATALOG.values() if not s.is_tool), key=lambda s: s.id != DEFAULT_MODEL)


def tools() -> list[ModelSpec]:
    """The tools that work on a finished picture."""
    return [s for s in CATALOG.values() if s.is_tool]


def by_upstream(name: str) -> ModelSpec | None:
    """The entry that sends Market model `name` (for a task adopted by its taskId), or None."""
    if not _BY_UPSTREAM:
        for spec in CATALOG.values():
            for upstream in (spec.upstream, spec.upstream_with_refs):
                if upstream:
                    _BY_UPSTREAM[upstream] = spec.id
    found = _BY_UPSTREAM.get(name)
    return CATALOG.get(found) if found else None


def name_of(model_id: str) -> str:
    """The display name of a model id; the id itself when the catalogue no longer lists it."""
    spec = CATALOG.get(model_id)
    return spec.name if spec else model_id


# -- requests -----------------------------------------------------------------------------

SHAPE_OPTIONS = ("size", "aspect_ratio", "resolution")  # the options that say a picture's shape and size


def freeze(options: Mapping[str, Any] | None) -> tuple[tuple[str, Any], ...]:
    """Options as an immutable, ordered value (what `GenerateRequest.options` holds)."""
    return tuple(sorted((str(k), v) for k, v in (options or {}).items()))
