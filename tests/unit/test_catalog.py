"""The model catalogue: defaults, constraints, request building and validation, checked against the simulator's
own (independently written) table of what the provider accepts."""

from __future__ import annotations

import io
import itertools
import math

import pytest
from PIL import Image

from kie import catalog
from kie.errors import RequestInvalid
from kie.export import task_record
from kie.families import body_of, family_of, request_from_params
from kie.models import GenerateRequest, Task
from kie.pngmeta import read_settings, tag_png, task_metadata
from kie.simulator import IMAGE_COST, market, validate_submit

REF = "https://e.com/ref{}.png"
SENT_AS_BODIES = [s for s in catalog.CATALOG.values() if not s.acts_on_task]  # follow-ups: test_catalog_more_models
MOST_COMBINATIONS = 3000  # more than this: each value once, with every combination of the constrained options


def refs(n: int) -> tuple[str, ...]:
    return tuple(REF.format(i) for i in range(n))


def test_names_and_ids_are_the_agreed_ones():
    names = {spec.id: spec.name for spec in catalog.CATALOG.values()}
    assert names["gpt-4o-image"].startswith("GPT-4o Image") and names["gpt-image-2"].startswith("GPT Image 2")
    assert names["nano-banana-pro"].startswith("Nano Banana Pro") and names["seedream-4.5"].startswith("Seedream 4.5")
    assert [s.id for s in catalog.tools()] == ["topaz-upscale", "recraft-remove-background", "midjourney-upscale",
                                               "midjourney-vary"]
    assert catalog.image_models()[0].id == catalog.DEFAULT_MODEL == "gpt-4o-image"


def accepted_upstream(spec: catalog.ModelSpec, body: dict) -> str | None:
    """The simulator's 422 message for a body of `spec`'s family (None: it takes it)."""
    return validate_submit(family_of(spec.family).submit_path, body)


@pytest.mark.parametrize("spec", SENT_AS_BODIES, ids=lambda s: s.id)
def test_every_models_defaults_are_valid_and_accepted_by_the_provider(spec):
    files = refs(1) if spec.refs_required else ()
    request = GenerateRequest.build(spec.id, "a lighthouse at dusk", spec.defaults(), files_url=files).validated()
    assert request.settings() == spec.defaults()
    assert accepted_upstream(spec, body_of(request)) is None


def combinations(spec: catalog.ModelSpec) -> list[dict]:
    """Every combination of a model's option values; for a model with more than MOST_COMBINATIONS (Midjourney), every
    combination of the options its constraints name, and every value of each other option, the rest at defaults."""
    if math.prod(len(o.values) for o in spec.options) <= MOST_COMBINATIONS:
        return spec.combinations()
    ruled = [o for o in spec.options if any(o.key in c.keys for c in spec.constraints)]
    found = [{**spec.defaults(), **dict(zip([o.key for o in ruled], values, strict=True))}
             for values in itertools.product(*(o.values for o in ruled))]
    found += [{**spec.defaults(), o.key: v} for o in spec.options for v in o.values]
    return list({tuple(sorted(c.items())): c for c in found}.values())


def _cases(spec: catalog.ModelSpec):
    counts = sorted({0, 1, spec.max_refs, spec.max_refs + 1})
    yield from itertools.product(combinations(spec), counts)


@pytest.mark.parametrize("spec", SENT_AS_BODIES, ids=lambda s: s.id)
def test_every_refused_combination_is_refused_before_sending_and_every_other_is_accepted_upstream(spec):
    prompt = "" if not spec.takes_prompt else "a fox"
    refused = accepted = 0
    for options, count in _cases(spec):
        request = GenerateRequest.build(spec.id, prompt, options, files_url=refs(count))
        why = spec.refusal(options, count)
        if why is not None:
            with pytest.raises(RequestInvalid):
                request.validated()
            refused += 1
            continue
        problem = accepted_upstream(spec, body_of(request.validated()))
        assert problem is None, (options, count, problem)
        for option in spec.options:  # what the form offers includes every value of an accepted combination
            assert options[option.key] in spec.allowed_values(option.key, options, count)
        accepted += 1
    assert accepted > 0 and refused > 0


