"""Generate's three modes (Single, Batch, Compare models) and the control that chooses one. A saved comparison
opened by its link (`?comparison=`) opens Compare models; leaving that mode drops the link."""

from __future__ import annotations

import streamlit as st

from components import state
from components.pages import COMPARISON_QUERY

MODES = {"single": "Single", "batch": "Batch", "compare": "Compare models"}
MODE = "gen_mode"
_OPENED = "_cmp_opened"  # the comparison the URL named at the last run


def mode_control() -> str:
    """The mode chooser; returns the mode chosen."""
    opened = st.query_params.get(COMPARISON_QUERY)
    if opened and st.session_state.get(_OPENED) != opened:  # a saved comparison, reopened by its link
        state.set_value(MODE, "compare")
    st.session_state[_OPENED] = opened
    mode = st.segmented_control("Mode", list(MODES), format_func=MODES.get, required=True,
                                key=state.remember(MODE, "single"), label_visibility="collapsed")
    state.save(MODE)
    if mode != "compare" and opened:  # left the comparison for another mode
        st.query_params.pop(COMPARISON_QUERY, None)
        st.session_state[_OPENED] = None
    return mode
