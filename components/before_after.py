"""A before/after comparison slider: two pictures in one frame, split by a handle the reader drags.

A Components-v2 component of our own (HTML, CSS and JS in components/before_after/): it loads nothing
from outside the app, so it works on a server without internet.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

import streamlit as st
from PIL import Image, ImageOps

from components import browser_values
from kie.thumbnails import decoded, opened

_ASSETS = Path(__file__).with_name("before_after")
PREVIEW_MAX_SIDE = 1200
PREVIEW_QUALITY = 85

browser_values.install()  # what the page sends back is bounded before Streamlit decodes it
_slider = st.components.v2.component(
    "studio_before_after",
    html=(_ASSETS / "slider.html").read_text(encoding="utf-8"),
    css=(_ASSETS / "slider.css").read_text(encoding="utf-8"),
    js=(_ASSETS / "slider.js").read_text(encoding="utf-8"),
)


@st.cache_data(max_entries=64, show_spinner=False)
def preview(data: bytes) -> tuple[str, float]:
    """A JPEG data URI of the picture at display size, and its width/height ratio.

    Pictures can be 1536x1024 PNGs of 1-2 MB; a q=85 JPEG no wider than 1200 px keeps the message small. Read
    as every stored picture is (kie/thumbnails.py): only a picture within the pixel cap, a JPEG decoded at a
    reduced scale; anything else raises `kie.thumbnails.Unshowable`. The cards pass their kept small copies.
    """
    with opened(data) as image:
        image = ImageOps.exif_transpose(decoded(image, PREVIEW_MAX_SIDE))
        image.thumbnail((PREVIEW_MAX_SIDE, PREVIEW_MAX_SIDE))
        if image.mode in ("RGBA", "LA", "P"):
            # JPEG has no alpha: lay transparent parts on white, as a viewer would show them.
            image = image.convert("RGBA")
            flat = Image.new("RGB", image.size, (255, 255, 255))
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        out = io.BytesIO()
        image.convert("RGB").save(out, "JPEG", quality=PREVIEW_QUALITY, optimize=True)
        ratio = image.width / image.height
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode("ascii"), ratio


def before_after(before: bytes | Path, after: bytes | Path, *, key: str, before_label: str = "Before",
                 after_label: str = "After", height: int | str | None = None, start: float = 50, fit: str = "contain",
                 remember: bool = False) -> None:
    """Show `before` and `after` in one frame, with a handle to drag (or arrow keys) to reveal one or the other.

    The frame takes the full width and the shape of the `before` picture, unless `height` (px, or a CSS length
    such as "calc(100vh - 18rem)") is given;
    both pictures are fitted inside it whole. `start` is where the handle begins, in percent from the left.
    With a `height`, `fit="contain"` shapes the frame like the pictures (no bars) and `fit="cover"` fills the
    width, cropping them. `remember` keeps the handle where the reader left it when the frame is drawn afresh.
    """
    before_uri, ratio = preview(_read(before))
    after_uri, _ = preview(_read(after))
    _slider(
        key=key,
        data={"before": before_uri, "after": after_uri, "beforeLabel": before_label, "afterLabel": after_label,
              "ratio": ratio, "height": height, "start": min(100.0, max(0.0, float(start))),
              "fit": "cover" if fit == "cover" else "contain", "memory": key if remember else None},
    )


def _read(picture: bytes | Path) -> bytes:
    return picture.read_bytes() if isinstance(picture, Path) else bytes(picture)
