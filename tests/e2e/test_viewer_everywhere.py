"""The full-screen viewer wherever a result picture is shown: a History tile (a 256-px thumbnail) opens the large
copy, fetched only then, with the prompt as its caption, shown as text; a Compare-models result opens the viewer too
and carries the card's actions."""

from __future__ import annotations

from playwright.sync_api import expect

from kie.gallery import load_demo_gallery
from kie.store import TaskStore
from tests.e2e.harness import App, generate, open_app, screenshot, send_comparison, settle

HOSTILE = "a *starred* fox with <b>tags</b> in the snow"
VIEWER_IMAGE_WIDTH = "() => { const i = document.querySelector('.studio-viewer img');" \
                     " return i && i.complete ? i.naturalWidth : 0; }"
LOADED = "() => performance.getEntriesByType('resource').map(e => e.name)"


def viewer_width(page) -> int:
    """The natural width of the picture the viewer shows, once it has loaded."""
    page.wait_for_function(f"({VIEWER_IMAGE_WIDTH})() > 0", timeout=15_000)
    return page.evaluate(VIEWER_IMAGE_WIDTH)


def test_history_tiles_open_large_and_compare_results_open_with_their_actions(tmp_path, logs, page):
    store = TaskStore(tmp_path / "data", "demo")
    load_demo_gallery(store)  # a grid of finished tasks, so ←/→ have somewhere to go
    app = App(tmp_path / "data", logs / "app.log", env={"STUDIO_SIM_TASK_SECONDS": "1"})
    try:
        open_app(page, app.url)
        generate(page, HOSTILE)
        task = store.query(limit=1)[0]
        assert task.prompt == HOSTILE
        page.locator(f"[class*='st-key-result-gen-{task.task_id}'] [data-testid=stImage] img").first.wait_for(
            timeout=30_000)

        page.goto(app.url + "/history")
        tile = page.locator(f"[class*='st-key-tile-{task.task_id}'] [data-testid=stImage] img").first
        tile.wait_for(timeout=30_000)
        settle(page)
        assert page.locator("[class*='st-key-tile-'] [data-testid=stImage] img").count() >= 3
        assert tile.evaluate("i => i.naturalWidth") <= 256  # the grid draws small copies
        # The large copies are announced, not downloaded: nothing of them is fetched before the viewer opens one.
        large = page.eval_on_selector_all(".studio-viewer-source", "s => s.map(e => e.dataset.src)")
        assert len(large) >= 3 and all(large)
        assert not [u for u in page.evaluate(LOADED) if any(u.endswith(src) for src in large)]

        tile.click()
        viewer = page.locator(".studio-viewer")
        expect(viewer).to_be_visible()
        assert viewer_width(page) >= 1000  # a 1024x1024 result, shown from its 1024-px copy
        expect(viewer.locator(".sv-caption")).to_have_text(HOSTILE)  # literally: no markup, no Markdown
        assert viewer.locator(".sv-caption b, .sv-caption em").count() == 0
        screenshot(page, "viewer-history.png")
        count = viewer.locator(".sv-count").inner_text()
        first_src = viewer.locator("img").get_attribute("src")
        page.keyboard.press("ArrowRight")
        expect(viewer.locator(".sv-count")).not_to_have_text(count)
        assert viewer.locator("img").get_attribute("src") != first_src
        assert viewer.locator(".sv-caption").inner_text() != HOSTILE  # the next picture's own prompt
        page.keyboard.press("ArrowLeft")
        expect(viewer.locator(".sv-count")).to_have_text(count)
        expect(viewer.locator(".sv-caption")).to_have_text(HOSTILE)
        page.keyboard.press("Escape")
        expect(viewer).to_have_count(0)

        # Compare models: the results open in the viewer, and each carries the card's actions and Pick.
        page.goto(app.url + "/")
        page.get_by_text("Compare models", exact=True).first.click()
        settle(page)
        send_comparison(page, "a lighthouse on a rocky coast", 3)
        results = page.locator("[class*='st-key-result-cmp-'] [data-testid=stImage] img")
        results.nth(2).wait_for(timeout=60_000)
        settle(page)
        results.first.click()
        expect(viewer).to_be_visible()
        expect(viewer.locator(".sv-count")).to_have_text("1 of 3")
        expect(viewer.locator(".sv-caption")).to_have_text("a lighthouse on a rocky coast")
        assert viewer_width(page) >= 1000
        page.keyboard.press("ArrowRight")
        expect(viewer.locator(".sv-count")).to_have_text("2 of 3")
        page.keyboard.press("Escape")
        expect(viewer).to_have_count(0)
        for name in ("Pick", "More"):  # one compact row each; Edit, Vary, Download... are in its More menu
            expect(page.locator("[class*='st-key-cmp-card-']").get_by_role("button", name=name)).to_have_count(3)
        expect(page.get_by_role("button", name="Star", exact=True)).to_have_count(0)  # Pick is the one way
        screenshot(page, "viewer-compare.png")
    finally:
        app.stop()
