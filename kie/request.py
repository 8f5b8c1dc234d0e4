"""The one request shape: what the app asks any catalogue model for (`GenerateRequest`), checked before anything is
sent, and how a stored request of any version is read back."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal
from urllib.parse import urlparse

from kie import catalog
from kie.errors import RequestInvalid

TaskKind = Literal["text", "edit", "variants", "tool"]
KIND_LABELS = {"text": "Text to image", "edit": "Edit", "variants": "Variants", "tool": "Tool"}
DEFAULT_MODEL = catalog.DEFAULT_MODEL
# The fields in which versions before the one request shape kept GPT-4o's settings: read, never written.
LEGACY_4O_FIELDS = ("size", "n_variants", "is_enhance", "upload_cn", "enable_fallback", "fallback_model")


def _is_http_url(value: str) -> bool:
    parsed = urlparse(value)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def clean_prompt(text: str | None) -> str:
    """The prompt without control characters (newlines and tabs kept) and outer white space."""
    text = text or ""
    return "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C"
    ).strip()


@dataclass(frozen=True)
class GenerateRequest:
    """A request for any catalogue model, checked by `validated()` before anything is sent.

    The same shape for every model: the model id, its options (an immutable tuple of (key, value) pairs, keys as
    the catalogue names them), references, an optional mask and a callback. Each API family builds its body from
    this (`kie.families`).
    """

    prompt: str = ""
    files_url: tuple[str, ...] = ()
    mask_url: str | None = None
    callback_url: str | None = None
    model: str = DEFAULT_MODEL
    options: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def build(cls, model_id: str, prompt: str = "", options: Mapping[str, Any] | None = None, files_url=(),
              mask_url: str | None = None, callback_url: str | None = None) -> GenerateRequest:
        """A request for any model from a form's values: every option at the value given or its default (not yet
        validated: call `.validated()`)."""
        spec = catalog.get(model_id)
        return cls(model=spec.id, prompt=prompt or "", files_url=tuple(files_url), mask_url=mask_url,
                   callback_url=callback_url, options=catalog.freeze(spec.complete(options)))

    @property
    def spec(self) -> catalog.ModelSpec:
        """The catalogue entry of its model (`RequestInvalid` for an unknown one)."""
        return catalog.get(self.model)

    @property
    def kind(self) -> TaskKind:
        spec = catalog.CATALOG.get(self.model)
        if spec is not None and spec.is_tool:
            return "tool"
        if self.mask_url:
            return "edit"
        return "variants" if self.files_url else "text"

    def settings(self) -> dict[str, Any]:
        """Every option of its model, at the request's value or the default (the options as given for a model
        the catalogue no longer lists)."""
        spec = catalog.CATALOG.get(self.model)
        return spec.complete(dict(self.options)) if spec else dict(self.options)

    def option(self, key: str, default: Any = None) -> Any:
        """One of its settings (the model's default when unset)."""
        return self.settings().get(key, default)

    def with_options(self, **changes: Any) -> GenerateRequest:
        """A copy with some options changed."""
        return replace(self, options=catalog.freeze({**dict(self.options), **changes}))

    @property
    def images(self) -> int:
        """How many images it makes."""
        spec = catalog.CATALOG.get(self.model)
        return spec.images_for(self.settings()) if spec else max(1, int(dict(self.options).get("n_variants", 1)))

    @property
    def shape(self) -> str:
        """Its picture shape in words, for any model: "Landscape 3:2", "16:9 · 2K"; "" for a tool."""
        spec = catalog.CATALOG.get(self.model)
        if spec is None:
            return str(dict(self.options).get("size") or "")
        chosen = self.settings()
        return " · ".join(spec.option(key).label_for(chosen[key]) for key in catalog.SHAPE_OPTIONS
                          if any(o.key == key for o in spec.options))

    def validated(self) -> GenerateRequest:
        """A cleaned copy, or `RequestInvalid` naming the field and what to do."""
        spec = self.spec
        prompt = clean_prompt(self.prompt)
        files = tuple(u.strip() for u in self.files_url if u and u.strip())
        callback = (self.callback_url or "").strip() or None
        mask = (self.mask_url or "").strip() or None
        if not spec.takes_prompt:
            prompt = ""
        elif spec.prompt_optional_with_refs and not prompt and not files:
            raise RequestInvalid("Write a prompt, or add a reference picture.", field="prompt")
        elif not spec.prompt_optional_with_refs and not prompt:
            raise RequestInvalid(f"Write a prompt: {spec.name} needs one.", field="prompt")
        if prompt and len(prompt) < spec.min_prompt_chars:
            raise RequestInvalid(f"{spec.name} needs a prompt of at least {spec.min_prompt_chars} characters: write "
                                 "a few words more.", field="prompt")
        if len(prompt) > spec.max_prompt_chars:
            raise RequestInvalid(
                f"The prompt is {len(prompt):,} characters long; shorten it to {spec.max_prompt_chars:,} or fewer "
                f"for {spec.name}.", field="prompt")
        if refused := spec.check(dict(self.options), len(files)):  # options, reference count, combinations
            raise RequestInvalid(refused.message, field=refused.field)
        for url in files:
            if not _is_http_url(url):
                raise RequestInvalid(f"Reference image address must start with http:// or https://: {url[:80]}",
                                     field="files_url")
        if mask:
            if not spec.takes_mask:
                raise RequestInvalid(f"{spec.name} takes no mask: send the picture and the prompt as an edit, or "
                                     "choose a model that takes a mask.", field="mask_url")
            if not _is_http_url(mask):
                raise RequestInvalid("The mask address must start with http:// or https://.", field="mask_url")
            if len(files) != 1:
                raise RequestInvalid("An edit needs exactly one source picture with its mask.", field="mask_url")
        if callback and not _is_http_url(callback):
            raise RequestInvalid("The callback URL must start with http:// or https://.", field="callback_url")
        return replace(self, prompt=prompt, files_url=files, callback_url=callback, mask_url=mask,
                       options=catalog.freeze(spec.complete(dict(self.options))))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["files_url"] = list(self.files_url)
        data["options"] = dict(self.options)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GenerateRequest:
        """A stored request, of this version or of one before the one request shape (GPT-4o's settings as fields:
        folded into its options)."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["files_url"] = tuple(known.get("files_url") or ())
        options = known.get("options") or {}
        options = dict(options) if isinstance(options, dict) else dict(tuple(pair) for pair in options)
        known["model"] = known.get("model") or DEFAULT_MODEL
        if known["model"] == catalog.GPT_4O.id:
            legacy = {k: data[k] for k in LEGACY_4O_FIELDS if k in data and data[k] is not None}
            options = {**legacy, **options}
        known["options"] = catalog.freeze(options)
        return cls(**known)
