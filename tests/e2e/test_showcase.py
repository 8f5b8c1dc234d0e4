"""The Showcase in a real browser: the demo gallery, arrow keys, `?slide=N`, presenter mode, autoplay."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import App, open_app, screenshot, settle

pytestmark = pytest.mark.e2e

FIRST = "A golden sunset over a calm sea with a sailing boat"
SECOND = "A night city skyline under a starry sky"
THIRD = "An orange cat in a misty pine forest"


def caption(page):
    """The slide's caption: the prompt under the picture."""
    return page.locator(".st-key-showcase-stage h4")


def slide_in_url(page) -> int:
    found = re.search(r"[?&]slide=(\d+)", page.url)
    return int(found.group(1)) if found else 0


def press(page, key: str) -> None:
    page.locator("body").press(key)
    settle(page)


@pytest.fixture(scope="module")
def gallery_app(browser, tmp_path_factory):
    """One demo app for this module, its demo gallery loaded once through the Showcase's own button. The tests only
    look at the slides (what they change, such as Fit or Fill, presenter mode or autoplay, belongs to their own tab's
    session), so they share it; each opens it in a fresh browser context."""
    base = tmp_path_factory.mktemp("showcase")
    app = App(base / "data", base / "app.log")
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        open_app(page, app.url + "/showcase")
        page.get_by_text("No favourites yet").wait_for()
        page.get_by_role("button", name="Load demo gallery").click()
        caption(page).filter(has_text=FIRST).wait_for()
        settle(page)
        page.close()
        yield app
    finally:
        app.stop()


@pytest.fixture
def showcase(gallery_app, page):
    """The Showcase page, its first slide shown, in this test's own tab."""
    open_app(page, gallery_app.url + "/showcase")
    caption(page).filter(has_text=FIRST).wait_for()
    settle(page)
    return page


def test_arrow_keys_walk_the_favourites_and_the_url_follows(showcase):
    page = showcase
    assert slide_in_url(page) == 1
    press(page, "ArrowRight")
    caption(page).filter(has_text=SECOND).wait_for()
    assert slide_in_url(page) == 2
    press(page, "ArrowRight")
    caption(page).filter(has_text=THIRD).wait_for()
    assert slide_in_url(page) == 3
    press(page, "ArrowLeft")
    caption(page).filter(has_text=SECOND).wait_for()
    assert slide_in_url(page) == 2
    press(page, "ArrowLeft")
    press(page, "ArrowLeft")  # wraps around to the last slide
    assert slide_in_url(page) == 7
    expect(page.get_by_text("Slide 7 of 7")).to_be_visible()  # the slide may be drawn a moment after its address


def test_a_slide_opens_from_its_url_and_an_edit_shows_before_and_after(showcase, gallery_app):
    page = showcase
    open_app(page, gallery_app.url + "/showcase?slide=4")
    caption(page).filter(has_text="Turn the cat into a small dog").wait_for()
    frame = page.locator(".ba[role=slider]")
    frame.wait_for()
    assert frame.get_attribute("aria-label") == "Source / Edited"
    page.get_by_text("Show mask").click()
    settle(page)
    page.get_by_text("Mask: black is repainted").wait_for()
    page.mouse.move(0, 0)  # no hover toolbar on the pictures in the README's screenshot
    screenshot(page, "showcase.png")
    open_app(page, gallery_app.url + "/showcase?slide=99")  # out of range: the last one, and the URL says so
    page.get_by_text("Slide 7 of 7").wait_for()
    assert slide_in_url(page) == 7


