"""Compare's one shape for every model: a shared aspect ratio, and what each chosen model is asked for (its nearest
value, from kie.shapes), said where a model cannot follow exactly: "GPT-4o Image: 3:2 (nearest to 16:9)"."""

from __future__ import annotations

import streamlit as st

from components import state
from kie.shapes import DEFAULT_RATIO, SHARED_RATIOS, ShapeChoice

SHAPE = "cmp_shape"  # the shared aspect ratio's widget


def shape_control() -> str:
    """The shared aspect ratio (one of kie.shapes.SHARED_RATIOS); returns it."""
    key = state.remember(SHAPE, DEFAULT_RATIO)
    if st.session_state[key] not in SHARED_RATIOS:  # a value from an older version of the list
        st.session_state[key] = DEFAULT_RATIO
    st.segmented_control("Aspect ratio (every model)", list(SHARED_RATIOS), key=key, required=True,
                         help="Every model is asked for this shape, or the nearest one it makes, so the pictures "
                              "compare side by side.")
    state.save(key)
    return st.session_state[key]


def shape_notes(choices: list[ShapeChoice]) -> None:
    """What each model is asked for, in one line; the ones that cannot follow exactly say their nearest."""
    if choices:
        exact = all(c.exact for c in choices)
        icon = ":material/check:" if exact else ":material/info:"
        st.caption(f"{icon} " + " · ".join(c.words for c in choices))
