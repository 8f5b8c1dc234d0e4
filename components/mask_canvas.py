"""The painting canvas over a picture: what is painted comes back as strokes (mask logic is in kie.masks).

A Components-v2 component of our own (components/mask_canvas/): the strokes live in the page, so no rerun (a
new brush size, another fragment's tick, a page switch) can lose one or cut one short, and nothing is loaded
from outside the app. It replaces streamlit-drawable-canvas, whose canvas rebuilt its brush on every size change
and could drop a stroke painted meanwhile.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

import streamlit as st
from PIL import Image

from components import browser_values, state
from kie.images import fit_within
from kie.masks import ADVICE, Drawing, DrawingError, build_mask, mask_coverage, paint_budget

TOOLS = {"Brush": "brush", "Eraser": "eraser", "Rectangle": "rect", "Polygon": "poly"}
HINTS = {
    "Brush": "Paint over what should change. Undo, redo and clear are above the picture (Ctrl+Z undoes).",
    "Eraser": "Rub out paint: the eraser takes away what was painted, not the picture.",
    "Rectangle": "Drag from one corner to the opposite one.",
    "Polygon": "Click the corners; click the first corner again, double-click or press Enter to close the shape.",
}
UNITS = 620  # the canvas's nominal size (its longer side): the brush size is measured in it
PICTURE_SIDE = 1024  # the picture shown under the paint: sharp at any column width
_ASSETS = Path(__file__).with_name("mask_canvas")
_DRAWINGS = "_edit_drawings"  # canvas key -> the drawing last accepted (its JSON text): kept across page switches
_PARSED = "_edit_parsed"  # (canvas key, the drawing's text as sent, the Drawing made from it, why it was refused)
_REFUSED = "_edit_painting_refused"  # why this run's painting cannot be used, or None

browser_values.install()  # what the page sends back is bounded before Streamlit decodes it
_canvas = st.components.v2.component(
    "studio_mask_canvas",
    html=(_ASSETS / "canvas.html").read_text(encoding="utf-8"),
    css=(_ASSETS / "canvas.css").read_text(encoding="utf-8"),
    js=(_ASSETS / "canvas.js").read_text(encoding="utf-8"),
)


@st.cache_data(max_entries=8, show_spinner=False)
def _display_picture(path: str, base_mask_path: str | None) -> str:
    """The picture as shown under the paint (a JPEG data URI), with an earlier mask (reopening an edit) tinted."""
    with Image.open(path) as source:
        picture = source.convert("RGB")
    picture.thumbnail((PICTURE_SIDE, PICTURE_SIDE), Image.Resampling.LANCZOS)
    if base_mask_path:
        with Image.open(base_mask_path) as mask:
            painted = mask.convert("L").resize(picture.size, Image.Resampling.NEAREST).point(
                lambda v: 110 if v < 128 else 0)
        picture = Image.composite(Image.new("RGB", picture.size, (255, 30, 90)), picture, painted)
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=88)
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def mask_canvas(source_path: str, size: tuple[int, int], *, key: str,
                base_mask_path: str | None = None) -> Drawing | None:
    """Draw the tools and the canvas; return what is painted (None before the first stroke, or when the painting
    cannot be used: then a message under the canvas says why and what to do, and `painting_refused` tells Apply).

    The canvas sends its drawing as JSON text, checked (size, nesting, then its strokes' cost for this source)
    before it is decoded. The last drawing accepted is kept in plain session state and given back to the canvas, so
    a canvas drawn afresh (a page switch, a reload of the tab) shows every stroke.
    """
    tools, brush = st.columns([3, 2])
    tool = tools.segmented_control("Tool", list(TOOLS), key=state.remember("edit_tool", "Brush"), required=True)
    tool = tool if tool in TOOLS else "Brush"
    width = brush.slider("Brush size", 4, 120, key=state.remember("edit_brush", 40),
                         disabled=tool not in ("Brush", "Eraser"), help="In the canvas's own units, whatever size "
                         "it is shown at: a size paints the same share of the picture on any screen.")
    state.save("edit_tool", "edit_brush")
    st.caption(HINTS[tool])
    units = fit_within(*size, UNITS, UNITS)
    drawings = st.session_state.setdefault(_DRAWINGS, {})
    result = _canvas(
        key=key,
        data={"id": key, "width": units[0], "height": units[1], "tool": TOOLS[tool], "brush": width,
              "picture": _display_picture(source_path, base_mask_path), "drawing": drawings.get(key)},
        on_drawing_change=lambda: None,
    )
    sent = result.get("drawing")
    raw = sent if isinstance(sent, str) else drawings.get(key)
    # Checked and parsed once per change, not on every rerun (typing a prompt reruns the page).
    memo = st.session_state.get(_PARSED)
    if memo is None or memo[0] != key or memo[1] != raw:
        memo = st.session_state[_PARSED] = (key, raw, *_parsed(raw, size))
    if memo[3] is None and raw is not None:
        drawings[key] = raw
    refused = result.get(browser_values.REFUSED)
    problem = f"The painting could not be used: {refused} {ADVICE}" if refused else memo[3]
    st.session_state[_REFUSED] = problem
    if problem:
        st.error(problem, icon=":material/block:")
        return None
    return memo[2]


def _parsed(raw: str | None, size: tuple[int, int]) -> tuple[Drawing | None, str | None]:
    """The drawing the canvas sent and None, or None and why it cannot be used."""
    if raw is None:
        return None, None
    try:
        return Drawing.from_text(raw, budget=paint_budget(size)), None
    except DrawingError as error:
        return None, str(error)


def painting_refused() -> str | None:
    """Why the painting on this run's canvas cannot be used (Apply must not go ahead without it), or None."""
    return st.session_state.get(_REFUSED)


def current_mask(drawing: Drawing | None, size: tuple[int, int], *, invert: bool,
                 base_mask_path: str | None) -> tuple[Image.Image | None, float, Image.Image | None]:
    """The full-size mask, the share it changes and a small preview, rebuilt only when the drawing, the picture
    or invert changed.

    Building a 4096x4096 mask takes about 100 ms; without this every rerun (typing a prompt) would pay it.
    """
    if (drawing is None or not drawing.strokes) and not base_mask_path:
        return None, 0.0, None
    key = (drawing, tuple(size), invert, base_mask_path)  # the same Drawing object while unchanged: a quick compare
    memo = st.session_state.get("_edit_mask")
    if memo is not None and memo[0] == key:
        return memo[1:]
    base = Image.open(base_mask_path) if base_mask_path else None
    mask = build_mask(drawing, size, invert=invert, base=base)
    preview = mask.copy()
    preview.thumbnail((240, 240), Image.Resampling.NEAREST)
    st.session_state["_edit_mask"] = (key, mask, mask_coverage(mask), preview)
    return st.session_state["_edit_mask"][1:]
