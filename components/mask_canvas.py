"""The painting canvas over a picture; returns the drawing as canvas pixels (mask logic is in kie.images)."""

from __future__ import annotations

import hashlib
import io

import streamlit as st
from PIL import Image
from streamlit_drawable_canvas import st_canvas

from components import state
from kie.images import build_mask, fit_within, mask_coverage

STROKE = "rgba(255, 30, 90, 0.45)"
TOOLS = {"Brush": "freedraw", "Rectangle": "rect", "Polygon": "polygon"}
MAX_WIDTH, MAX_HEIGHT = 620, 620  # fits the canvas column of a wide layout


@st.cache_data(max_entries=8, show_spinner=False)
def _display_picture(path: str, width: int, height: int, base_mask_path: str | None) -> bytes:
    """The picture at display size, with an earlier mask (when reopening an edit) tinted over it."""
    with Image.open(path) as source:
        picture = source.convert("RGB").resize((width, height), Image.Resampling.LANCZOS)
    if base_mask_path:
        with Image.open(base_mask_path) as mask:
            painted = mask.convert("L").resize((width, height), Image.Resampling.NEAREST).point(
                lambda v: 110 if v < 128 else 0)
        tint = Image.new("RGB", (width, height), (255, 30, 90))
        picture = Image.composite(tint, picture, painted)
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


_DRAWINGS = "_edit_drawings"  # canvas key -> {"json": fabric JSON, "png": canvas PNG}: plain state, never lost
_SEEDS = "_edit_canvas_seeds"  # canvas key -> (page visit, the drawing the canvas was (re)started with)
# The canvas keeps its pixel size (the mask is made from it at the source's pixels); only its display is zoomed
# down to the column's width, so nothing is cut off at 400 px. Fabric maps the pointer through the zoom.
_FIT_STYLE = """<style>
.st-key-edit-canvas {container-type: inline-size;}
.st-key-edit-canvas > div {zoom: min(1, calc(100cqw / %dpx));}
</style>"""


def _seed(key: str) -> dict | None:
    """What the canvas starts from: the saved drawing as it was when this page visit began.

    Fed back as `initial_drawing`, so a canvas drawn afresh (a page switch, a remount) shows every stroke. It is
    not updated within a visit: a changed `initial_drawing` reloads the canvas, which would drop a stroke in
    progress and the undo history.
    """
    visit = st.session_state.get("_page_visit", 0)
    seeds = st.session_state.setdefault(_SEEDS, {})
    if key not in seeds or seeds[key][0] != visit:
        saved = st.session_state.get(_DRAWINGS, {}).get(key)
        seeds[key] = (visit, saved["json"] if saved else None)
    return seeds[key][1]


def note_page_visit(page: str) -> None:
    """Count page visits (called on every page's run): a canvas is drawn afresh on each visit to Edit."""
    if st.session_state.get("_page_visit_of") != page:
        st.session_state["_page_visit_of"] = page
        st.session_state["_page_visit"] = st.session_state.get("_page_visit", 0) + 1


def mask_canvas(source_path: str, size: tuple[int, int], *, key: str,
                base_mask_path: str | None = None) -> bytes | None:
    """Draw the canvas; return the PNG of what was painted (canvas pixels, transparent elsewhere).

    The drawing is also kept in plain session state, so that no rerun (a brush change, another fragment's tick,
    a page switch) can lose a stroke: the canvas is given it back when drawn afresh.
    """
    tools, brush = st.columns([2, 3])
    tool = tools.segmented_control("Tool", list(TOOLS), key=state.remember("edit_tool", "Brush"), required=True)
    width = brush.slider("Brush size", 4, 120, key=state.remember("edit_brush", 40), disabled=tool != "Brush")
    state.save("edit_tool", "edit_brush")
    # Always the same elements above the canvas (only their text changes), so the canvas is never redrawn afresh.
    st.caption("Click the corners; click the first corner again to close the shape." if tool == "Polygon" else
               "Undo, redo and clear: the canvas's toolbar, at its top right.")
    display_w, display_h = fit_within(*size, MAX_WIDTH, MAX_HEIGHT)
    st.html(_FIT_STYLE % display_w)
    with st.container(key="edit-canvas"):
        result = st_canvas(
            fill_color=STROKE, stroke_width=width, stroke_color=STROKE,
            background_image=_display_picture(source_path, display_w, display_h, base_mask_path),
            background_image_fit="stretch", width=display_w, height=display_h, drawing_mode=TOOLS[tool or "Brush"],
            return_image_data=True, key=key, update_streamlit=True, initial_drawing=_seed(key),
        )
    drawings = st.session_state.setdefault(_DRAWINGS, {})
    if result.image_bytes is not None:  # the canvas has sent what it shows
        drawings[key] = {"json": result.json_data, "png": result.image_bytes}
    saved = drawings.get(key)
    return saved["png"] if saved else None


def current_mask(drawing: bytes | None, size: tuple[int, int], *, invert: bool,
                 base_mask_path: str | None) -> tuple[Image.Image | None, float, Image.Image | None]:
    """The full-size mask, the share it changes and a small preview, rebuilt only when the drawing, the picture
    or invert changed.

    Building a 4096x4096 mask takes about 100 ms; without this every rerun (typing a prompt) would pay it.
    """
    if drawing is None and not base_mask_path:
        return None, 0.0, None
    key = (hashlib.sha256(drawing or b"").hexdigest(), tuple(size), invert, base_mask_path)
    memo = st.session_state.get("_edit_mask")
    if memo is not None and memo[0] == key:
        return memo[1:]
    base = Image.open(base_mask_path) if base_mask_path else None
    mask = build_mask(drawing, size, invert=invert, base=base)
    preview = mask.copy()
    preview.thumbnail((240, 240), Image.Resampling.NEAREST)
    st.session_state["_edit_mask"] = (key, mask, mask_coverage(mask), preview)
    return st.session_state["_edit_mask"][1:]
