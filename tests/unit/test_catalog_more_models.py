"""The catalogue's entries of issue 27 (Midjourney, Flux Kontext, Imagen 4, Nano Banana, Seedream 4.0, Qwen, Flux 2):
names, one entry per Market model, defaults the simulator takes, refusals before sending, prices and durations per
option as the simulator charges them, and a look of their own in demo mode."""

from __future__ import annotations

import io
import itertools
import time

import pytest
from PIL import Image

from kie import catalog, errors
from kie.families import body_of, family_of
from kie.models import GenerateRequest
from kie.simulator import flux_kontext, market, midjourney, validate_submit
from kie.simulator.art.styles import look_for
from tests.conftest import sim_requests

NEW = ["midjourney", "flux-kontext-pro", "flux-kontext-max", "imagen-4-fast", "imagen-4", "imagen-4-ultra",
       "nano-banana", "seedream-4.0", "qwen-image", "flux-2-pro", "flux-2-flex"]
NAMES = {"midjourney": "Midjourney", "flux-kontext-pro": "Flux Kontext Pro", "flux-kontext-max": "Flux Kontext Max",
         "imagen-4-fast": "Imagen 4", "imagen-4": "Imagen 4", "imagen-4-ultra": "Imagen 4",
         "nano-banana": "Nano Banana", "seedream-4.0": "Seedream 4.0", "qwen-image": "Qwen", "flux-2-pro": "Flux 2",
         "flux-2-flex": "Flux 2"}
SIM_PRICE = {"market": market.price, "flux-kontext": flux_kontext.price, "midjourney": midjourney.price}
REF = "https://e.com/ref{}.png"


def refs(n: int) -> tuple[str, ...]:
    return tuple(REF.format(i) for i in range(n))


def test_display_names_start_as_agreed_and_the_plain_nano_banana_is_not_the_pro():
    for model_id, start in NAMES.items():
        assert catalog.get(model_id).name.startswith(start), model_id
    assert catalog.get("nano-banana").name in ("Nano Banana", "Nano Banana Edit")
    assert {s.name for s in catalog.image_models()} >= {"Imagen 4 Fast", "Imagen 4", "Imagen 4 Ultra", "Flux 2 Pro",
                                                        "Flux 2 Flex"}
    assert len(catalog.image_models()) >= 15


def test_each_market_model_id_is_sent_by_exactly_one_entry():
    sent: dict[str, list[str]] = {}
    for spec in catalog.CATALOG.values():
        if spec.family == "market":
            for upstream in {spec.upstream, spec.upstream_with_refs} - {None}:
                sent.setdefault(upstream, []).append(spec.id)
    assert all(len(ids) == 1 for ids in sent.values()), sent
    for name in ("google/imagen4-fast", "google/imagen4", "google/imagen4-ultra", "google/nano-banana",
                 "google/nano-banana-edit", "bytedance/seedream-v4-text-to-image", "bytedance/seedream-v4-edit",
                 "qwen/text-to-image", "qwen/image-edit", "flux-2/pro-text-to-image", "flux-2/pro-image-to-image",
                 "flux-2/flex-text-to-image", "flux-2/flex-image-to-image"):
        assert name in sent and catalog.by_upstream(name) is not None, name


@pytest.mark.parametrize("model_id", NEW)
def test_every_entry_says_who_makes_it_what_it_is_good_at_and_where_its_contract_comes_from(model_id):
    spec = catalog.get(model_id)
    assert spec.maker and spec.good_at and spec.description and (spec.source or spec.unverified)
    assert family_of(spec.family).label


@pytest.mark.parametrize("model_id", [m for m in NEW if catalog.get(m).family == "market"])
def test_market_entries_resting_on_fields_no_page_shows_say_so(model_id):
    assert catalog.get(model_id).unverified  # the notes mark every one of these models' option fields unverified


@pytest.mark.parametrize("model_id", NEW)
def test_defaults_are_valid_and_what_the_simulator_takes(model_id):
    spec = catalog.get(model_id)
    request = GenerateRequest.build(model_id, "a lighthouse at dusk", {}).validated()
    assert request.settings() == spec.defaults()
    assert validate_submit(family_of(spec.family).submit_path, body_of(request)) is None
    if spec.max_refs:
        edit = GenerateRequest.build(model_id, "add a moon", {}, files_url=refs(spec.max_refs)).validated()
        assert validate_submit(family_of(spec.family).submit_path, body_of(edit)) is None


def _sampled(spec: catalog.ModelSpec) -> list[dict]:
    """Each option's every value, the others at their defaults, and every pair of the options prices depend on."""
    found = [{**spec.defaults(), o.key: v} for o in spec.options for v in o.values]
    priced = [spec.option(k) for k in spec.price_factors] + ([spec.option(spec.images_option)]
                                                             if spec.images_option else [])
    found += [{**spec.defaults(), **dict(zip([o.key for o in priced], values, strict=True))}
              for values in itertools.product(*(o.values for o in priced))]
    return found


@pytest.mark.parametrize("model_id", NEW)
def test_the_estimate_is_what_the_simulator_charges_for_every_option(model_id):
    spec = catalog.get(model_id)
    checked = 0
    for options in _sampled(spec):
        count = 1 if spec.refs_required else 0
        if spec.refusal(options, count):
            continue
        body = body_of(GenerateRequest.build(model_id, "a fox", options, files_url=refs(count)).validated())
        assert SIM_PRICE[spec.family](body) == pytest.approx(spec.estimate(options)), options
        assert spec.estimate(options) == pytest.approx(spec.price_for_image(options) * spec.images_for(options))
        checked += 1
    assert checked >= len(spec.options)