def test_presenter_mode_hides_the_sidebar_and_controls_and_keys_still_work(showcase, gallery_app):
    page = showcase
    assert page.locator("[data-testid=stSidebar]").is_visible()
    page.get_by_role("button", name="Presenter mode").click()
    settle(page)
    # The address follows the run's change of ?presenter= when the browser applies it: wait for it rather than read
    # it at once (once in a full run it was not there yet as the run ended; the app's log was clean).
    expect(page).to_have_url(re.compile(r"[?&]presenter=1"))
    assert page.locator("[data-testid=stSidebar]").is_hidden()
    assert page.get_by_role("button", name="Next").is_hidden()
    assert page.get_by_text("Autoplay").is_hidden()
    press(page, "ArrowRight")
    caption(page).filter(has_text=SECOND).wait_for()
    assert slide_in_url(page) == 2
    press(page, "Escape")
    page.locator("[data-testid=stSidebar]").wait_for(state="visible")
    expect(page).not_to_have_url(re.compile(r"presenter"))
    assert slide_in_url(page) == 2
    open_app(page, gallery_app.url + "/showcase?presenter=1&slide=3")
    caption(page).filter(has_text=THIRD).wait_for()
    assert page.locator("[data-testid=stSidebar]").is_hidden()


def test_autoplay_moves_on_by_itself(showcase):
    page = showcase
    page.get_by_label("Seconds per slide").fill("2")
    page.get_by_label("Seconds per slide").press("Enter")
    settle(page)
    page.get_by_text("Autoplay").click()
    caption(page).filter(has_text=SECOND).wait_for(timeout=10_000)
    caption(page).filter(has_text=THIRD).wait_for(timeout=10_000)
    page.wait_for_url(re.compile(r"[?&]slide=3\b"), timeout=10_000)  # the address may follow the slide a moment later
    assert slide_in_url(page) == 3


NO_RING = """() => { const rings = []; let e = document.activeElement;
  for (; e; e = e.parentElement) { const s = getComputedStyle(e);
    if ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none')
      rings.push(e.tagName + '.' + e.className); }
  return rings; }"""


def shown_slide(page) -> int:
    return int(re.search(r"Slide (\d+) of", page.locator(".st-key-showcase-stage").inner_text()).group(1))


def test_live_demo_no_focus_ring_fit_or_fill_mask_keeps_the_handle_and_autoplay_keeps_the_url(showcase, gallery_app):
    page = showcase
    press(page, "ArrowRight")
    press(page, "ArrowLeft")
    assert page.evaluate(NO_RING) == []
    # Fit: a square picture whole at the slide's height; Fill: the slide's width, cropped.
    open_app(page, gallery_app.url + "/showcase?slide=3")  # "An orange cat": one portrait picture (2:3)
    stage = page.locator(".st-key-showcase-stage")
    image = stage.locator("[data-testid=stImage] img").first
    image.wait_for()
    fit = image.bounding_box()
    assert abs(fit["width"] / fit["height"] - 2 / 3) < 0.03 and fit["height"] > 0.6 * 1000  # whole, tall
    page.get_by_role("radio", name="Fill").click()
    settle(page)
    filled = stage.locator("[data-testid=stImage] img").first.bounding_box()
    assert filled["width"] > fit["width"] * 1.3 and filled["width"] >= stage.bounding_box()["width"] * 0.9
    page.get_by_role("radio", name="Fit").click()
    settle(page)
    # Show mask keeps the before/after handle where it was left.
    open_app(page, gallery_app.url + "/showcase?slide=4")
    frame = page.locator(".ba[role=slider]")
    frame.wait_for()
    box = frame.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.2, box["y"] + box["height"] / 2)
    assert abs(float(frame.get_attribute("aria-valuenow")) - 20) <= 2
    page.get_by_text("Show mask").click()
    settle(page)
    page.get_by_text("Mask: black is repainted").wait_for()
    expect(page.locator(".ba[role=slider]")).to_have_count(1)  # drawn afresh beside the mask
    assert abs(float(page.locator(".ba[role=slider]").get_attribute("aria-valuenow")) - 20) <= 2
    # Presenter mode: arrows leave no ring either.
    open_app(page, gallery_app.url + "/showcase?presenter=1&slide=1")
    caption(page).filter(has_text=FIRST).wait_for()
    page.wait_for_timeout(300)
    press(page, "ArrowRight")
    caption(page).filter(has_text=SECOND).wait_for()
    assert page.evaluate(NO_RING) == []
    press(page, "Escape")
    # Autoplay: the address bar's ?slide= is the slide on screen, every time it is looked at.
    page.get_by_label("Seconds per slide").fill("2")
    page.get_by_label("Seconds per slide").press("Enter")
    settle(page)
    page.get_by_text("Autoplay").click()
    seen = set()
    watch_until = time.time() + 9
    while time.time() < watch_until:
        page.wait_for_timeout(400)
        end = time.time() + 1.0  # a slide and its address are drawn in one run: equal within a moment
        while shown_slide(page) != slide_in_url(page):
            assert time.time() < end, f"the address says {slide_in_url(page)}, the slide is {shown_slide(page)}"
            page.wait_for_timeout(50)
        seen.add(slide_in_url(page))
    assert len(seen) >= 3


