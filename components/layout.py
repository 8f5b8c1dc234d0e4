"""Layouts that fit at every width: option groups wrap instead of scrolling out of sight, buttons in a wrapping
row keep their whole label, grids of tasks reflow to fewer columns when the page is narrow."""

from __future__ import annotations

import streamlit as st

FIT_CSS = """<style>
/* Pills and segmented controls: every option visible, on a second line if need be (never clipped). */
[data-testid="stButtonGroup"] > div {flex-wrap: wrap; overflow: visible; row-gap: 0.25rem;}
/* A row of buttons (st.container(horizontal=True)) wraps a button that does not fit; it never shrinks it. */
[data-testid="stHorizontalBlock"] > [data-testid="stElementContainer"] {flex-shrink: 0; max-width: 100%;}
/* A widget's label (a toggle beside a narrow column, "Invert mask" at 800 px) wraps onto a second line instead
   of ending in "Inve…": Streamlit draws it on one line with an ellipsis. */
[data-testid="stWidgetLabel"] .stMarkdownEllipsis,
[data-testid="stWidgetLabel"] .stMarkdownEllipsis p {white-space: normal; overflow: visible; text-overflow: clip;}
/* Grids of task tiles: at least 13rem a column, so a narrow page shows two (or one) a row. */
[class*="st-key-grid-"] [data-testid="stHorizontalBlock"] {flex-wrap: wrap;}
[class*="st-key-grid-"] [data-testid="stColumn"] {min-width: 13rem; flex: 1 1 13rem;}
</style>"""


def fit_style() -> None:
    """Draw the layout rules (invisible; once per page run)."""
    st.html(FIT_CSS)
