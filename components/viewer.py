"""A full-screen picture viewer for the results on a page: click a result picture to open it, ←/→ to go through
the page's result pictures, Esc to close.

A Components-v2 component of our own (components/viewer/): nothing is loaded from outside the app. Result
pictures are the `st.image`s inside containers whose key starts with `result-` (see `result_container`).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

_ASSETS = Path(__file__).with_name("viewer")

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