# Each picture of a many-picture slide: its box, its column's box, its own size and how it is fitted into its box.
MANY = """() => [...document.querySelectorAll('.st-key-showcase-many [data-testid=stImage] img')].map(img => {
  const box = img.getBoundingClientRect(), cell = img.closest('[data-testid=stColumn]').getBoundingClientRect();
  return {width: box.width, height: box.height, cellWidth: cell.width, cellHeight: cell.height,
          aspect: img.naturalWidth / img.naturalHeight, fit: getComputedStyle(img).objectFit}; })"""


def test_fit_and_fill_on_a_slide_of_four_pictures(showcase, gallery_app):
    page = showcase
    open_app(page, gallery_app.url + "/showcase?slide=6")  # the gallery's sixth favourite: four pictures
    caption(page).filter(has_text="Mountains at dawn with clouds").wait_for()
    page.wait_for_function("() => [...document.querySelectorAll('.st-key-showcase-many img')]"
                           ".filter(i => i.complete && i.naturalWidth).length === 4")
    fit = page.evaluate(MANY)
    assert len(fit) == 4
    for picture in fit:  # Fit: each whole, its box the picture's own shape, as wide as its column
        assert picture["fit"] == "contain" and abs(picture["width"] - picture["cellWidth"]) <= 2
        assert abs(picture["width"] / picture["height"] - picture["aspect"]) < 0.03
    page.get_by_role("radio", name="Fill").click()
    settle(page)
    page.wait_for_function("() => [...document.querySelectorAll('.st-key-showcase-many img')]"
                           ".every(i => getComputedStyle(i).objectFit === 'cover')", timeout=10_000)
    filled = page.evaluate(MANY)
    slide_height = 0.68 * page.viewport_size["height"]  # as tall as a single picture's slide
    for picture in filled:  # Fill: each box covers its whole cell, the row the slide's height, the picture cropped
        assert abs(picture["width"] - picture["cellWidth"]) <= 2 and abs(picture["height"] - picture["cellHeight"]) <= 2
        assert abs(picture["height"] - slide_height) <= 3
        assert picture["width"] / picture["height"] < picture["aspect"] * 0.8
    assert min(p["height"] for p in filled) > 1.5 * max(p["height"] for p in fit)


# Each picture of the slide: its computed background (a checkerboard is a repeating conic gradient) once it is drawn.
BACKGROUNDS = """() => [...document.querySelectorAll('.st-key-showcase-stage [data-testid=stImage] img')]
  .map(img => ({loaded: img.complete && img.naturalWidth > 0, background: getComputedStyle(img).backgroundImage}))"""
CUT_OUT = "Background removed: “A red hot air balloon in a blue sky”"


def backgrounds(page) -> list[dict]:
    page.wait_for_function(f"() => ({BACKGROUNDS})().length > 0 && ({BACKGROUNDS})().every(p => p.loaded)")
    return page.evaluate(BACKGROUNDS)