def test_gpt_image_2_constraints_from_the_notes():
    gpt2 = catalog.get("gpt-image-2")
    for ratio in ("auto", "5:4", "4:5", "3:1", "1:3", "9:21"):
        assert gpt2.allowed_values("resolution", {"aspect_ratio": ratio}) == ("1K",)
        assert "1K only" in gpt2.refusal({"aspect_ratio": ratio, "resolution": "2K"})
    assert gpt2.refusal({"aspect_ratio": "1:1", "resolution": "4K"}, refs=0) is None
    assert "4K" in gpt2.refusal({"aspect_ratio": "1:1", "resolution": "4K"}, refs=1)
    assert "1:1" not in gpt2.allowed_values("aspect_ratio", {"resolution": "4K"}, refs=2)
    assert "1:1" in gpt2.allowed_values("aspect_ratio", {"resolution": "4K"}, refs=0)
    with pytest.raises(RequestInvalid) as caught:
        GenerateRequest.build("gpt-image-2", "x", {"aspect_ratio": "4:5", "resolution": "4K"}).validated()
    assert caught.value.field == "resolution"


@pytest.mark.parametrize("model, count, upstream, field", [
    ("gpt-image-2", 0, "gpt-image-2-text-to-image", None),
    ("gpt-image-2", 2, "gpt-image-2-image-to-image", "input_urls"),
    ("nano-banana-pro", 0, "nano-banana-pro", None),
    ("nano-banana-pro", 3, "nano-banana-pro", "image_input"),
    ("seedream-4.5", 0, "seedream/4.5-text-to-image", None),
    ("seedream-4.5", 1, "seedream/4.5-edit", "image_urls"),
])
def test_the_body_names_the_model_by_whether_references_are_given(model, count, upstream, field):
    body = body_of(GenerateRequest.build(model, "a boat", {}, files_url=refs(count)).validated())
    assert body["model"] == upstream
    if field:
        assert body["input"][field] == list(refs(count))
    assert not {"input_urls", "image_input", "image_urls"} & set(body["input"]) if not field else True


def test_tools_send_one_picture_in_their_own_field():
    up = GenerateRequest.build("topaz-upscale", "ignored", {"upscale_factor": "4"}, files_url=refs(1)).validated()
    assert body_of(up) == {"model": "topaz/image-upscale",
                               "input": {"image_url": REF.format(0), "upscale_factor": "4"}}
    assert up.prompt == "" and up.kind == "tool" and up.images == 1
    cut = GenerateRequest.build("recraft-remove-background", "", {}, files_url=refs(1)).validated()
    assert body_of(cut) == {"model": "recraft/remove-background", "input": {"image": REF.format(0)}}
    with pytest.raises(RequestInvalid) as caught:
        GenerateRequest.build("topaz-upscale", "", {}).validated()
    assert caught.value.field == "files_url"


@pytest.mark.parametrize("model", ["gpt-image-2", "nano-banana-pro", "seedream-4.5"])
def test_only_gpt_4o_takes_a_mask(model):
    with pytest.raises(RequestInvalid) as caught:
        GenerateRequest.build(model, "x", {}, files_url=refs(1), mask_url="https://e.com/m.png").validated()
    assert caught.value.field == "mask_url" and "mask" in caught.value.message
    GenerateRequest.build("gpt-4o-image", "x", {}, files_url=refs(1), mask_url="https://e.com/m.png").validated()


@pytest.mark.parametrize("model", ["gpt-4o-image", "gpt-image-2", "nano-banana-pro", "seedream-4.5"])
def test_each_models_prompt_limit(model):
    limit = catalog.get(model).max_prompt_chars
    GenerateRequest.build(model, "x" * limit, {}).validated()
    with pytest.raises(RequestInvalid) as caught:
        GenerateRequest.build(model, "x" * (limit + 1), {}).validated()
    assert caught.value.field == "prompt" and f"{limit:,}" in caught.value.message


def test_market_models_need_a_prompt_and_unknown_settings_are_named():
    with pytest.raises(RequestInvalid, match="prompt"):
        GenerateRequest.build("seedream-4.5", "  ", {}).validated()
    with pytest.raises(RequestInvalid) as caught:
        GenerateRequest(model="nano-banana-pro", prompt="x", options=(("steps", 30),)).validated()
    assert caught.value.field == "steps"
    with pytest.raises(RequestInvalid) as caught:
        GenerateRequest(model="nano-banana-pro", prompt="x", options=(("resolution", "8K"),)).validated()
    assert caught.value.field == "resolution" and "1K" in caught.value.message


def test_unknown_model_is_a_clear_error():
    with pytest.raises(RequestInvalid) as caught:
        catalog.get("dall-e-9")
    assert caught.value.field == "model" and "gpt-image-2" in caught.value.message
    with pytest.raises(RequestInvalid):
        GenerateRequest(model="dall-e-9", prompt="x").validated()


