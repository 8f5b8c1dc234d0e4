"""Layouts that fit at every width and height: option groups wrap instead of scrolling out of sight, buttons in a
wrapping row keep their whole label, grids of tasks reflow to fewer columns when the page is narrow, and a result
picture fits the window (at most RESULT_HEIGHT of its height, whole: the viewer gives the full size)."""

from __future__ import annotations

import re

import streamlit as st

RESULT_HEIGHT = 62  # vh: the most of the window's height one result picture takes, so its card fits with it
SHARED_HEIGHT = 25  # vh: the same for each of three or more pictures of one task (two rows of them)

FIT_CSS = f"""<style>
/* Pills and segmented controls: every option visible, on a second line if need be (never clipped). */
[data-testid="stButtonGroup"] > div {{flex-wrap: wrap; overflow: visible; row-gap: 0.25rem;}}
/* A row of buttons (st.container(horizontal=True)) wraps a button that does not fit; it never shrinks it. */
[data-testid="stHorizontalBlock"] > [data-testid="stElementContainer"] {{flex-shrink: 0; max-width: 100%;}}
/* A widget's label (a toggle beside a narrow column, "Invert mask" at 800 px) wraps onto a second line instead
   of ending in "Inve…": Streamlit draws it on one line with an ellipsis. */
[data-testid="stWidgetLabel"] .stMarkdownEllipsis,
[data-testid="stWidgetLabel"] .stMarkdownEllipsis p {{white-space: normal; overflow: visible; text-overflow: clip;}}
/* Grids of task tiles: at least 13rem a column, so a narrow page shows two (or one) a row. */
[class*="st-key-grid-"] [data-testid="stHorizontalBlock"] {{flex-wrap: wrap;}}
[class*="st-key-grid-"] [data-testid="stColumn"] {{min-width: 13rem; flex: 1 1 13rem;}}
/* The page starts just under Streamlit's header (6rem by default), so Generate's button is in the first screen. */
[data-testid="stMainBlockContainer"] {{padding-top: 4.5rem;}}
/* A result picture fits the window: whole, at its own shape, at most the column's width and RESULT_HEIGHT of the
   window's height (several pictures of one task: SHARED_HEIGHT each); never enlarged past its kept copy. Its box
   hugs the picture, so nothing (a checkerboard behind transparency) shows beside it. */
[class*="st-key-pictures-"] [data-testid="stImage"] img {{width: auto !important; height: auto !important;
  max-width: 100%; max-height: {RESULT_HEIGHT}vh; object-fit: contain;}}
[class*="st-key-pictures-shared-"] [data-testid="stImage"] img {{max-height: {SHARED_HEIGHT}vh;}}
/* A card brought into view (components/into_view.py) keeps clear of the header; its marker takes no room. */
[class*="st-key-card-"] {{scroll-margin-top: 4.5rem; scroll-margin-bottom: 1rem;}}
[data-testid="stElementContainer"]:has(.studio-into-view) {{display: none;}}
</style>"""


def key_class(key: str) -> str:
    """The class Streamlit gives a container made with `key` (its own rule: other characters become "-")."""
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


def fit_style() -> None:
    """Draw the layout rules (invisible; once per page run)."""
    st.html(FIT_CSS)
