"""The canvas's painting is bounded, through the real canvas in a real browser: a painting too large to use, and
values too deep or too large sent through the canvas's own setter (as anyone can from the browser console), each
get a sentence under the canvas, never a traceback; Apply waits; and the session goes on: Clear, or a normal
stroke, and the mask the service gets is what was painted."""

from __future__ import annotations

import random

from playwright.sync_api import expect

from tests.e2e.harness import open_app, settle
from tests.e2e.test_edit_flow import CANVAS, live_app, paint_stroke, photo
from tests.e2e.test_mask_kept import expect_marks, sent_mask

ADVICE = "Press Clear or Undo some strokes."
# Sends a value as the canvas's drawing, through the setter the canvas itself uses.
SEND = "(root, value) => root.__mcNow.setStateValue('drawing', value)"
DEEP = "() => { let v = []; for (let i = 0; i < 5000; i++) v = [v]; return v; }"


def open_canvas(page, app, tmp_path) -> None:
    open_app(page, app.url + "/edit")
    page.locator("[data-testid=stFileUploaderDropzoneInput]").first.set_input_files(
        str(photo(tmp_path / "photo.png", (800, 600))))
    page.locator(CANVAS).first.wait_for()
    settle(page)


def refusal(page, words: str) -> str:
    """The sentence shown for a refused painting (waits for it), checked to say what to do; no traceback."""
    shown = page.get_by_text(words).first
    shown.wait_for()
    assert page.locator("[data-testid=stException]").count() == 0
    text = shown.inner_text()
    assert ADVICE in text, text
    return text


def no_refusal(page) -> None:
    expect(page.get_by_text(ADVICE)).to_have_count(0)
    assert page.locator("[data-testid=stException]").count() == 0


def test_a_painting_too_large_is_refused_and_clear_brings_the_canvas_back(sim_process, tmp_path, logs, page):
    app = live_app(sim_process, tmp_path, logs)
    try:
        open_canvas(page, app, tmp_path)
        rng = random.Random(24)  # like issue 24's drawing (50-point strokes at the full width), 40 strokes of it
        strokes = [{"tool": "brush", "width": 620, "points": [[round(rng.uniform(0, 620), 1),
                                                               round(rng.uniform(0, 465), 1)] for _ in range(50)]}
                   for _ in range(40)]
        page.evaluate("(strokes) => { for (const s of window.__studioMaskCanvas.values()) s.strokes = strokes; }",
                      strokes)
        paint_stroke(page, y_share=0.5, x_from=0.1, x_to=0.3)  # one more stroke: the canvas sends it all
        settle(page)
        assert "The painting is too large to use" in refusal(page, "The painting is too large to use")
        page.get_by_label("Prompt", exact=True).fill("a red boat")
        page.get_by_label("Prompt", exact=True).press("Control+Enter")
        settle(page)
        page.get_by_role("button", name="Apply edit").click()  # waits for a painting it can use
        settle(page)
        # Under the canvas, and by Apply (Apply's own run may start after settle() saw the page quiet: wait for it).
        expect(page.get_by_text("The painting is too large to use")).to_have_count(2)
        assert not sim_process.requests("/generate")

        page.get_by_role("button", name="Clear").click()
        settle(page)
        no_refusal(page)
        paint_stroke(page, y_share=0.8, x_from=0.6, x_to=0.9)  # the session goes on: a normal stroke is kept
        settle(page)
        no_refusal(page)
        expect_marks(page, "1 mark")
        # The page forgets its strokes (as a tab drawn afresh would), then the canvas is drawn anew by a page switch
        # and gets back what was accepted. (A rerun alone would not show it: Streamlit calls the canvas again only
        # when its data changed, so the test once depended on whether a run came between the stroke and here.)
        page.evaluate("() => window.__studioMaskCanvas.clear()")
        page.get_by_role("link", name="History").click()
        page.get_by_role("heading", name="History").first.wait_for()
        settle(page)  # History's run has ended: the canvas is gone from the page
        expect(page.locator(CANVAS)).to_have_count(0)
        page.get_by_role("link", name="Edit").click()
        page.locator(CANVAS).first.wait_for()
        expect_marks(page, "1 mark")
        mask = sent_mask(sim_process, page)
        assert mask.getpixel((600, 480)) == 0  # the stroke
        assert mask.getpixel((160, 300)) == 255  # nothing of the refused painting
    finally:
        app.stop()


def test_values_too_deep_or_too_large_from_the_canvas_setter_are_refused(sim_process, tmp_path, logs, page):
    app = live_app(sim_process, tmp_path, logs)
    try:
        open_canvas(page, app, tmp_path)
        paint_stroke(page, y_share=0.2, x_from=0.1, x_to=0.4)
        settle(page)
        no_refusal(page)
        canvas = page.locator(".mc").first

        canvas.evaluate(SEND, page.evaluate_handle(DEEP))  # an object 5,000 deep: Streamlit decodes it first
        settle(page)
        assert "nested too deeply" in refusal(page, "The painting could not be used")
        canvas.evaluate(SEND, '{"width":620,"height":465,"strokes":' + "[" * 5000 + "]" * 5000 + "}")  # as text
        settle(page)
        assert "nested too deeply (more than 5 levels)" in refusal(page, "The painting is nested too deeply")
        canvas.evaluate(SEND, " " * 2_200_000)
        settle(page)
        assert "2.2 MB; the most is 2.0 MB" in refusal(page, "The painting is too large")

        paint_stroke(page, y_share=0.8, x_from=0.6, x_to=0.9)  # the canvas's own drawing replaces what was sent
        settle(page)
        no_refusal(page)
        expect_marks(page, "2 marks")
        mask = sent_mask(sim_process, page)
        assert mask.getpixel((200, 120)) == 0 and mask.getpixel((600, 480)) == 0  # both strokes
        assert mask.getpixel((760, 40)) == 255
    finally:
        app.stop()
