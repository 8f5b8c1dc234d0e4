"""Batches and templates for any catalogue model: items carry the model, CSV rows may name one."""

from __future__ import annotations

import pytest

from kie import catalog
from kie.batch import estimate, items_from_prompts, parse_csv, parse_lines
from kie.models import GenerateRequest


def test_lines_take_the_forms_model_and_settings():
    form = GenerateRequest.build("nano-banana-pro", "", {"aspect_ratio": "16:9", "resolution": "2K"})
    parsed = parse_lines("a fox\na hare\n", form)
    assert parsed.ok and [i.model for i in parsed.items] == ["nano-banana-pro"] * 2
    request = parsed.items[0].to_request(form)
    assert request.model == "nano-banana-pro" and request.prompt == "a fox"
    assert request.settings()["aspect_ratio"] == "16:9"
    assert GenerateRequest.from_dict(request.to_dict()) == request  # what the batch queue keeps


def test_each_item_is_checked_against_its_models_limit():
    form = GenerateRequest.build("seedream-4.5", "", {})
    parsed = items_from_prompts(["ok", "x" * 3001], form)
    assert len(parsed.items) == 1 and "3,000" in parsed.errors[0].message


def test_a_csv_row_can_name_its_model_and_its_size_becomes_the_aspect_ratio():
    data = b"prompt,model,size,n\na cat,,3:2,2\na dog,GPT Image 2,16:9,\na cow,seedream-4.5,square,\n"
    parsed = parse_csv(data, GenerateRequest())
    assert parsed.ok, parsed.errors
    cat, dog, cow = parsed.items
    assert (cat.model, dict(cat.options)["size"], dict(cat.options)["n_variants"]) == ("gpt-4o-image", "3:2", 2)
    assert dog.model == "gpt-image-2" and dict(dog.options) == {"aspect_ratio": "16:9", "resolution": "1K"}
    assert cow.to_request(GenerateRequest()).settings()["aspect_ratio"] == "1:1"
    assert [i.images for i in parsed.items] == [2, 1, 1]


@pytest.mark.parametrize("row, words", [
    (b"a dog,gpt-image-2,,4", "one image"),
    (b"a dog,dall-e,,", "not one of"),
    (b"a dog,gpt-image-2,7:5,", "Aspect ratio"),
])
def test_bad_model_rows_are_named(row, words):
    parsed = parse_csv(b"prompt,model,size,n\n" + row + b"\n", GenerateRequest())
    assert not parsed.items and words in parsed.errors[0].message


def test_estimate_prices_each_model():
    parsed = parse_csv(b"prompt,model,n\na,,4\nb,nano-banana-pro,\n", GenerateRequest())
    guess = estimate(parsed.items, catalog.get("gpt-4o-image").price_per_image)
    assert guess.images == 5
    assert guess.credits == pytest.approx(4 * catalog.get("gpt-4o-image").price_per_image
                                          + catalog.get("nano-banana-pro").price_per_image)
