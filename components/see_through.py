"""A checkerboard behind a picture that has transparency (a removed background), and behind no other: an opaque
picture sits on the page's own background, with no grey-and-white bands where it is narrower than its frame.

Usage, after drawing a picture in a keyed container: `checker_behind("result-abc-0", path)`. The decision is the
core's (kie.picture_facts: an alpha channel with a pixel that is not fully opaque, remembered per file); this only
adds a style (no space on the page) for that container's pictures.
"""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from kie.picture_facts import has_transparency

CHECKERBOARD = "repeating-conic-gradient(#ccc 0 25%, #fff 0 50%) 0 0 / 24px 24px"


def container_class(key: str) -> str:
    """The class Streamlit gives a container made with `key` (its frontend's own rule: other characters become -)."""
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


def checker_behind(key: str, picture: object) -> bool:
    """When the picture file `picture` has transparency, a checkerboard behind the pictures of the container made
    with `key`; True if so. Anything that is not a picture file (a sentence in its place, None) draws nothing."""
    if not isinstance(picture, Path) or not has_transparency(picture):
        return False
    st.html(f"<style>.{container_class(key)} [data-testid=stImage] img {{background: {CHECKERBOARD};}}</style>")
    return True
