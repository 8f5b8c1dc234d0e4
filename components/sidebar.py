"""The sidebar of every page: mode, API key, remaining credits."""

from __future__ import annotations

import streamlit as st

from components import session, sign_in
from components.credits import credits, credits_error
from components.text import literal
from kie import figures


def _take_key() -> None:
    # Kept in a plain entry too: widget values can vanish on a page switch (streamlit issue 10805).
    st.session_state["_api_key"] = (st.session_state.get(session.KEY_FIELD) or "").strip()


def render() -> session.SessionContext:
    if session.KEY_FIELD not in st.session_state and st.session_state.get("_api_key"):
        st.session_state[session.KEY_FIELD] = st.session_state["_api_key"]
    with st.sidebar:
        st.text_input(
            "API key", type="password", key=session.KEY_FIELD, on_change=_take_key,
            placeholder="Paste a kie.ai key for live mode",
            help="Kept only in this browser session: never written to disk, logs or the URL. "
                 "Leave empty to use the built-in simulator.",
        )
        ctx = session.context()
        if ctx.person is not None:
            budgets = ctx.workspace.budgets
            used = budgets.used_today(ctx.person.id) if budgets else 0
            sign_in.sidebar(ctx.person, used, budgets.limit_for(ctx.person.id) if budgets else 0)
        if ctx.mode == "demo":
            st.info("**Demo: simulated images**  \nNo API key: the built-in simulator makes the pictures.",
                    icon=":material/science:")
        else:
            st.success(f"**{literal(ctx.label)}**", icon=":material/cloud_done:")
        credit = credits(ctx)
        if credit is not None:
            st.metric("Credits left", figures.number(credit))  # as every figure reads (kie.figures)
        elif error := credits_error():
            st.warning(f"Credits unavailable: {literal(error.message)} {error.hint}", icon=":material/warning:")
    return ctx
