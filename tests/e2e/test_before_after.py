"""The before/after slider in a real browser: dragging and arrow keys change what is shown, nothing leaves the host."""

from __future__ import annotations

import io
import os
import sys
from urllib.parse import urlsplit

import pytest
from PIL import Image

from tests.e2e.harness import ROOT, Process, free_port, open_app, screenshot, wait_http

pytestmark = pytest.mark.e2e

RED, BLUE = (220, 30, 30), (30, 30, 220)
SLIDER = ".ba"  # Playwright's CSS engine looks inside the component's shadow root

SCRIPT = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from pathlib import Path
import streamlit as st
from components.before_after import before_after

st.title("Slider check")
before_after(Path(sys.argv[1]), Path(sys.argv[2]), key="check", start=50)
st.write("ready")
"""


@pytest.fixture
def slider_app(tmp_path):
    """`streamlit run` on a one-slider script: red 1536x1024 PNG before, blue after."""
    Image.new("RGB", (1536, 1024), RED).save(tmp_path / "before.png")
    Image.new("RGB", (1536, 1024), BLUE).save(tmp_path / "after.png")
    (tmp_path / "slider_app.py").write_text(SCRIPT)
    port = free_port()
    args = [sys.executable, "-m", "streamlit", "run", str(tmp_path / "slider_app.py"), "--server.port", str(port),
            "--server.headless", "true", "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none", "--", str(tmp_path / "before.png"), str(tmp_path / "after.png")]
    app = Process(args, {**os.environ, "PYTHONUNBUFFERED": "1"}, tmp_path / "logs" / "slider.log")
    try:
        wait_http(f"http://127.0.0.1:{port}/_stcore/health", 60)
        yield f"http://127.0.0.1:{port}"
    finally:
        app.stop()


def shot(slider) -> Image.Image:
    return Image.open(io.BytesIO(slider.screenshot())).convert("RGB")


def colour_at(image: Image.Image, x_share: float) -> tuple[int, int, int]:
    # Three quarters down: clear of the labels (top) and the round grip (middle).
    return image.getpixel((int(image.width * x_share), int(image.height * 0.75)))


def near(got: tuple[int, int, int], want: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 24 for a, b in zip(got, want, strict=True))  # JPEG and scaling blur colours


def test_dragging_the_handle_changes_what_is_shown(slider_app, page):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_app(page, slider_app)
    slider = page.locator(SLIDER)
    slider.wait_for()
    slider.evaluate("el => Promise.all([...el.querySelectorAll('img')].map(img => img.decode()))")
    assert slider.locator(".ba-label-before").inner_text() == "Before"
    assert slider.locator(".ba-label-after").inner_text() == "After"
    box = slider.bounding_box()
    assert box["width"] > 300 and abs(box["width"] / box["height"] - 1.5) < 0.02  # the pictures' 3:2 shape

    first = shot(slider)
    assert near(colour_at(first, 0.1), RED) and near(colour_at(first, 0.65), BLUE)
    assert slider.get_attribute("aria-valuenow") == "50"

    # Grab the handle in the middle and drag it to 80 %.
    y = box["y"] + box["height"] * 0.5
    page.mouse.move(box["x"] + box["width"] * 0.5, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.8, y, steps=8)
    page.mouse.up()
    dragged = shot(slider)
    screenshot(page, "before_after_dragged.png")
    assert int(slider.get_attribute("aria-valuenow")) in range(78, 83)
    assert colour_at(first, 0.65) != colour_at(dragged, 0.65)
    assert near(colour_at(dragged, 0.65), RED), "left of the handle shows the before picture"
    assert near(colour_at(dragged, 0.9), BLUE), "right of the handle shows the after picture"

    # Keyboard: the slider has focus after the drag; Home shows only "after", End only "before".
    slider.press("Home")
    assert slider.get_attribute("aria-valuenow") == "0"
    assert near(colour_at(shot(slider), 0.1), BLUE)
    slider.press("End")
    slider.press("ArrowLeft")
    assert slider.get_attribute("aria-valuenow") == "98"
    assert near(colour_at(shot(slider), 0.9), RED)

    outside = [url for url in requested
               if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != "127.0.0.1"]
    assert requested and not outside, outside
