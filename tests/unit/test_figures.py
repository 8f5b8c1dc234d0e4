"""One set of figures (kie.figures): a task's cost, size, state and counts in the words every view shows, what a tool
made, and which pictures have transparency (kie.picture_facts)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from kie import figures, picture_facts
from kie.gallery import ENTRIES, load_demo_gallery, task_id
from kie.models import GenerateRequest, Task
from kie.prices import Price


def task(model: str = "gpt-4o-image", state: str = "success", credits: float | None = None, prompt: str = "a fox",
         task_id: str = "task_1", **options) -> Task:
    request = GenerateRequest.build(model, prompt, options)
    return Task(task_id=task_id, kind=request.kind, request=request, state=state, credits=credits, model=model)


# -- cost ---------------------------------------------------------------------------------------------------------

def test_a_failed_task_reads_nothing_charged_even_where_its_balance_was_measured():
    assert figures.cost_words(task(state="failed", credits=1.5)) == "nothing charged"
    assert figures.cost_words(task(state="failed")) == "nothing charged"
    assert figures.cost_of(task(state="failed", credits=1.5)) == figures.Cost(0.0, False, "nothing charged")


def test_measured_and_estimated_costs_in_the_same_words_everywhere():
    assert figures.cost_words(task(credits=3.0)) == "3 credits"
    assert figures.cost_words(task(credits=1.0)) == "1 credit"
    assert figures.cost_words(task()) == "about 1.5 credits (estimate)"
    assert figures.cost_words(task(n_variants=4)) == "about 6 credits (estimate)"
    assert figures.cost_words(task("nano-banana-pro")) == "about 4.5 credits (estimate)"
    assert figures.cost_words(task("seedream-4.0", resolution="4K")) == "about 5.25 credits (estimate)"
    # A measured price of this workspace's tasks, for its own model only.
    measured = Price(2.0, "estimate from 3 measured task(s)", "gpt-4o-image")
    assert figures.cost_words(task(n_variants=2), measured) == "about 4 credits (estimate)"
    assert figures.cost_words(task("seedream-4.5"), measured) == "about 1.6 credits (estimate)"


def test_a_lost_answer_costs_what_nobody_knows_and_an_unknown_model_costs_nothing_said():
    lost = task(state="failed", task_id="unconfirmed-0123456789abcdef")
    assert figures.cost_of(lost).credits is None and "not known" in figures.cost_words(lost)
    gone = Task(task_id="t", kind="text", request=GenerateRequest(prompt="a fox", model="retired-model"),
                model="retired-model")
    assert figures.cost_words(gone) == ""


def test_numbers_and_counts():
    assert [figures.number(v) for v in (1000, 998.5, 412.25, 1234567.891, 0)] == [
        "1,000", "998.5", "412.25", "1,234,567.89", "0"]
    assert figures.count_words(1, "image") == "1 image" and figures.count_words(4, "image") == "4 images"


# -- size and state -------------------------------------------------------------------------------------------------

def test_seedream_summary_names_its_4k_quality():
    high = task("seedream-4.5", aspect_ratio="16:9", quality="high")
    assert figures.size_words(high.request) == "16:9 · High (4K)"
    assert figures.summary_words(high) == ["Text to image", "Seedream 4.5", "16:9 · High (4K)", "1 image"]
    assert "Basic (2K)" in figures.size_words(task("seedream-4.5").request)


def test_sizes_of_other_models():
    assert figures.size_words(task(size="3:2").request) == "Landscape 3:2"
    assert figures.size_words(task("nano-banana-pro", aspect_ratio="16:9", resolution="4K").request) == "16:9 · 4K"
    assert figures.size_words(task("recraft-remove-background", prompt="").request) == ""


def test_state_words_are_the_badges_words():
    assert figures.state_words(task(state="pending")) == "Queued"  # the service has not started it
    started = task(state="pending")
    started.progress = 0.4
    assert figures.state_words(started) == "Generating"
    assert [figures.state_words(task(state=s)) for s in ("success", "failed", "timed_out")] == [
        "Done", "Failed", "No answer yet"]


# -- tools ----------------------------------------------------------------------------------------------------------

def test_tools_say_what_they_made():
    upscale = task("topaz-upscale", prompt="", upscale_factor="2")
    assert figures.tool_words(upscale, (1024, 1024), (2048, 2048)) == "Upscaled 2× (1024 → 2048 px)"
    assert figures.tool_words(upscale, (1536, 1024), (3072, 2048)) == "Upscaled 2× (1536×1024 → 3072×2048 px)"
    assert figures.tool_words(upscale) == "Upscaled 2×"  # sizes not known
    upscale.state = "pending"
    assert figures.tool_words(upscale, (1024, 1024)) == "Upscale 2×"  # what was asked, until it is made
    assert figures.tool_words(task("recraft-remove-background", prompt="")) == "Background removed"
    assert figures.tool_words(task("recraft-remove-background", prompt="", state="failed")) == "Remove background"
    assert figures.tool_words(task("midjourney-vary", prompt="", image_index=1)) == "Variations (Midjourney), picture 2"
    assert figures.tool_words(task()) == ""  # not a tool


def test_a_tools_result_is_named_after_its_sources_prompt_with_the_sizes_it_made(store):
    load_demo_gallery(store)
    numbers = {(e.tool, e.on): n for n, e in enumerate(ENTRIES, 1)}
    upscaled = store.get(task_id(numbers[("topaz-upscale", 7)]))
    assert figures.title(store, upscaled) == "Upscaled 2× (1024 → 2048 px): “A garden of red flowers”"
    cut_out = store.get(task_id(numbers[("recraft-remove-background", 15)]))
    assert figures.title(store, cut_out) == "Background removed: “A red hot air balloon in a blue sky”"
    assert figures.title(store, store.get(task_id(1))) == ENTRIES[0].prompt
    # A tool on a tool's result is named after the first prompt up the chain; without one, what it did alone.
    again = Task(task_id="again", kind="tool", request=GenerateRequest.build("recraft-remove-background", ""),
                 state="pending", model="recraft-remove-background", parent_id=upscaled.task_id)
    assert figures.title(store, again) == "Remove background: “A garden of red flowers”"
    again.parent_id = "gone"
    assert figures.title(store, again) == "Remove background"
    refs_only = Task(task_id="refs", kind="variants", request=GenerateRequest(files_url=("https://e.com/a.png",)))
    assert figures.title(store, refs_only) == figures.NO_PROMPT


# -- transparency ---------------------------------------------------------------------------------------------------

def _save(tmp_path, name: str, image: Image.Image, **save) -> object:
    path = tmp_path / name
    out = io.BytesIO()
    image.save(out, format=save.pop("format", "PNG"), **save)
    path.write_bytes(out.getvalue())
    return path


@pytest.fixture(autouse=True)
def fresh_answers():
    picture_facts.forget()
    yield
    picture_facts.forget()


def test_only_a_picture_with_a_pixel_not_fully_opaque_has_transparency(tmp_path):
    opaque_rgba = Image.new("RGBA", (64, 48), (200, 10, 10, 255))
    holed = opaque_rgba.copy()
    holed.putpixel((5, 5), (0, 0, 0, 254))
    palette = Image.new("P", (16, 16), 0)
    assert not picture_facts.has_transparency(_save(tmp_path, "rgb.png", Image.new("RGB", (64, 48), "red")))
    assert not picture_facts.has_transparency(_save(tmp_path, "photo.jpg", Image.new("RGB", (64, 48)),
                                                    format="JPEG"))
    assert not picture_facts.has_transparency(_save(tmp_path, "opaque.png", opaque_rgba))
    assert picture_facts.has_transparency(_save(tmp_path, "holed.png", holed))
    assert picture_facts.has_transparency(_save(tmp_path, "keyed.png", palette, transparency=0))
    assert not picture_facts.has_transparency(tmp_path / "missing.png")
    not_a_picture = tmp_path / "page.html"
    not_a_picture.write_text("<html></html>")
    assert not picture_facts.has_transparency(not_a_picture) and picture_facts.pixel_size(not_a_picture) is None
    assert picture_facts.pixel_size(tmp_path / "holed.png") == (64, 48)


def test_the_answer_is_remembered_and_a_changed_file_is_read_again(tmp_path, monkeypatch):
    decodes = []
    real = picture_facts.decoded
    monkeypatch.setattr(picture_facts, "decoded", lambda image, size: decodes.append(size) or real(image, size))
    holed = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    path = _save(tmp_path, "cut.png", holed)
    assert all(picture_facts.has_transparency(path) for _ in range(20))
    assert len(decodes) == 1  # decoded once, not on every rerun
    _save(tmp_path, "cut.png", Image.new("RGBA", (300, 201), (9, 9, 9, 255)))  # the file changed
    assert not picture_facts.has_transparency(path) and len(decodes) == 2
    rgb = _save(tmp_path, "plain.png", Image.new("RGB", (300, 200)))
    assert not picture_facts.has_transparency(rgb) and len(decodes) == 2  # opaque from its header: nothing decoded


def test_a_text_only_task_that_failed_on_a_download_blames_no_reference_picture():
    text_only = task(state="failed")
    text_only.error_code = 451
    assert figures.failure_words(text_only) == (
        "The service could not download a file it needed (this task sent no picture): run it again.")
    with_refs = Task(task_id="t", kind="variants", state="failed", error_code=451,
                     request=GenerateRequest(prompt="a fox", files_url=("https://e.com/a.png",)))
    assert figures.failure_words(with_refs) == "The service could not download a reference picture."


def test_quoted_prompts_and_costs_before_sending():
    assert figures.quoted("a red fox") == "“a red fox”"
    assert figures.quoted("a fox " * 20, limit=20) == "“a fox a fox a fox a…”"
    assert figures.quoted("  two\nlines  ") == "“two lines”"
    assert figures.request_cost_words(task(n_variants=2).request) == "about 3 credits"
    assert figures.request_cost_words(GenerateRequest(prompt="x", model="retired-model")) == "cost not known"
