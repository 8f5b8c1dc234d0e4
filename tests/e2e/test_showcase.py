"""The Showcase in a real browser: the demo gallery, arrow keys, `?slide=N`, presenter mode, autoplay."""

from __future__ import annotations

import re

import pytest

from tests.e2e.harness import open_app, screenshot, settle

pytestmark = pytest.mark.e2e

FIRST = "A golden sunset over a calm sea with sailing boats"
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


@pytest.fixture
def showcase(demo_app, page):
    """The Showcase page with the demo gallery loaded through its own button."""
    open_app(page, demo_app.url + "/showcase")
    page.get_by_text("No favourites yet").wait_for()
    page.get_by_role("button", name="Load demo gallery").click()
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
    assert page.get_by_text("Slide 7 of 7").is_visible()


def test_a_slide_opens_from_its_url_and_an_edit_shows_before_and_after(showcase, demo_app):
    page = showcase
    open_app(page, demo_app.url + "/showcase?slide=4")
    caption(page).filter(has_text="A full moon over snowy mountains at night").wait_for()
    frame = page.locator(".ba[role=slider]")
    frame.wait_for()
    assert frame.get_attribute("aria-label") == "Source / Edited"
    page.get_by_text("Show mask").click()
    settle(page)
    page.get_by_text("Mask: black is repainted").wait_for()
    page.mouse.move(0, 0)  # no hover toolbar on the pictures in the README's screenshot
    screenshot(page, "showcase.png")
    open_app(page, demo_app.url + "/showcase?slide=99")  # out of range: the last one, and the URL says so
    page.get_by_text("Slide 7 of 7").wait_for()
    assert slide_in_url(page) == 7


def test_presenter_mode_hides_the_sidebar_and_controls_and_keys_still_work(showcase, demo_app):
    page = showcase
    assert page.locator("[data-testid=stSidebar]").is_visible()
    page.get_by_role("button", name="Presenter mode").click()
    settle(page)
    assert "presenter=1" in page.url
    assert page.locator("[data-testid=stSidebar]").is_hidden()
    assert page.get_by_role("button", name="Next").is_hidden()
    assert page.get_by_text("Autoplay").is_hidden()
    press(page, "ArrowRight")
    caption(page).filter(has_text=SECOND).wait_for()
    assert slide_in_url(page) == 2
    press(page, "Escape")
    page.locator("[data-testid=stSidebar]").wait_for(state="visible")
    assert "presenter" not in page.url and slide_in_url(page) == 2
    open_app(page, demo_app.url + "/showcase?presenter=1&slide=3")
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
    assert slide_in_url(page) == 3
