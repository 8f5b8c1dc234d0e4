"""The mask canvas's script (components/mask_canvas/canvas.js) on its own, in the real browser: which drawing it shows
when Python hands it one.

A canvas drawn afresh (the page's strokes forgotten) may first be handed its element as it stood, with an older
drawing, and then the newest one in the next run: it must end on the newest. Once painted on, what is painted in
the page wins over anything handed back (a rerun never takes a stroke away).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ASSETS = Path(__file__).resolve().parents[2] / "components" / "mask_canvas"


def drawing(strokes: int) -> str:
    """A drawing as the canvas sends it: `strokes` short brush strokes."""
    return json.dumps({"width": 620, "height": 465, "rev": strokes,
                       "strokes": [{"tool": "brush", "width": 40, "points": [[10, 10 + 30 * i], [200, 10 + 30 * i]]}
                                   for i in range(strokes)]})


@pytest.fixture
def canvas(page):
    page.route("http://canvas.test/", lambda route: route.fulfill(
        body=f"<html><body><div id=root>{(ASSETS / 'canvas.html').read_text(encoding='utf-8')}</div></body></html>",
        content_type="text/html"))
    page.goto("http://canvas.test/")
    script = (ASSETS / "canvas.js").read_text(encoding="utf-8").replace("export default function",
                                                                        "window.__mount = function")
    page.add_script_tag(content=script)
    page.evaluate("() => { window.__sent = []; }")
    return page


def draw(page, saved: str | None) -> None:
    """One run's call of the canvas, as Streamlit makes it, with `saved` as the drawing Python gives back."""
    page.evaluate("""(saved) => window.__mount({
        parentElement: document.getElementById('root'),
        data: {id: 'c1', width: 620, height: 465, tool: 'brush', brush: 40, picture: '', drawing: saved},
        setStateValue: (name, value) => window.__sent.push([name, value]),
    })""", saved)


def status(page) -> str:
    return page.locator(".mc-status").inner_text()


def test_a_canvas_drawn_afresh_ends_on_the_newest_drawing_handed_back(canvas):
    draw(canvas, drawing(0))  # its element as it stood: the drawing before the last stroke
    assert status(canvas) == ""
    draw(canvas, drawing(2))  # the next run: the drawing Python accepted last
    assert status(canvas) == "2 marks"
    assert canvas.evaluate("() => window.__sent") == []  # handed back, not painted: nothing to send


def test_once_painted_on_a_drawing_handed_back_changes_nothing(canvas):
    draw(canvas, drawing(1))
    assert status(canvas) == "1 mark"
    box = canvas.locator(".mc-frame").bounding_box()
    canvas.mouse.move(box["x"] + 20, box["y"] + box["height"] - 20)
    canvas.mouse.down()
    canvas.mouse.move(box["x"] + 120, box["y"] + box["height"] - 20, steps=5)
    canvas.mouse.up()
    assert status(canvas) == "2 marks"
    draw(canvas, drawing(1))  # a run that began before the stroke arrived
    assert status(canvas) == "2 marks"
    sent = canvas.evaluate("() => window.__sent")
    assert len(sent) == 1 and len(json.loads(sent[0][1])["strokes"]) == 2
