"""Widget values that survive page switches and fragment reruns.

While a `st.fragment(run_every=...)` exists, Streamlit can drop widget values on a page switch
(streamlit issue 10805). Each remembered widget is therefore mirrored in a plain session-state
dict, and restored from it before the widget is drawn again.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

_SAVED = "_remembered"


def remember(key: str, default: Any) -> str:
    """Make sure widget `key` has a value (the saved one, else `default`); return the key for the widget."""
    saved = st.session_state.setdefault(_SAVED, {})
    if key not in st.session_state:
        st.session_state[key] = saved.get(key, default)
    return key


def save(*keys: str) -> None:
    """Mirror the current values of widgets into the plain dict (call after drawing them)."""
    saved = st.session_state.setdefault(_SAVED, {})
    for key in keys:
        if key in st.session_state:
            saved[key] = st.session_state[key]


def set_value(key: str, value: Any) -> None:
    """Set a remembered widget's value from code (before it is drawn, or in a callback)."""
    st.session_state[key] = value
    st.session_state.setdefault(_SAVED, {})[key] = value
