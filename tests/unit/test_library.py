"""The prompt library's limits, checked in kie.library for every caller: each refusal says its limit."""

from __future__ import annotations

import pytest

from kie import catalog
from kie.errors import RequestInvalid
from kie.library import MAX_NAME_CHARS, MAX_TAG_CHARS, MAX_TAGS, save_prompt
from kie.models import GenerateRequest

MAX_PROMPT_CHARS = catalog.GPT_4O.max_prompt_chars


@pytest.mark.parametrize("name, tags, prompt, field, says", [
    ("big", "", "x" * 1_000_000, "prompt", f"{MAX_PROMPT_CHARS:,} characters"),
    ("big", "", "x" * (MAX_PROMPT_CHARS + 1), "prompt", f"{MAX_PROMPT_CHARS:,} characters"),
    ("n" * (MAX_NAME_CHARS + 1), "", "a fox", "name", f"up to {MAX_NAME_CHARS} characters"),
    ("tags", ", ".join(f"t{i}" for i in range(MAX_TAGS + 1)), "a fox", "tags", f"up to {MAX_TAGS}"),
    ("tags", "ok, " + "t" * (MAX_TAG_CHARS + 1), "a fox", "tags", f"up to {MAX_TAG_CHARS} characters"),
    ("tags", "x" * 200_000, "a fox", "tags", f"up to {MAX_TAG_CHARS} characters"),
    ("", "", "a fox", "name", "name"),
    ("empty", "", "  ", "prompt", "empty prompt"),
])
def test_past_a_limit_nothing_is_saved_and_the_message_says_the_limit(store, name, tags, prompt, field, says):
    with pytest.raises(RequestInvalid) as refused:
        save_prompt(store, name, tags, GenerateRequest(prompt=prompt), 1.0)
    assert refused.value.field == field and says in refused.value.detail
    assert store.prompts() == []


def test_at_the_limits_a_prompt_is_saved_cleaned_and_a_name_replaces_its_namesake(store):
    tags = ", ".join(f"Tag{i}" for i in range(MAX_TAGS)) + ", tag0,  "
    save_prompt(store, "n" * MAX_NAME_CHARS, tags, GenerateRequest(prompt="p" * MAX_PROMPT_CHARS,
                                                                   options=(("size", "2:3"),)), 1.0)
    saved = store.prompts()
    assert len(saved) == 1 and saved[0].request["prompt"] == "p" * MAX_PROMPT_CHARS
    assert saved[0].tags.split(", ") == [f"Tag{i}" for i in range(MAX_TAGS)]
    assert saved[0].request["options"]["size"] == "2:3"
    save_prompt(store, "N" * MAX_NAME_CHARS, "", GenerateRequest(prompt="again"), 2.0)
    assert [p.request["prompt"] for p in store.prompts()] == ["again"]
