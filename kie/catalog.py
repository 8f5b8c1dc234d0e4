"""The models and tools the app offers, in one place, and the lookups over them: what each takes, its options and their
constraints, its API family, a price estimate and a typical duration.

Everything else reads this: forms are drawn from it, requests are validated against it (`GenerateRequest.
validated`), each API family's body is built from its options' API field names (`kie.families`), prices, budgets,
Restore and PNG metadata use it. The built-in entries are kie.catalog_entries (one module per API family); adding a
model is one entry there (or `register`) and its tests. What an entry is (ModelSpec, OptionSpec, Constraint) is
kie.model_spec, re-exported here. Nothing here imports Streamlit, and nothing here knows the request type: the
catalogue sits below it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kie.catalog_entries import BUILT_IN, GPT_4O
from kie.errors import RequestInvalid
from kie.model_spec import PRICE_NOTE, Constraint, Factors, Family, ModelSpec, OptionSpec, bool_option

DEFAULT_MODEL = GPT_4O.id
__all__ = ["CATALOG", "DEFAULT_MODEL", "GPT_4O", "PRICE_NOTE", "Constraint", "Family", "Factors", "ModelSpec",
           "OptionSpec", "bool_option", "by_upstream", "freeze", "get", "grouped_models", "image_models", "makers",
           "name_of", "register", "tool_actions", "tools", "tools_for", "unregister"]


# -- the entries (kie.catalog_entries, one module per API family) and the lookups -------------------

CATALOG: dict[str, ModelSpec] = {spec.id: spec for spec in BUILT_IN}
_BY_UPSTREAM: dict[str, str] = {}
# The image models in their two orders, worked out once per catalogue (every form's rerun asks; `register` and
# `unregister`, the only changes, forget them).
_ORDERS: dict[str, tuple[ModelSpec, ...]] = {}


def register(spec: ModelSpec) -> ModelSpec:
    """Add (or replace) a catalogue entry; tests use it for a fake model."""
    CATALOG[spec.id] = spec
    _BY_UPSTREAM.clear()
    _ORDERS.clear()
    return spec


def unregister(model_id: str) -> None:
    """Remove an entry added by `register` (the built-in ones stay)."""
    if model_id in _BUILT_IN:
        raise ValueError(f"{model_id} is built in")
    CATALOG.pop(model_id, None)
    _BY_UPSTREAM.clear()
    _ORDERS.clear()


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
    if "image" not in _ORDERS:
        _ORDERS["image"] = tuple(sorted((s for s in CATALOG.values() if not s.is_tool),
                                        key=lambda s: s.id != DEFAULT_MODEL))
    return list(_ORDERS["image"])


def tools() -> list[ModelSpec]:
    """The tools that work on a finished picture."""
    return [s for s in CATALOG.values() if s.is_tool]


def tools_for(model_id: str) -> list[ModelSpec]:
    """The tools that work on the results of `model_id` (Midjourney's Upscale and Vary only on Midjourney's)."""
    return [s for s in tools() if s.works_on(model_id)]


def tool_actions(model_id: str) -> list[tuple[str, str, dict[str, Any]]]:
    """The result menu's entries for a result of `model_id`: (label, tool id, options) each, from every tool's
    `menu` (its name when it has none)."""
    found = []
    for spec in tools_for(model_id):
        for label, options in spec.menu or ((spec.name, ()),):
            found.append((label, spec.id, dict(options)))
    return found


def makers() -> list[str]:
    """The makers of the image models, the default model's first, then in alphabetical order."""
    first = CATALOG[DEFAULT_MODEL].maker if DEFAULT_MODEL in CATALOG else ""
    names = {s.maker for s in image_models()}
    return sorted(names, key=lambda m: (m != first, m.lower()))


def grouped_models() -> list[ModelSpec]:
    """The image models grouped by maker (`makers()` order), each maker's in catalogue order."""
    if "grouped" not in _ORDERS:
        order = {maker: n for n, maker in enumerate(makers())}
        _ORDERS["grouped"] = tuple(sorted(image_models(), key=lambda s: order[s.maker]))
    return list(_ORDERS["grouped"])


def by_upstream(name: str) -> ModelSpec | None:
    """The entry that sends Market model `name` (for a task added by its ID), or None."""
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