def test_a_checkerboard_only_behind_a_picture_with_transparency(showcase, gallery_app):
    """Opaque pictures narrower than the slide sit on the slide's own background (no grey-and-white bands); the
    cut-out of the showcase selection has the checkerboard behind it, in presenter mode too."""
    page = showcase
    for slide, text in ((1, FIRST), (3, THIRD), (6, "Mountains at dawn with clouds"), (7, "A garden of red flowers")):
        open_app(page, gallery_app.url + f"/showcase?slide={slide}")
        caption(page).filter(has_text=text).wait_for()
        found = backgrounds(page)
        assert found and all(p["background"] == "none" for p in found), (text, found)
    page.get_by_role("radio", name="Showcase selection").click()  # the cut-out is the selection's last slide
    settle(page)
    expect(page.get_by_text("Slide 1 of 6")).to_be_visible()
    page.get_by_role("button", name="Previous").click()  # wraps round to the last slide
    caption(page).filter(has_text=CUT_OUT).wait_for()
    [cut_out] = backgrounds(page)
    assert "repeating-conic-gradient" in cut_out["background"]
    page.get_by_role("button", name="Presenter mode").click()
    settle(page)
    page.wait_for_url(re.compile(r"presenter=1"))
    caption(page).filter(has_text=CUT_OUT).wait_for()
    [cut_out] = backgrounds(page)
    assert "repeating-conic-gradient" in cut_out["background"]
    screenshot(page, "showcase-cut-out.png")


# Every control a presenter can see or reach with the pointer, with its box; the chip's own parts are left out.
CONTROLS = """() => [...document.querySelectorAll(
    'button, [role=button], [role=switch], [role=slider], input, [data-testid=stElementToolbar], iframe')]
  .filter(e => !e.closest('.st-key-showcase-leave'))
  .map(e => ({what: (e.getAttribute('data-testid') || e.tagName) + ' ' + (e.innerText || '').slice(0, 24),
              box: e.getBoundingClientRect().toJSON(), style: getComputedStyle(e)}))
  .filter(c => c.box.width > 0 && c.box.height > 0 && c.style.visibility !== 'hidden')
  .map(c => ({what: c.what, box: c.box}))"""


def overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.mark.parametrize("size", [(1400, 900), (800, 900), (400, 800)], ids=["1400x900", "800x900", "400x800"])
def test_presenter_mode_the_leave_chip_overlaps_no_other_control(showcase, gallery_app, size):
    page = showcase
    page.set_viewport_size({"width": size[0], "height": size[1]})
    for slide in (1, 3, 4, 6):  # landscape, portrait, an edit's before/after with its mask switch, four pictures
        open_app(page, gallery_app.url + f"/showcase?presenter=1&slide={slide}")
        caption(page).first.wait_for()
        chip = page.locator(".st-key-showcase-leave button")
        expect(chip).to_be_visible()
        page.locator(".st-key-showcase-stage [data-testid=stImage], .st-key-showcase-stage .ba").first.hover()
        page.wait_for_timeout(300)  # a picture's toolbar shows on hover: measured while it shows
        chip_box = chip.bounding_box()
        chip_box = {"left": chip_box["x"], "top": chip_box["y"], "right": chip_box["x"] + chip_box["width"],
                    "bottom": chip_box["y"] + chip_box["height"]}
        assert chip_box["left"] >= 0 and chip_box["right"] <= size[0] and chip_box["top"] >= 0
        controls = page.evaluate(CONTROLS)
        assert any("stElementToolbar" in c["what"] for c in controls) or slide == 4  # the toolbar was measured
        hit = [c["what"] for c in controls if overlap(chip_box, c["box"])]
        assert not hit, f"slide {slide} at {size}: the chip overlaps {hit}"
        top = page.locator(".st-key-showcase-stage [data-testid=stImage], .st-key-showcase-stage .ba").first
        assert top.bounding_box()["y"] >= chip_box["bottom"]  # the chip covers no picture either
        if slide != 6:  # one picture (or a before/after frame): it, its caption and its badges in one screen
            counter_box = page.get_by_text(f"Slide {slide} of 7").bounding_box()
            assert counter_box["y"] + counter_box["height"] <= size[1], f"slide {slide} at {size}: below the fold"
        screenshot(page, f"showcase-presenter-{size[0]}x{size[1]}-{slide}.png")
