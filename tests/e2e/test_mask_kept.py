"""Painting is never lost: strokes painted around quick brush and tool changes (each a rerun) all reach the mask
the service gets, including a stroke painted while those reruns are still on their way; at 400 px the canvas
fits its column and a stroke lands where it was painted (the mask at source pixels)."""

from __future__ import annotations

import io

from PIL import Image
from playwright.sync_api import expect

from tests.e2e.harness import open_app, settle
from tests.e2e.test_edit_flow import CANVAS, live_app, paint_stroke, photo


def sent_mask(sim_process, page) -> Image.Image:
    page.get_by_label("Prompt", exact=True).fill("a red boat")
    page.get_by_label("Prompt", exact=True).press("Control+Enter")
    settle(page)
    page.get_by_role("button", name="Apply edit").click()
    body = sim_process.wait_requests("/generate")[-1]["body"]
    return Image.open(io.BytesIO(sim_process.upload(body["maskUrl"].rsplit("/", 1)[1]))).convert("L")


def expect_marks(page, text: str) -> None:
    """The canvas's count of marks reads `text` (it is redrawn after the run that gives the canvas its strokes)."""
    expect(page.locator(".mc-status").first).to_have_text(text)


def use(page, tool: str, name: str) -> None:
    """Choose a tool and wait until the canvas has it (the choice reaches the page with a rerun)."""
    page.get_by_text(name, exact=True).click()
    page.locator(f".mc[data-tool={tool}]").wait_for()


def test_both_strokes_survive_quick_brush_changes(sim_process, tmp_path, logs, page):
    app = live_app(sim_process, tmp_path, logs)
    try:
        open_app(page, app.url + "/edit")
        page.locator("[data-testid=stFileUploaderDropzoneInput]").first.set_input_files(
            str(photo(tmp_path / "photo.png", (800, 600))))
        page.locator(CANVAS).first.wait_for()
        paint_stroke(page, y_share=0.2, x_from=0.1, x_to=0.4)  # the sky, as soon as the canvas is there
        slider = page.get_by_role("slider", name="Brush size")
        for _ in range(6):  # raised six times, quickly: each is a rerun, and the next comes before it is drawn
            slider.focus()
            page.keyboard.press("PageUp")
            page.wait_for_timeout(40)
        paint_stroke(page, y_share=0.8, x_from=0.6, x_to=0.9)  # the cat, while those reruns are on their way
        use(page, "rect", "Rectangle")  # another tool: one more rerun, nothing painted is lost
        settle(page)
        expect_marks(page, "2 marks")
        mask = sent_mask(sim_process, page)
        assert mask.size == (800, 600)
        assert mask.getpixel((200, 120)) == 0, "the first stroke was lost"
        assert mask.getpixel((600, 480)) == 0, "the second stroke was lost"
        assert mask.getpixel((760, 40)) == 255 and mask.getpixel((40, 560)) == 255
        assert set(mask.get_flattened_data()) == {0, 255}  # drawn afresh at the source's pixels: no grey edge
    finally:
        app.stop()


def test_undo_redo_eraser_and_shapes(sim_process, tmp_path, logs, page):
    """The canvas's own tools: a rectangle, a polygon, the eraser rubbing out part of a stroke, Undo and Redo."""
    app = live_app(sim_process, tmp_path, logs)
    try:
        open_app(page, app.url + "/edit")
        page.locator("[data-testid=stFileUploaderDropzoneInput]").first.set_input_files(
            str(photo(tmp_path / "photo.png", (1000, 500))))
        box = page.locator(CANVAS).first.bounding_box()
        at = lambda fx, fy: (box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)  # noqa: E731
        paint_stroke(page, y_share=0.5, x_from=0.05, x_to=0.45)  # a brush line across the left half
        use(page, "eraser", "Eraser")
        paint_stroke(page, y_share=0.5, x_from=0.2, x_to=0.3)  # rubs out its middle
        use(page, "rect", "Rectangle")
        page.mouse.move(*at(0.6, 0.1))
        page.mouse.down()
        page.mouse.move(*at(0.7, 0.2), steps=4)
        page.mouse.move(*at(0.8, 0.3), steps=4)
        page.mouse.up()
        use(page, "poly", "Polygon")
        for corner in ((0.6, 0.6), (0.9, 0.6), (0.9, 0.9), (0.6, 0.6)):  # the last click closes it
            page.mouse.click(*at(*corner))
        settle(page)
        expect_marks(page, "4 marks")
        page.get_by_role("button", name="Undo").click()  # the polygon goes
        page.get_by_role("button", name="Undo").click()  # and the rectangle
        page.get_by_role("button", name="Redo").click()  # the rectangle is back
        settle(page)
        expect_marks(page, "3 marks")
        mask = sent_mask(sim_process, page)
        assert mask.size == (1000, 500)
        assert mask.getpixel((100, 250)) == 0 and mask.getpixel((400, 250)) == 0  # the brush line, both ends
        assert mask.getpixel((250, 250)) == 255  # its middle rubbed out
        assert mask.getpixel((700, 100)) == 0  # the rectangle, redone
        assert mask.getpixel((850, 400)) == 255  # the polygon, undone
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
        mask = sent_mask(sim_process, page)
        assert mask.size == (1000, 1000)
        assert mask.getpixel((850, 500)) == 0 and mask.getpixel((300, 500)) == 255
    finally:
        page.close()
        app.stop()
