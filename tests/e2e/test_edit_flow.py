"""Editing in a real browser: upload, paint a stroke with the mouse, apply, check the mask the service got."""

from __future__ import annotations

import io

from PIL import Image
from playwright.sync_api import expect

from tests.e2e.harness import App, open_app, screenshot, settle

CANVAS = ".mc-frame"  # the mask canvas (components/mask_canvas/): where the pointer paints


def live_app(sim_process, tmp_path, logs) -> App:
    env = {"KIE_API_BASE_URL": sim_process.url, "KIE_UPLOAD_BASE_URL": sim_process.url,
           "KIE_API_KEY": sim_process.keys[0]}
    return App(tmp_path / "data", logs / "app.log", env=env)


def photo(path, size=(1023, 767), colour=(40, 120, 200)):
    Image.new("RGB", size, colour).save(path, format="PNG")
    return path


def paint_stroke(page, y_share=0.5, x_from=0.3, x_to=0.7):
    canvas = page.locator(CANVAS).first
    canvas.wait_for()
    box = canvas.bounding_box()
    y = box["y"] + box["height"] * y_share
    page.mouse.move(box["x"] + box["width"] * x_from, y)
    page.mouse.down()
    steps = 12
    for i in range(1, steps + 1):
        x = box["x"] + box["width"] * (x_from + (x_to - x_from) * i / steps)
        page.mouse.move(x, y)
    page.mouse.up()
    return box


def test_paint_a_mask_and_apply_the_edit(sim_process, tmp_path, logs, page):
    app = live_app(sim_process, tmp_path, logs)
    try:
        open_app(page, app.url + "/edit")
        page.locator("[data-testid=stFileUploaderDropzoneInput]").first.set_input_files(
            str(photo(tmp_path / "photo.png")))
        settle(page)
        paint_stroke(page)
        settle(page)
        page.get_by_text("of the picture will change").wait_for()
        page.get_by_label("Prompt", exact=True).fill("a red boat")
        page.get_by_label("Prompt", exact=True).press("Control+Enter")
        settle(page)
        page.get_by_role("button", name="Apply edit").click()
        body = sim_process.wait_requests("/generate")[-1]["body"]
        assert len(body["filesUrl"]) == 1 and body["maskUrl"]
        stored = {u.rsplit("/", 1)[1] for u in body["filesUrl"] + [body["maskUrl"]]}
        source = Image.open(io.BytesIO(sim_process.upload(body["filesUrl"][0].rsplit("/", 1)[1])))
        mask = Image.open(io.BytesIO(sim_process.upload(body["maskUrl"].rsplit("/", 1)[1])))
        assert len(stored) == 2
        assert mask.format == "PNG" and source.size == mask.size == (1023, 767)
        grey = mask.convert("L")
        assert set(grey.get_flattened_data()) == {0, 255}  # nothing grey
        assert grey.getpixel((511, 383)) == 0  # under the stroke: change
        assert grey.getpixel((20, 20)) == 255 and grey.getpixel((1000, 740)) == 255  # far from it: keep

        page.get_by_role("button", name="Edit", exact=True).first.wait_for(timeout=30_000)
        slider = page.locator(".ba").first  # the original and the edit in one frame, drag to compare
        slider.wait_for()
        assert slider.locator(".ba-label-before").inner_text() == "Before"
        assert slider.locator(".ba-label-after").inner_text() == "After"
        assert slider.locator("img").count() == 2
        settle(page)
        page.locator(CANVAS).first.scroll_into_view_if_needed()
        screenshot(page, "edit.png")
        page.get_by_role("button", name="Edit", exact=True).first.click()
        page.get_by_text("Picture: “a red boat”").wait_for()  # the result is the new source, named by its prompt
        expect(page.locator(CANVAS)).to_have_count(1)  # one canvas, on the new source
    finally:
        app.stop()


def test_drawing_survives_reruns_and_resets_with_a_new_picture(sim_process, tmp_path, logs, page):
    app = live_app(sim_process, tmp_path, logs)
    try:
        open_app(page, app.url + "/edit")
        uploader = page.locator("[data-testid=stFileUploaderDropzoneInput]").first
        uploader.set_input_files(str(photo(tmp_path / "first.png", (800, 600))))
        settle(page)
        paint_stroke(page)
        settle(page)
        share = page.get_by_text("of the picture will change")
        share.wait_for()
        page.get_by_label("Prompt", exact=True).fill("changing the prompt reruns the page")
        page.get_by_label("Prompt", exact=True).press("Control+Enter")
        settle(page)
        page.get_by_text("Invert mask", exact=True).click()
        settle(page)
        page.get_by_text("Invert mask", exact=True).click()
        settle(page)
        assert share.is_visible()  # the painting is still there after several reruns
        toolbar = page.locator("[data-testid=stBidiComponentIsolated]").first
        toolbar.get_by_role("button", name="Undo").click()  # the canvas toolbar
        page.get_by_text("Paint on the picture to mark what should change.").wait_for()
        toolbar.get_by_role("button", name="Redo").click()
        share.wait_for()
        page.get_by_text("Picture: first.png").click()  # open the picker again
        page.locator("[data-testid=stFileUploaderDropzoneInput]").first.set_input_files(
            str(photo(tmp_path / "second.png", (600, 900), (200, 60, 60))))
        settle(page)
        page.get_by_text("Picture: second.png").wait_for()
        page.get_by_text("Paint on the picture to mark what should change.").wait_for()
        expect(share).to_have_count(0)  # a new picture starts with a clean canvas (once the run has drawn it)
        assert page.get_by_role("radio", name="Portrait 2:3").is_checked() or \
            "Portrait" in page.locator("[data-testid=stButtonGroup] [aria-checked=true], "
                                       "[data-testid=stButtonGroup] [aria-pressed=true]").all_inner_texts()[-1]
    finally:
        app.stop()


def test_three_reference_images_are_uploaded_and_sent(sim_process, tmp_path, logs, page):
    app = live_app(sim_process, tmp_path, logs)
    try:
        open_app(page, app.url)
        page.get_by_text("Reference pictures (0 of 5)").click()
        files = [str(photo(tmp_path / f"ref{i}.png", (300 + i, 200), (i * 60, 100, 50))) for i in range(3)]
        page.locator("[data-testid=stFileUploaderDropzoneInput][multiple]").first.set_input_files(files)
        settle(page)
        page.get_by_text("Reference pictures (3 of 5)").wait_for()
        expect(page.get_by_role("button", name="Remove", exact=True)).to_have_count(3)
        page.get_by_role("button", name="Generate").click()
        body = sim_process.wait_requests("/generate")[-1]["body"]
        assert len(body["filesUrl"]) == 3 and "prompt" not in body
        uploaded = [sim_process.upload(u.rsplit("/", 1)[1]) for u in body["filesUrl"]]
        assert sorted(Image.open(io.BytesIO(u)).size for u in uploaded) == [(300, 200), (301, 200), (302, 200)]
    finally:
        app.stop()
