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


def mask_canvas(source_path: str, size: tuple[int, int], *, key: str,
                base_mask_path: str | None = None) -> bytes | None:
    """Draw the canvas; return the PNG of what was painted (canvas pixels, transparent elsewhere)."""
    tools, brush = st.columns([2, 3])
    tool = tools.segmented_control("Tool", list(TOOLS), key=state.remember("edit_tool", "Brush"), required=True)
    width = brush.slider("Brush size", 4, 120, key=state.remember("edit_brush", 40), disabled=tool != "Brush")
    state.save("edit_tool", "edit_brush")
    if tool == "Polygon":
        st.caption("Click the corners; click the first corner again to close the shape.")
    st.caption("Undo, redo and clear: the canvas's toolbar, at its top right.")
    display_w, display_h = fit_within(*size, MAX_WIDTH, MAX_HEIGHT)
    result = st_canvas(
        fill_color=STROKE, stroke_width=width, stroke_color=STROKE,
        background_image=_display_picture(source_path, display_w, display_h, base_mask_path),
        background_image_fit="stretch", width=display_w, height=display_h, drawing_mode=TOOLS[tool or "Brush"],
        return_image_data=True, key=key, update_streamlit=True,
    )
    return result.image_bytes


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
