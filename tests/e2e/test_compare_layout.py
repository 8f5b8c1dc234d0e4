"""Compare models built for comparing, in a real browser at 1400x900 (the sidebar open), live mode against a
separate simulator: a 4-model comparison's pictures all in one viewport, each at least 240 px wide (square and 9:16
alike), under one compact row of actions; Pick frames one card, says "Picked" once and stars that task alone in the
store; the one shared aspect ratio reaches each model's API as that model's nearest value in its own spelling (the
simulator's request log)."""

from __future__ import annotations

import pytest

from kie.store import TaskStore
from kie.store.names import workspace_for_key
from tests.e2e.harness import App, Simulator, open_app, screenshot, settle
from tests.fixtures.learned import learned_fast

VIEWPORT = {"width": 1400, "height": 900}
MIN_WIDTH = 240
CARDS = "[data-testid=stMain] [class*='st-key-cmp-card-']"
PICTURES = f"{CARDS} [data-testid=stImage] img"
DEFAULT_MODELS = ["GPT-4o Image", "GPT Image 2", "Nano Banana Pro"]  # the form's first choice


@pytest.fixture(scope="module")
def studio(tmp_path_factory, browser):
    """The app in live mode against its own simulator (whose request log the tests read), and its store."""
    base = tmp_path_factory.mktemp("compare")
    key = "compare-key-0123456789"
    sim = Simulator([key], base / "sim.log", task_seconds=2.0)
    store = TaskStore(base / "data", workspace_for_key(key))
    learned_fast(store, ["gpt-4o-image", "gpt-image-2", "nano-banana-pro", "seedream-4.5", "seedream-4.0",
                         "imagen-4-fast"], 2.0)
    app = App(base / "data", base / "app.log", env={"KIE_API_KEY": key, "KIE_API_BASE_URL": sim.url,
                                                     "KIE_UPLOAD_BASE_URL": sim.url})
    try:
        yield app, sim, store
    finally:
        app.stop()
        sim.stop()


@pytest.fixture
def page(studio, browser):
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(30_000)
    yield context.new_page()
    context.close()


def compare_form(page, url: str, prompt: str) -> None:
    open_app(page, url)
    page.get_by_role("radio", name="Compare models").click()
    settle(page)
    box = page.get_by_label("Prompt", exact=True)
    box.fill(prompt)
    box.press("Control+Enter")
    settle(page)


def add_model(page, name: str) -> None:
    """Add a model to "Models to compare" by typing its name in the list."""
    models = page.locator("[data-testid=stMain] [data-testid=stMultiSelect]")
    option = page.locator("[role=listbox] [role=option]").filter(has_text=name).first
    for _ in range(3):  # the list can close as a rerun redraws the box (once in the full run): open it again
        box = models.locator("[role=combobox]")
        box.click()
        # Typed, so the list shows it: the list draws only the rows in view (a model far down was not there).
        box.press_sequentially(name, delay=20)
        try:
            option.click(timeout=10_000)
            break
        except Exception:  # noqa: BLE001 - a Playwright timeout: the list closed before the option was pressed
            settle(page)
    else:
        raise AssertionError(f"{name} could not be chosen in Models to compare")
    page.keyboard.press("Escape")
    settle(page)
    models.locator("[data-tag]").filter(has_text=name).wait_for()


def remove_model(page, name: str) -> None:
    chip = page.locator("[data-testid=stMain] [data-testid=stMultiSelect] [data-tag]").filter(has_text=name)
    chip.get_by_role("button").click()  # its ×
    settle(page)
    chip.wait_for(state="detached")


def run_comparison(page, models: int) -> str:
    """Press Compare, wait for every model's picture, loaded; the comparison's id."""
    from playwright.sync_api import expect

    page.get_by_role("button", name=f"Compare {models} models").click()
    page.wait_for_url("**comparison=*")
    expect(page.locator(PICTURES)).to_have_count(models, timeout=60_000)
    page.wait_for_function(f"() => [...document.querySelectorAll(\"{PICTURES}\")].every(i => i.complete && "
                           "i.naturalWidth > 0)", timeout=30_000)
    settle(page)
    return page.url.split("comparison=")[1].split("&")[0]


# Each picture's box, and the width it is drawn at inside it (a picture taller than its box is scaled down to fit:
# object-fit: contain).
BOXES = """imgs => imgs.map(i => {
  const r = i.getBoundingClientRect(), scale = Math.min(1, r.height * i.naturalWidth / i.naturalHeight / r.width);
  return {x: r.x, y: r.y, right: r.right, bottom: r.bottom, width: r.width * scale};
})"""


def boxes(page) -> list[dict]:
    return page.locator(PICTURES).evaluate_all(BOXES)


def all_in_one_screen_and_wide_enough(page, models: int) -> None:
    """Every picture whole in the first screen (no scrolling), none narrower than MIN_WIDTH, nor the page taller
    than the window."""
    page.evaluate("() => window.scrollTo(0, 0)")
    found = boxes(page)
    assert len(found) == models
    for box in found:
        assert box["width"] >= MIN_WIDTH, found
        assert box["x"] >= 0 and box["right"] <= VIEWPORT["width"], found
        assert box["y"] >= 0 and box["bottom"] <= VIEWPORT["height"], found
    cards = page.locator(CARDS).evaluate_all("cs => cs.map(c => c.getBoundingClientRect().bottom)")
    assert max(cards) <= VIEWPORT["height"], cards  # each card whole too: its actions and facts


