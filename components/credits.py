"""What this session's key has left and what an image costs, each worked out at most once a minute per session."""

from __future__ import annotations

import time

import streamlit as st

from components.session import SessionContext
from kie import errors
from kie.prices import Price, price_per_image

CREDITS_TTL = 60.0
_CREDITS, _ERROR, _PRICE = "_credits", "_credits_error", "_price"  # (workspace, when, value); the last refusal


def credits(ctx: SessionContext) -> float | None:
    """Remaining credits, asked at most once a minute per session (None when the service would not say)."""
    cached = st.session_state.get(_CREDITS)
    if cached and cached[0] == ctx.workspace_id and time.time() - cached[1] < CREDITS_TTL:
        return cached[2]
    try:
        value = ctx.client.credits()
    except errors.KieError as error:
        st.session_state[_ERROR] = error
        return None
    st.session_state.pop(_ERROR, None)
    st.session_state[_CREDITS] = (ctx.workspace_id, time.time(), value)
    return value


def credits_error() -> errors.KieError | None:
    """Why the last ask for the credits failed, if it did."""
    return st.session_state.get(_ERROR)


def forget_credits() -> None:
    """They just went down (a task was sent): ask again at the next look."""
    st.session_state.pop(_CREDITS, None)


def price(ctx: SessionContext) -> Price | None:
    """The price of one image for estimates (kie.prices), worked out at most once a minute per session."""
    cached = st.session_state.get(_PRICE)
    if cached and cached[0] == ctx.workspace_id and time.time() - cached[1] < CREDITS_TTL:
        return cached[2]
    found = price_per_image(ctx.workspace.store, ctx.mode)
    st.session_state[_PRICE] = (ctx.workspace_id, time.time(), found)
    return found