@pytest.mark.parametrize("spec", SENT_AS_BODIES, ids=lambda s: s.id)
def test_requests_round_trip_through_the_store_and_the_api_param(spec):
    files = refs(1) if spec.max_refs else ()
    options = {o.key: o.values[-1] for o in spec.options}
    if spec.refusal(options, len(files)):
        options = spec.defaults()
    request = GenerateRequest.build(spec.id, "round trip", options, files_url=files).validated()
    assert GenerateRequest.from_dict(request.to_dict()) == request
    assert request_from_params(body_of(request)) == request
    assert request.settings() == spec.complete(options)


def test_restore_from_a_png_brings_the_model_and_its_options_back():
    request = GenerateRequest.build("nano-banana-pro", "a quiet harbour", {"aspect_ratio": "16:9",
                                                                            "resolution": "2K"}).validated()
    task = Task(task_id="task_x", kind=request.kind, request=request, model=request.model)
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, format="PNG")
    settings = read_settings(tag_png(out.getvalue(), task, 0))
    assert settings.model == "nano-banana-pro" and settings.request.model == "nano-banana-pro"
    assert settings.request.settings() == {"aspect_ratio": "16:9", "resolution": "2K",
                                                          "output_format": "png"}
    record = task_metadata(task)  # what a ZIP's tasks.json says of it
    assert record["model"] == "nano-banana-pro" and record["modelName"] == "Nano Banana Pro"
    assert record["parameters"]["aspect_ratio"] == "16:9" and "size" not in record["parameters"]
    assert task_record(task)["model"] == "nano-banana-pro"


def test_prices_are_one_table_and_match_what_the_simulator_charges():
    assert catalog.get("gpt-4o-image").price_per_image == IMAGE_COST
    for spec in catalog.CATALOG.values():
        if spec.family == "market":
            assert market.PRICES[spec.id] == spec.price_per_image
    assert catalog.get("gpt-4o-image").estimate({"n_variants": 4}) == 4 * IMAGE_COST
    assert catalog.get("gpt-4o-image").images_for({"n_variants": 2}) == 2


@pytest.fixture
def fake_model():
    spec = catalog.register(catalog.ModelSpec(
        id="fake-painter", name="Fake Painter", family="market", upstream="fake/painter-text",
        upstream_with_refs="fake/painter-edit", refs_field="images", max_prompt_chars=100, max_refs=2,
        price_per_image=2.0, typical_seconds=12.0,
        options=(catalog.OptionSpec("style", "Style", ("oil", "ink"), "oil"), catalog.bool_option("hd", "HD")),
        constraints=(catalog.Constraint(("style", "hd"), lambda o, r: o["style"] == "ink" and o["hd"],
                                        lambda o, r: "Ink is never HD."),),
    ))
    yield spec
    catalog.unregister(spec.id)


def test_a_new_entry_registers_and_builds_and_validates_requests(fake_model):
    assert catalog.get("fake-painter") is fake_model and fake_model in catalog.image_models()
    request = GenerateRequest.build("fake-painter", "a pear", {"style": "ink"}, files_url=refs(1)).validated()
    assert body_of(request) == {"model": "fake/painter-edit",
                                    "input": {"prompt": "a pear", "images": [REF.format(0)], "style": "ink",
                                              "hd": False}}
    assert fake_model.allowed_values("hd", {"style": "ink"}) == (False,)
    with pytest.raises(RequestInvalid, match="Ink is never HD"):
        GenerateRequest.build("fake-painter", "a pear", {"style": "ink", "hd": True}).validated()
    assert request_from_params(body_of(request)) == request
    assert fake_model.estimate({}) == 2.0


def test_every_models_shape_and_image_count_come_from_its_own_options():
    """Cards and the Showcase say a GPT Image 2 task is 16:9 at 2K, not GPT-4o's default "1:1 · 1 image"."""
    wide = GenerateRequest.build("gpt-image-2", "x", {"aspect_ratio": "16:9", "resolution": "2K"})
    assert (wide.shape, wide.images) == ("16:9 · 2K", 1)
    four = GenerateRequest.build("gpt-4o-image", "x", {"size": "3:2", "n_variants": 4})
    assert (four.shape, four.images) == ("Landscape 3:2", 4)
    tall = GenerateRequest.build("seedream-4.5", "x", {"aspect_ratio": "9:16"})
    assert tall.shape == "9:16"
    upscale = GenerateRequest.build("topaz-upscale", "", {"upscale_factor": "4"})
    assert upscale.shape == ""  # a tool: no shape of its own
