"""One shared shape for a comparison (kie.shapes): every catalogue model follows it with its nearest allowed value,
the request it makes is valid and carries that value in its API's own spelling, and the words say where a model
cannot follow exactly."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from kie import catalog, shapes
from kie.families import body_of
from kie.model_spec import ModelSpec, OptionSpec
from kie.models import GenerateRequest

MODELS = catalog.image_models()
REF = "https://example.com/ref.png"


def _distance(value: str, wanted: str) -> float:
    return abs(math.log(shapes.ratio_of(value)) - math.log(shapes.ratio_of(wanted)))


def _refs_for(spec: ModelSpec) -> list[int]:
    return [0, 1] if spec.max_refs else [0]


def test_ratios_are_read_and_other_values_are_not():
    assert shapes.ratio_of("3:2") == 1.5 and shapes.ratio_of("21:9") == pytest.approx(21 / 9)
    for not_a_ratio in ("auto", "square_hd", 2, None, "3:0", "0:3", "a:b", "1:2:3", "-1:2", "inf:1"):
        assert shapes.ratio_of(not_a_ratio) is None, not_a_ratio


@pytest.mark.parametrize("spec", MODELS, ids=lambda s: s.id)
def test_every_catalogue_model_has_an_aspect_ratio_option(spec):
    option = shapes.aspect_option(spec)
    assert option is not None and option.label == "Aspect ratio"


def test_tools_have_no_aspect_ratio_option():
    for tool in catalog.tools():
        assert shapes.aspect_option(tool) is None, tool.id


@pytest.mark.parametrize("spec", MODELS, ids=lambda s: s.id)
def test_every_model_follows_every_shared_ratio_with_its_nearest_allowed_value(spec):
    option = shapes.aspect_option(spec)
    for refs in _refs_for(spec):
        for wanted in shapes.SHARED_RATIOS:
            choice = shapes.follow(spec, wanted, {}, refs)
            allowed = [v for v in spec.allowed_values(option.key, {}, refs) if shapes.ratio_of(v)]
            assert choice.key == option.key and choice.value in allowed, (spec.id, wanted, refs)
            best = min(_distance(v, wanted) for v in allowed)
            assert _distance(choice.value, wanted) == pytest.approx(best), (spec.id, wanted, refs, choice.value)
            assert choice.exact == (wanted in allowed), (spec.id, wanted, choice.value)
            if choice.exact:
                assert choice.value == wanted and choice.words == f"{spec.name}: {wanted}"
            else:
                assert choice.words == f"{spec.name}: {choice.value} (nearest to {wanted})"


@pytest.mark.parametrize("spec", MODELS, ids=lambda s: s.id)
def test_the_request_made_with_the_shared_shape_is_valid_and_sends_the_mapped_value(spec):
    option = shapes.aspect_option(spec)
    for refs in _refs_for(spec):
        for wanted in shapes.SHARED_RATIOS:
            options = shapes.with_shape(spec, wanted, {}, refs)
            assert spec.refusal(options, refs) is None, (spec.id, wanted, refs)
            request = replace(GenerateRequest.build(spec.id, "a lighthouse", options), files_url=(REF,) * refs)
            body = body_of(request.validated())
            fields = {**body, **body.get("input", {})}
            assert fields[option.field_name] == option.to_api(options[option.key]), (spec.id, wanted, fields)


@pytest.mark.parametrize(("model", "wanted", "words"), [
    ("gpt-4o-image", "16:9", "GPT-4o Image: 3:2 (nearest to 16:9)"),
    ("gpt-4o-image", "9:16", "GPT-4o Image: 2:3 (nearest to 9:16)"),
    ("gpt-4o-image", "21:9", "GPT-4o Image: 3:2 (nearest to 21:9)"),
    ("gpt-4o-image", "4:3", "GPT-4o Image: 3:2 (nearest to 4:3)"),
    ("gpt-4o-image", "2:3", "GPT-4o Image: 2:3"),
    ("seedream-4.5", "16:9", "Seedream 4.5: 16:9"),
    ("imagen-4-fast", "21:9", "Imagen 4 Fast: 16:9 (nearest to 21:9)"),
    ("imagen-4", "3:2", "Imagen 4: 4:3 (nearest to 3:2)"),
    ("qwen-image", "2:3", "Qwen Image: 3:4 (nearest to 2:3)"),
    ("flux-kontext-pro", "3:2", "Flux Kontext Pro: 4:3 (nearest to 3:2)"),
    ("flux-kontext-max", "21:9", "Flux Kontext Max: 21:9"),
    ("midjourney", "21:9", "Midjourney: 2:1 (nearest to 21:9)"),
    ("midjourney", "16:9", "Midjourney: 16:9"),
    ("nano-banana-pro", "21:9", "Nano Banana Pro: 21:9"),
    ("flux-2-pro", "21:9", "Flux 2 Pro: 16:9 (nearest to 21:9)"),
])
def test_what_each_model_is_asked_for_in_words(model, wanted, words):
    assert shapes.follow(catalog.get(model), wanted).words == words


def test_seedream_4_sends_its_own_preset_name_for_the_shared_ratio():
    spec = catalog.get("seedream-4.0")
    request = GenerateRequest.build(spec.id, "a lighthouse", shapes.with_shape(spec, "16:9")).validated()
    assert body_of(request)["input"]["image_size"] == "landscape_16_9"


def test_a_ratio_the_other_options_refuse_takes_the_nearest_one_they_allow():
    """GPT Image 2 cannot make a 1:1 picture at 4K from references: asked for 1:1 there, it makes 4:3, and says
    it is the nearest; without references (or at 1K) it makes 1:1."""
    spec = catalog.get("gpt-image-2")
    at_4k = {"resolution": "4K"}
    assert shapes.follow(spec, "1:1", at_4k, refs=1).words == "GPT Image 2: 4:3 (nearest to 1:1)"
    assert spec.refusal(shapes.with_shape(spec, "1:1", at_4k, refs=1), refs=1) is None
    assert shapes.follow(spec, "1:1", at_4k, refs=0).words == "GPT Image 2: 1:1"
    assert shapes.follow(spec, "1:1", {"resolution": "1K"}, refs=1).exact


def test_the_other_options_are_kept():
    spec = catalog.get("seedream-4.5")
    assert shapes.with_shape(spec, "9:16", {"quality": "high"}) == {"quality": "high", "aspect_ratio": "9:16"}


def test_a_model_without_an_aspect_ratio_keeps_its_own_shape_and_says_so():
    spec = ModelSpec(id="one-shape", name="One Shape", family="market",
                     options=(OptionSpec("style", "Style", ("a", "b"), "a"),))
    choice = shapes.follow(spec, "16:9")
    assert choice.key is None and not choice.exact
    assert choice.words == "One Shape: its own shape (it has no aspect ratio option)"
    assert shapes.with_shape(spec, "16:9", {"style": "b"}) == {"style": "b"}
    assert shapes.shape_of(spec, {}) is None


def test_the_shape_a_models_options_stand_for():
    assert shapes.shape_of(catalog.get("gpt-4o-image"), {"size": "3:2"}) == "3:2"
    assert shapes.shape_of(catalog.get("gpt-image-2"), {}) is None  # Auto is no ratio
    assert shapes.shape_of(catalog.get("seedream-4.5"), {}) == "1:1"


def test_every_shared_ratio_is_offered_by_some_model_and_the_default_is_one_of_them():
    assert shapes.DEFAULT_RATIO in shapes.SHARED_RATIOS
    for wanted in shapes.SHARED_RATIOS:
        assert any(shapes.follow(spec, wanted).exact for spec in MODELS), wanted
