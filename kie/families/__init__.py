"""The API families: how each of the provider's APIs is spoken, one plug-in module each.

A family knows its endpoints, how to build a request body from a `GenerateRequest`, how to read a status answer
into the common `TaskStatus`, and how to read a body back into a request (a task added by its ID). The client, the
worker, callbacks, polling, budgets, history and pages know only the common shape.

Families: the 4o Image API (gpt4o.py), the Market API (market.py), the Flux Kontext API (flux_kontext.py) and the
Midjourney API (midjourney.py, with its follow-ups on a finished grid: `follow_up_path`, `follow_up_body`).

Adding a family: a module here with a `Family` subclass, and `register(TheFamily())` below (or from a test).
Adding a model of a known family: one entry in `kie.catalog`.
"""

from __future__ import annotations

from typing import Any

from kie.errors import RequestInvalid
from kie.families.base import Family, options_body, options_from_body
from kie.families.flux_kontext import FluxKontextFamily
from kie.families.gpt4o import Gpt4oFamily
from kie.families.market import MarketFamily
from kie.families.midjourney import MidjourneyFamily
from kie.models import GenerateRequest

FAMILIES: dict[str, Family] = {}


def register(family: Family) -> Family:
    """Add (or replace) a family; tests use it for a fake one."""
    FAMILIES[family.id] = family
    return family


def unregister(family_id: str) -> None:
    """Remove a family added by `register` (the built-in ones stay)."""
    if family_id in _BUILT_IN:
        raise ValueError(f"{family_id} is built in")
    FAMILIES.pop(family_id, None)


def family_of(family_id: str) -> Family:
    """The plug-in of `family_id`; `KeyError` for one nobody registered."""
    return FAMILIES[family_id]


def body_of(request: GenerateRequest) -> dict[str, Any]:
    """The JSON body that submits a validated `request`, in its model's family."""
    return family_of(request.spec.family).body(request)


def request_from_params(params: dict[str, Any]) -> GenerateRequest:
    """The request an API body describes (a status answer's parameters, for a task added by its ID): every
    family is asked whether the body names one of its models, the 4o Image API (whose bodies name none) last."""
    for family in sorted(FAMILIES.values(), key=lambda f: f.id == "4o"):
        request = family.request_from(params)
        if request is not None:
            return request
    raise RequestInvalid(f"The studio does not know the model {str(params.get('model'))[:60]!r}.", field="model")


for _family in (Gpt4oFamily(), MarketFamily(), FluxKontextFamily(), MidjourneyFamily()):
    register(_family)
_BUILT_IN = frozenset(FAMILIES)

__all__ = ["FAMILIES", "Family", "body_of", "family_of", "options_body", "options_from_body", "register",
           "request_from_params", "unregister"]