def test_four_pictures_in_one_screen_pick_frames_and_stars_one(studio, page):
    from playwright.sync_api import expect

    app, _, store = studio
    compare_form(page, app.url, "a lighthouse on a rocky coast")
    add_model(page, "Seedream 4.5")
    comparison_id = run_comparison(page, 4)

    page.evaluate("() => window.scrollTo(0, 0)")
    screenshot(page, "compare-4-models-1400.png")
    all_in_one_screen_and_wide_enough(page, 4)
    # One compact row under each picture: Pick and More, nothing else pressable outside the menu; no Star.
    cards = page.locator(CARDS)
    for index in range(4):
        names = cards.nth(index).locator("button:not([kind=elementToolbar])").filter(visible=True).all_inner_texts()
        words = [set(n.split()) for n in names]  # an icon's name is in its text: "more_horiz More expand_more"
        assert len(words) == 2 and "Pick" in words[0] and "More" in words[1], names
    assert page.get_by_role("button", name="Star").count() == 0

    cards.nth(1).get_by_role("button", name="Pick").click()
    settle(page)
    picked = page.locator("[data-testid=stMain] [class*='st-key-cmp-card-picked-']")
    expect(picked).to_have_count(1)
    screenshot(page, "compare-picked-1400.png")
    assert picked.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"  # framed
    said = page.locator("[data-testid=stMain] [data-testid=stMarkdownContainer]").filter(has_text="Picked")
    expect(said).to_have_count(1)  # said once
    expect(page.locator(CARDS).get_by_role("button", name="Pick")).to_have_count(3)
    tasks = [t for t in store.query(limit=50) if t.comparison_id == comparison_id]
    winner = [t.task_id for t in tasks if t.favourite]
    assert len(tasks) == 4 and len(winner) == 1
    assert picked.get_attribute("class").find(f"st-key-cmp-card-picked-{winner[0]}") >= 0

    page.locator(CARDS).filter(has=page.get_by_role("button", name="Pick")).first.get_by_role(
        "button", name="Pick").click()  # another winner: the star and the frame move
    settle(page)
    expect(picked).to_have_count(1)
    now = [t.task_id for t in store.query(limit=50) if t.comparison_id == comparison_id and t.favourite]
    assert len(now) == 1 and now != winner


def test_four_portrait_pictures_in_one_screen_each_wide_enough(studio, page):
    """At 9:16 (the tallest shape every default model makes, GPT-4o its nearest 2:3) four pictures still fit the
    window whole, each at least MIN_WIDTH wide: the comparison gives them the room the forms' parts took."""
    app, _, _ = studio
    compare_form(page, app.url, "a lighthouse on a rocky coast, tall")
    add_model(page, "Seedream 4.5")
    page.get_by_role("radio", name="9:16", exact=True).click()
    settle(page)
    run_comparison(page, 4)
    page.evaluate("() => window.scrollTo(0, 0)")
    screenshot(page, "compare-4-models-9x16-1400.png")
    all_in_one_screen_and_wide_enough(page, 4)
    shapes = page.locator(PICTURES).evaluate_all("imgs => imgs.map(i => i.naturalHeight / i.naturalWidth)")
    assert sum(shape > 1.7 for shape in shapes) == 3, shapes  # three at 9:16, GPT-4o at 2:3: portrait indeed


def test_two_models_get_larger_pictures(studio, page):
    app, _, _ = studio
    compare_form(page, app.url, "a red kite over a beach")
    remove_model(page, "Nano Banana Pro")
    run_comparison(page, 2)
    page.evaluate("() => window.scrollTo(0, 0)")
    screenshot(page, "compare-2-models-1400.png")
    found = boxes(page)
    assert len(found) == 2 and all(b["width"] >= 1.5 * MIN_WIDTH for b in found), found
    assert all(b["y"] >= 0 and b["x"] >= 0 and b["right"] <= VIEWPORT["width"] for b in found), found


def _sent_shape(request: dict) -> tuple[str, object]:
    """The model a generate request named (the 4o Image API names none) and the shape field it carried."""
    body = request["body"]
    if request["path"].endswith("/gpt4o-image/generate"):
        return "gpt-4o-image", body.get("size")
    data = body.get("input", {})
    return body.get("model"), data.get("aspect_ratio", data.get("image_size"))


def test_the_shared_aspect_ratio_reaches_each_model_as_its_nearest_value(studio, page):
    from playwright.sync_api import expect

    app, sim, _ = studio
    compare_form(page, app.url, "a harbour at dusk, wide")
    remove_model(page, "Nano Banana Pro")
    add_model(page, "Seedream 4.0")
    add_model(page, "Imagen 4 Fast")
    page.get_by_role("radio", name="21:9", exact=True).click()
    settle(page)
    screenshot(page, "compare-form-1400.png")
    main = page.locator("[data-testid=stMain]")
    for words in ("GPT-4o Image: 3:2 (nearest to 21:9)", "GPT Image 2: 21:9", "Seedream 4.0: 21:9",
                  "Imagen 4 Fast: 16:9 (nearest to 21:9)"):
        expect(main.get_by_text(words)).to_be_visible()
    before = len(sim.requests())
    run_comparison(page, 4)
    sent = [r for r in sim.requests()[before:] if r["path"].endswith(("/generate", "/jobs/createTask"))]
    assert sorted(_sent_shape(r) for r in sent) == sorted([
        ("gpt-4o-image", "3:2"),  # GPT-4o makes 1:1, 3:2 and 2:3: the nearest
        ("gpt-image-2-text-to-image", "21:9"),
        ("bytedance/seedream-v4-text-to-image", "landscape_21_9"),  # Seedream 4.0's own name for 21:9
        ("google/imagen4-fast", "16:9"),  # Imagen's widest
    ]), sent

