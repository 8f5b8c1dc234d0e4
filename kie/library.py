"""The prompt library's rules: what may be saved (the same prompt limit as Generate, and limits of its own for
names and tags), checked here so that every page and script that saves a prompt is held to them."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from kie import catalog
from kie.errors import RequestInvalid
from kie.request import GenerateRequest, clean_prompt
from kie.store import Store

MAX_NAME_CHARS = 80
MAX_TAGS = 20
MAX_TAG_CHARS = 40


def tags_of(text: str) -> list[str]:
    """Comma-separated tags, trimmed, without empty or repeated ones (compared without case)."""
    seen: dict[str, str] = {}
    for tag in (text or "").split(","):
        tag = " ".join(tag.split())
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return list(seen.values())


def checked_entry(name: str, tags: str, request: GenerateRequest) -> tuple[str, str, GenerateRequest]:
    """(name, tags, request) cleaned, or `RequestInvalid` whose message says the limit and what to do."""
    name = " ".join(clean_prompt(name).split())
    prompt = clean_prompt(request.prompt)
    if not prompt:
        raise RequestInvalid("Write a prompt first: an empty prompt cannot be saved.", field="prompt")
    limit = spec.max_prompt_chars if (spec := catalog.CATALOG.get(request.model)) else catalog.GPT_4O.max_prompt_chars
    if len(prompt) > limit:  # the model's own limit, as Generate sends it
        raise RequestInvalid(f"The prompt is {len(prompt):,} characters long; the library keeps prompts of up to "
                             f"{limit:,} characters, as Generate sends. Shorten it.", field="prompt")
    if not name:
        raise RequestInvalid("Give the prompt a name to find it by.", field="name")
    if len(name) > MAX_NAME_CHARS:
        raise RequestInvalid(f"The name is {len(name):,} characters long; names may have up to {MAX_NAME_CHARS} "
                             "characters. Shorten it.", field="name")
    found = tags_of(clean_prompt(tags))
    if len(found) > MAX_TAGS:
        raise RequestInvalid(f"That is {len(found):,} tags; a prompt may have up to {MAX_TAGS}. Keep the ones you "
                             "search by.", field="tags")
    if long := next((t for t in found if len(t) > MAX_TAG_CHARS), None):
        raise RequestInvalid(f"The tag “{long[:20]}…” is {len(long):,} characters long; tags may have up to "
                             f"{MAX_TAG_CHARS} characters each. Shorten it.", field="tags")
    return name, ", ".join(found), replace(request, prompt=prompt)


def field(row: Any, name: str) -> Any:
    """A column of a store row, whether the store hands out dicts or typed rows."""
    return row[name] if isinstance(row, Mapping) else getattr(row, name)


def save_prompt(store: Store, name: str, tags: str, request: GenerateRequest, now: float) -> str:
    """Keep a prompt with its settings in the (person's) library; a name already used is replaced, so a name means
    one thing. Returns the cleaned name; raises `RequestInvalid` (nothing saved) past a limit."""
    name, tags, request = checked_entry(name, tags, request)
    for old in store.prompts():
        if field(old, "name").casefold() == name.casefold():
            store.delete_prompt(field(old, "id"))
    store.save_prompt(uuid.uuid4().hex, name, tags, request.to_dict(), now)
    return name
