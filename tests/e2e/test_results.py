"""A finished picture is something to work with: large on its card, a full-screen viewer (click, ←/→, Esc), and
the card's actions (Star, Vary, Download, Details, Edit) acting on the real store."""

from __future__ import annotations

from playwright.sync_api import expect

from kie.store import TaskStore
from tests.e2e.harness import App, generate, open_app, screenshot, settle

RESULT_IMAGES = "[class*='st-key-result-'] [data-testid=stImage] img"


def test_a_result_is_large_opens_full_screen_and_its_actions_work(tmp_path, logs, page):
    app = App(tmp_path / "data", logs / "app.log", env={"STUDIO_SIM_TASK_SECONDS": "1"})
    store = TaskStore(tmp_path / "data", "demo")
    try:
        open_app(page, app.url)
        generate(page, "a red fox in the snow")
        generate(page, "a blue whale at sea")
        page.locator(RESULT_IMAGES).nth(1).wait_for(timeout=30_000)
        settle(page)
        # Large: the picture takes the card's width.
        card = page.locator("[class*='st-key-card-gen-']").first
        image = card.locator(RESULT_IMAGES).first
        assert image.bounding_box()["width"] >= 0.9 * card.bounding_box()["width"] - 40

        screenshot(page, "results-card.png")
        # The viewer: a click opens it, the arrows go through the page's pictures, Esc closes it.
        image.click()
        viewer = page.locator(".studio-viewer")
        expect(viewer).to_be_visible()
        expect(viewer.locator("figcaption")).to_have_text("1 of 2")
        first_src = viewer.locator("img").get_attribute("src")
        page.keyboard.press("ArrowRight")
        expect(viewer.locator("figcaption")).to_have_text("2 of 2")
        screenshot(page, "results-viewer.png")
        assert viewer.locator("img").get_attribute("src") != first_src
        page.keyboard.press("ArrowLeft")
        expect(viewer.locator("figcaption")).to_have_text("1 of 2")
        assert viewer.locator("img").get_attribute("src") == first_src
        page.keyboard.press("Escape")
        expect(viewer).to_have_count(0)

        newest = store.query(limit=1)[0]
        assert newest.prompt == "a blue whale at sea"
        # Star, checked in the store.
        card.get_by_role("button", name="Star", exact=True).first.click()
        settle(page)
        assert store.get(newest.task_id).favourite
        # Download: the PNG itself.
        with page.expect_download() as download:
            card.get_by_role("button", name="Download", exact=True).first.click()
        assert open(download.value.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n"
        # Details in the page, not a new tab; the raw request only under Technical details.
        card.get_by_text("Details", exact=True).click()
        expect(card.get_by_text("GPT-4o Image").first).to_be_visible()
        assert "nVariants" not in card.locator("[data-testid=stExpander]").first.inner_text()
        assert len(page.context.pages) == 1
        # Vary: the same request again, as a new task.
        before = store.count()
        card.get_by_role("button", name="Vary", exact=True).first.click()
        settle(page)
        assert store.count() == before + 1 and store.query(limit=1)[0].prompt == "a blue whale at sea"
        # Edit: the Edit page with this picture as its source.
        page.locator("[class*='st-key-card-gen-']").nth(1).get_by_role("button", name="Edit", exact=True).first.click()
        page.get_by_role("heading", name="Edit").wait_for()
        expect(page.get_by_text("Picture: result #1").first).to_be_visible()
    finally:
        app.stop()
