"""A fold (an expander) whose content is drawn only while it is open.

A task card's Details and Technical details are closed nearly always, yet Streamlit draws an expander's content
whatever its state: the raw request's JSON viewer alone was 160 of a card's 420 elements in the page, redrawn by
the browser at every run of the page (bench/RESULTS.md, issue 25's fifth pass). Opening the fold reruns the part
of the page it is in (the fragment, when it is in one) and draws it then.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st


def folded(label: str, *, key: str, draw: Callable[[], None]) -> None:
    """An expander labelled `label`; `draw()` fills it only while it is open (its state kept under `key`)."""
    fold = st.expander(label, key=key, on_change="rerun")
    if fold.open:
        with fold:
            draw()