def test_prices_durations_and_image_counts_follow_the_options():
    assert catalog.get("midjourney").images_for({}) == 4  # a grid: budgets count four images
    seedream = catalog.get("seedream-4.0")
    assert seedream.images_for({"max_images": 5}) == 5
    assert seedream.estimate({"max_images": 2, "resolution": "4K"}) == pytest.approx(2 * 1.5 * seedream.price_per_image)
    flux2 = catalog.get("flux-2-pro")
    assert flux2.estimate({"resolution": "2K"}) > flux2.estimate({"resolution": "1K"})
    assert flux2.typical_seconds_for({"resolution": "2K"}) > flux2.typical_seconds_for({})
    assert catalog.get("imagen-4-fast").estimate({"num_images": 3}) == 3 * catalog.get("imagen-4-fast").price_per_image
    mj = catalog.get("midjourney")
    assert mj.duration_key({"speed": "relaxed"}) == "midjourney speed=relaxed" != mj.duration_key({})
    assert catalog.get("imagen-4").duration_key({"num_images": 2}) == "imagen-4"
    # today's callers of the one figure keep working
    assert all(spec.price_per_image > 0 and spec.typical_seconds > 0 for spec in catalog.CATALOG.values())


@pytest.mark.parametrize("model_id, options, files, prompt, field", [
    ("imagen-4", {}, refs(1), "a fox", "files_url"),  # text to image only
    ("imagen-4-ultra", {"num_images": 8}, (), "a fox", "num_images"),
    ("nano-banana", {}, refs(6), "a fox", "files_url"),
    ("nano-banana", {"output_format": "webp"}, (), "a fox", "output_format"),
    ("seedream-4.0", {"max_images": 7}, (), "a fox", "max_images"),
    ("seedream-4.0", {}, refs(11), "a fox", "files_url"),
    ("qwen-image", {}, refs(2), "a fox", "files_url"),  # one picture to edit
    ("qwen-image", {}, (), "x" * 2001, "prompt"),
    ("flux-2-pro", {}, (), "ab", "prompt"),  # 3 characters at least
    ("flux-2-flex", {"resolution": "4K"}, (), "a fox", "resolution"),
    ("flux-2-flex", {}, refs(9), "a fox", "files_url"),
    ("flux-kontext-max", {"safety_tolerance": 4}, refs(1), "make it snow", "safety_tolerance"),
    ("flux-kontext-pro", {"aspect_ratio": "2:1"}, (), "a fox", "aspect_ratio"),
    ("midjourney", {"speed": "slow"}, (), "a fox", "speed"),
    ("midjourney", {}, refs(5), "a fox", "files_url"),
    ("midjourney", {}, (), "x" * 2001, "prompt"),
    ("midjourney", {"reference_type": "omni"}, (), "a fox", "reference_type"),
    ("flux-kontext-pro", {}, (), "a fox", "mask_url"),  # no model here takes a mask but GPT-4o
])
def test_refused_values_are_refused_before_sending(client, sim_server, model_id, options, files, prompt, field):
    mask = "https://e.com/mask.png" if field == "mask_url" else None
    request = GenerateRequest.build(model_id, prompt, options, files_url=files or (refs(1) if mask else ()),
                                    mask_url=mask)
    with pytest.raises(errors.RequestInvalid) as caught:
        client.generate(request)
    assert caught.value.field == field and caught.value.message
    assert not [r for r in sim_requests(sim_server.url) if r["path"].startswith("/api/v1/")]


def wait_done(client, task_id: str, model: str, seconds: float = 10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = client.record_info(task_id, model)
        if status is not None and status.state != "pending":
            return status
        time.sleep(0.05)
    raise AssertionError(f"{model} task {task_id} did not finish")


@pytest.mark.parametrize("model_id, options, count", [
    ("imagen-4-fast", {"num_images": 2, "aspect_ratio": "16:9"}, 0), ("imagen-4", {}, 0), ("imagen-4-ultra", {}, 0),
    ("nano-banana", {"output_format": "jpeg"}, 0), ("nano-banana", {}, 2), ("seedream-4.0", {"max_images": 3}, 0),
    ("seedream-4.0", {"aspect_ratio": "9:16"}, 1), ("qwen-image", {}, 0), ("qwen-image", {}, 1),
    ("flux-2-pro", {"resolution": "2K"}, 0), ("flux-2-flex", {"aspect_ratio": "auto"}, 2),
])
def test_each_market_entry_round_trips_through_the_simulator(client, model_id, options, count):
    spec = catalog.get(model_id)
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (90, 140, 60)).save(out, format="PNG")
    files = [client.upload_bytes(out.getvalue(), f"ref{n}.png").url for n in range(count)]
    request = GenerateRequest.build(model_id, "a red kite over the sea", options, files_url=files)
    task_id = client.generate(request)
    status = wait_done(client, task_id, model_id)
    assert status.state == "success" and len(status.result_urls) == spec.images_for(options) == request.images
    assert status.params["model"] == spec.market_model(count)
    content = client.fetch_result(status.result_urls[0])
    assert content[:2] == (b"\xff\xd8" if options.get("output_format") == "jpeg" else b"\x89P")


def test_a_four_model_comparison_across_three_families_shows_four_looks():
    models = ["midjourney", "flux-kontext-max", "gpt-image-2", "imagen-4"]
    assert len({catalog.get(m).family for m in models}) == 3
    assert len({look_for(m).name for m in models}) == 4
    assert look_for("qwen-image").name != look_for("nano-banana").name != look_for("seedream-4.0").name
