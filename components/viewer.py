"""A full-screen picture viewer for the results on a page: click a result picture to open it, ←/→ to go through
the page's result pictures, Esc to close.

A Components-v2 component of our own (components/viewer/): nothing is loaded from outside the app. Result
pictures are the `st.image`s inside containers whose key starts with `result-` (see `result_container`). Where
the page draws a small copy (a History tile, a batch's grid), `large_copy` puts next to it the address of a large
copy and the picture's prompt: the browser fetches that copy only when the viewer opens it.
"""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path

import streamlit as st
from streamlit import runtime

from components import browser_values

log = logging.getLogger(__name__)
_ASSETS = Path(__file__).with_name("viewer")

browser_values.install()  # what the page sends back is bounded before Streamlit decodes it
_viewer = st.components.v2.component(
    "studio_viewer",
    html=(_ASSETS / "viewer.html").read_text(encoding="utf-8"),
    css=(_ASSETS / "viewer.css").read_text(encoding="utf-8"),
    js=(_ASSETS / "viewer.js").read_text(encoding="utf-8"),
)


def viewer(key: str) -> None:
    """Put the viewer on the page (it takes no room; where several are drawn, the last one drawn listens)."""
    _viewer(key=f"studio-viewer-{key}", data={})


def result_container(task_id: str, index: int):
    """The container a result picture is drawn in, so the viewer finds it."""
    return st.container(key=f"result-{task_id}-{index}")


def _mimetype(content: bytes) -> str:
    return "image/png" if content.startswith(b"\x89PNG") else "image/jpeg"  # thumbnails are one or the other


def media_url(path: Path, key: str) -> str:
    """The address Streamlit serves a file at for this session, without drawing it ("" outside a running app).

    The file is registered like an `st.image`'s (kept while the page shows it), but no <img> asks for it: the
    browser downloads it only when the viewer opens the picture."""
    if not runtime.exists() or not path.exists():
        return ""
    content = path.read_bytes()
    try:  # the media-file manager is Streamlit's own (what st.image uses), not a public API
        return runtime.get_instance().media_file_mgr.add(content, _mimetype(content), f"viewer-large-{key}")
    except (AttributeError, TypeError) as changed:  # a Streamlit that moved it: the viewer shows the small copy
        log.warning("the viewer's large copies are off: Streamlit's media files changed (%s)", changed)
        return ""


def large_copy(path: Path | Exception | None, caption: str, *, key: str) -> None:
    """Inside a result container: the large copy the viewer shows (None: the picture drawn is large enough) and
    the caption it shows under it (the prompt, shown as text).

    `path` is a kept small copy (`thumbs.thumbnail`), never a stored original: the viewer never decodes or sends
    a full-size file. Where there is no copy (a picture too large or damaged to show: the thumbnail's answer is
    then a `kie.thumbnails.Unshowable`, an exception), nothing is registered; the page shows the sentence instead
    of the picture, so the viewer has nothing to open."""
    url = media_url(path, key) if isinstance(path, Path) else ""
    # Attribute values are escaped here and read back with dataset/textContent by the viewer: never markup.
    st.html(f'<span class="studio-viewer-source" hidden data-src="{escape(url, quote=True)}" '
            f'data-caption="{escape(caption, quote=True)}"></span>')
