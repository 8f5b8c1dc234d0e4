"""Results fit the screen (issue 26), in a real browser at 1400x900: Generate is in the first screen on first load,
and after a press the whole new result card (its picture, its status line and its actions) is in the window
without scrolling, for a square picture, a portrait one and four at once; a picture takes at most about two thirds
of the window's height. Vary's new card comes into view the same way, and only after its second click."""

from __future__ import annotations

import time

from playwright.sync_api import expect

from kie.store import TaskStore
from tests.e2e.harness import App, generate, open_app, screenshot, settle

VIEWPORT = {"width": 1400, "height": 900}
CARDS = "[class*='st-key-card-gen-']"

# The card of task `taskId`, once its pictures have loaded and its `actions` are drawn, whole inside the window
# below Streamlit's header: what it shows then, read at one moment (a rerun may draw the card afresh between two
# reads): the height of each picture, the buttons' words, and its text.
CARD_SEEN_WHOLE = """({taskId, actions}) => {
  const card = Array.from(document.querySelectorAll("[class*='st-key-card-gen-']"))
    .find((c) => Array.from(c.classList).some((k) => k.startsWith('st-key-card-gen-') && k.endsWith('-' + taskId)));
  const images = card ? Array.from(card.querySelectorAll('[data-testid=stImage] img')) : [];
  if (!images.length || !images.every((i) => i.complete && i.naturalWidth > 0)) return false;
  const header = document.querySelector('[data-testid=stHeader]');
  const top = header ? header.getBoundingClientRect().bottom : 0;
  const inside = (box) => box.width > 0 && box.top >= top - 1 && box.bottom <= window.innerHeight + 1
    && box.left >= 0 && box.right <= window.innerWidth + 1;
  // a button's words, its icon's name being a line of its text too
  const buttons = Array.from(card.querySelectorAll('button')).filter((b) => inside(b.getBoundingClientRect()))
    .flatMap((b) => b.innerText.split('\\n').map((line) => line.trim()));
  if (!actions.every((a) => buttons.includes(a)) || !inside(card.getBoundingClientRect())) return false;
  return {pictures: images.map((i) => i.getBoundingClientRect().height), buttons, text: card.innerText};
}"""


def wait_until(condition, what: str, timeout: float = 30.0) -> None:
    """Wait for a condition on the store (the page's run may end before a send it started is kept)."""
    end = time.time() + timeout
    while not condition():
        if time.time() > end:
            raise AssertionError(f"not reached in {timeout:.0f} s: {what}")
        time.sleep(0.1)


def in_window(box: dict) -> bool:
    return (box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORT["height"]
            and box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORT["width"])


def seen_whole(page, task_id: str, actions: tuple[str, ...] = ("Edit", "Vary", "Run again", "Download")) -> None:
    """Wait (30 s) until the card of `task_id` is whole in the window with its pictures loaded, without a scroll by
    the test; then check what it shows: each picture at most about two thirds of the window's height, its status
    and the `actions`."""
    try:
        seen = page.wait_for_function(CARD_SEEN_WHOLE, arg={"taskId": task_id, "actions": list(actions)},
                                      timeout=30_000, polling=100).json_value()
    except Exception:
        screenshot(page, f"fit-not-seen-whole-{task_id}.png")  # what the window showed instead
        raise
    assert max(seen["pictures"]) <= 0.67 * VIEWPORT["height"], seen["pictures"]
    assert "Done" in seen["text"]  # the status badge
    assert set(actions) <= set(seen["buttons"]), seen["buttons"]  # as waited for: each action in the window


def test_generate_is_in_the_first_screen_and_each_new_result_is_seen_whole(tmp_path, logs, browser):
    app = App(tmp_path / "data", logs / "app.log", env={"STUDIO_SIM_TASK_SECONDS": "1"})
    store = TaskStore(tmp_path / "data", "demo")
    page = browser.new_page(viewport=VIEWPORT)
    try:
        open_app(page, app.url)
        assert in_window(page.get_by_role("button", name="Generate").bounding_box())
        screenshot(page, "fit-first-screen.png")

        generate(page, "a red fox in the snow")
        seen_whole(page, store.query(limit=1)[0].task_id)
        screenshot(page, "fit-square-result.png")

        page.get_by_text("Portrait 2:3", exact=True).click()
        settle(page)
        generate(page, "a tall lighthouse at night")
        source = store.query(limit=1)[0]
        seen_whole(page, source.task_id)
        screenshot(page, "fit-portrait-result.png")

        # Vary: the first click shows its cost and sends nothing; the second sends, and the new card comes in whole.
        before = store.count()
        card = page.locator(f"[class*='st-key-card-gen-'][class*='{source.task_id}']").first
        card.get_by_role("button", name="Vary", exact=True).click()
        settle(page)
        confirm = card.get_by_role("button", name="Vary: about 1.5 credits")
        expect(confirm).to_be_visible()
        assert store.count() == before
        confirm.click()
        wait_until(lambda: store.count() == before + 1, "the variation kept")
        varied = store.query(limit=1)[0]
        assert varied.parent_id == source.task_id and set(varied.inputs) == {"ref0"}
        seen_whole(page, varied.task_id)

        # Four pictures of one task share the window: each with Edit, Vary and its menu, the task's Run again and
        # Star once under them.
        page.get_by_role("radio", name="4", exact=True).click()
        settle(page)
        generate(page, "four paper boats on a pond")
        seen_whole(page, store.query(limit=1)[0].task_id, ("Edit", "Vary", "More", "Run again", "Star"))
        screenshot(page, "fit-four-results.png")
    finally:
        page.close()
        app.stop()
