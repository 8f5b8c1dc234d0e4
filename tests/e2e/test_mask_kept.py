"""Painting is never lost: two strokes with quick brush changes between them both reach the mask the service
gets; at 400 px the canvas fits its column and a stroke lands where it was painted (the mask at source pixels)."""

from __future__ import annotations

import io

from PIL import Image

from tests.e2e.harness import open_app, settle
from tests.e2e.test_edit_flow import CANVAS, live_app, paint_stroke, photo

BACKGROUND = "[data-testid=stBidiComponentIsolated] canvas.dc-background-canvas"


def sent_mask(sim_process, page) -> Image.Image:
    page.get_by_label("Prompt", exact=True).fill("a red boat")
    page.get_by_label("Prompt", exact=True).press("Control+Enter")
    settle(page)
    page.get_by_role("button", name="Apply edit").click()
    body = sim_process.wait_requests("/generate")[-1]["body"]
    return Image.open(io.BytesIO(sim_process.upload(body["maskUrl"].rsplit("/", 1)[1]))).convert("L")


def canvas_ready(page, timeout_ms: int = 30_000) -> None:
    """Wait until the canvas has drawn its picture: before that its drawing tool is not set up, and a stroke
    painted then leaves nothing (the person would see no paint)."""
    background = page.locator(BACKGROUND).first
    background.wait_for()
    for _ in range(timeout_ms // 100):
        if background.evaluate(
                "c => c.width > 0 && c.getContext('2d').getImageData(c.width >> 1, c.height >> 1, 1, 1).data[3] > 0"):
            return
        page.wait_for_timeout(100)
    raise AssertionError("the canvas never showed the picture")


def test_both_strokes_survive_quick_brush_changes(sim_process, tmp_path, logs, page):
    app = live_app(sim_process, tmp_path, logs)
    try:
        open_app(page, app.url + "/edit")
        page.locator("[data-testid=stFileUploaderDropzoneInput]").first.set_input_files(
            str(photo(tmp_path / "photo.png", (800, 600))))
        settle(page)
        canvas_ready(page)
        paint_stroke(page, y_share=0.2, x_from=0.1, x_to=0.4)  # the sky
        slider = page.get_by_role("slider", name="Brush size")
        for _ in range(6):  # raised six times, quickly, while the stroke is still on its way: each is a rerun
            slider.focus()
            page.keyboard.press("PageUp")
            page.wait_for_timeout(60)
        # The new brush reaches the canvas with the last rerun; a stroke begun before it lands is cut short (the
        # canvas component swaps its brush mid-stroke), so paint once the brush shown is the one in use.
        settle(page)
        page.wait_for_timeout(300)
        settle(page)
        paint_stroke(page, y_share=0.8, x_from=0.6, x_to=0.9)  # the cat
        settle(page)
        page.wait_for_timeout(500)
        settle(page)
        mask = sent_mask(sim_process, page)
        assert mask.size == (800, 600)
        assert mask.getpixel((200, 120)) == 0, "the first stroke was lost"
        assert mask.getpixel((600, 480)) == 0, "the second stroke was lost"
        assert mask.getpixel((760, 40)) == 255 and mask.getpixel((40, 560)) == 255
    finally:
        app.stop()


def test_at_400_px_the_canvas_fits_and_paints_where_it_is_touched(sim_process, tmp_path, logs, browser):
    app = live_app(sim_process, tmp_path, logs)
    page = browser.new_page(viewport={"width": 400, "height": 900})
    try:
        open_app(page, app.url + "/edit")
        page.locator("[data-testid=stFileUploaderDropzoneInput]").first.set_input_files(
            str(photo(tmp_path / "photo.png", (1000, 1000))))
        settle(page)
        canvas = page.locator(CANVAS).first
        canvas.wait_for()
        box = canvas.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 400, box  # all of the picture can be seen and painted
        paint_stroke(page, y_share=0.5, x_from=0.75, x_to=0.95)  # the right edge, cut off before
        settle(page)
        page.wait_for_timeout(300)
        mask = sent_mask(sim_process, page)
        assert mask.size == (1000, 1000)
        assert mask.getpixel((850, 500)) == 0 and mask.getpixel((300, 500)) == 255
    finally:
        page.close()
        app.stop()
