"""History in a real browser, on the demo gallery: the first pictures in the first screen (the filters fold away),
tiles of one size, and tools' results named after what they made with a checkerboard only behind transparency."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kie.gallery import load_demo_gallery
from kie.store import TaskStore
from tests.e2e.harness import App, open_app, screenshot, settle

pytestmark = pytest.mark.e2e

CUT_OUT = "Background removed: “A red hot air balloon in a blue sky”"
UPSCALED = "Upscaled 2× (1024 → 2048 px): “A garden of red flowers”"
TILE_PICTURES = """() => [...document.querySelectorAll("[class*='st-key-tile-'] [data-testid=stImage] img")]
  .map(img => { const b = img.getBoundingClientRect();
    return {top: b.top, width: b.width, height: b.height, background: getComputedStyle(img).backgroundImage,
            text: img.closest("[class*='st-key-tile-']").innerText}; })"""


@pytest.fixture(scope="module")
def history_app(tmp_path_factory):
    base = tmp_path_factory.mktemp("history-tiles")
    load_demo_gallery(TaskStore(base / "data", "demo"))  # the demo workspace's history, before the app starts
    app = App(base / "data", base / "app.log")
    app.data_dir = base / "data"
    try:
        yield app
    finally:
        app.stop()


def tiles(page) -> list[dict]:
    page.locator("[class*='st-key-tile-'] [data-testid=stImage] img").first.wait_for()
    page.wait_for_function("() => [...document.querySelectorAll(\"[class*='st-key-tile-'] img\")]"
                           ".every(i => i.complete && i.naturalWidth > 0)")
    settle(page)
    return page.evaluate(TILE_PICTURES)


@pytest.mark.parametrize("size", [(1400, 900), (400, 800)], ids=["1400x900", "400x800"])
def test_the_first_pictures_are_in_the_first_screen_and_every_tile_is_the_same_size(history_app, page, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_app(page, history_app.url + "/history")
    found = tiles(page)
    assert len(found) == 17
    first = found[0]
    assert first["top"] + first["height"] / 2 < size[1], f"the first picture starts at {first['top']:.0f} px"
    boxes = {(round(t["width"]), round(t["height"])) for t in found}
    assert len(boxes) == 1, boxes  # a portrait picture makes no taller tile: one square box each
    [(width, height)] = boxes
    assert abs(width - height) <= 1
    screenshot(page, f"history-tiles-{size[0]}.png")


def test_filters_fold_away_and_a_shared_view_opens_them(history_app, page):
    open_app(page, history_app.url + "/history")
    main = page.locator("[data-testid=stMain]")
    expect(main.get_by_text("Favourites only")).to_be_hidden()
    main.get_by_text("Filters", exact=True).click()
    expect(main.get_by_text("Favourites only")).to_be_visible()
    open_app(page, history_app.url + "/history?kind=Tool")  # a view someone shared, with a filter on
    expect(main.get_by_text("Favourites only")).to_be_visible()
    expect(main.get_by_text("1 filter on")).to_be_visible()
    assert len(tiles(page)) == 2


def test_tools_results_are_named_after_what_they_made_with_a_checkerboard_only_behind_transparency(history_app, page):
    open_app(page, history_app.url + "/history")
    found = tiles(page)
    cut_out = [t for t in found if CUT_OUT in t["text"]]
    upscaled = [t for t in found if UPSCALED in t["text"]]
    assert len(cut_out) == 1 and len(upscaled) == 1
    assert "repeating-conic-gradient" in cut_out[0]["background"]
    assert all(t["background"] == "none" for t in found if t is not cut_out[0])  # opaque: no checkerboard
    page.locator("[class*='st-key-tile-']").filter(has_text=CUT_OUT).get_by_role("button", name="Open").click()
    settle(page)
    card = page.locator("[class*='st-key-result-'] [data-testid=stImage] img").first
    card.wait_for()
    expect(page.get_by_text(CUT_OUT).first).to_be_visible()  # the card names it too
    assert "repeating-conic-gradient" in card.evaluate("img => getComputedStyle(img).backgroundImage")
    screenshot(page, "history-cut-out-card.png")


def test_the_more_menu_closes_once_a_tool_is_chosen(history_app, page):
    store = TaskStore(history_app.data_dir, "demo")
    open_app(page, history_app.url + "/history?task=demo-gallery-12")  # the lighthouse: one picture
    page.get_by_role("button", name="More").first.click()
    remove = page.get_by_role("button", name="Remove background")
    expect(remove).to_be_visible()
    page.get_by_role("button", name="Upscale 2×").click()
    settle(page)
    expect(remove).to_be_hidden()  # the menu closed: it stayed open over the page's rerun before
    expect(page.get_by_role("button", name="More").first).to_be_visible()
    [upscale] = [t for t in store.query(limit=30) if t.parent_id == "demo-gallery-12"]
    assert upscale.model == "topaz-upscale"  # the tool ran once
