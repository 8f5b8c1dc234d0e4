"""What this session's key has left and what an image costs, each worked out at most once a minute per session; what
is left is asked again as soon as a task of this history starts or ends (a task, a batch's, a tool's), so *Credits
left* follows the work without waiting for the minute or a page change."""

from __future__ import annotations

import time
from collections.abc import Iterable, MutableMapping
from typing import Any

import streamlit as st

from components.session import SessionContext
from kie import errors
from kie.prices import Price, price_per_image

CREDITS_TTL = 60.0
# (workspace, when, value, the open tasks then); the last refusal; (workspace, when, price)
_CREDITS, _ERROR, _PRICE = "_credits", "_credits_error", "_price"
_SEEN_UNFINISHED = "_credits_seen_unfinished"  # fragment key -> the unfinished task ids it drew last


def open_tasks(ctx: SessionContext) -> tuple[str, ...]:
    """The ids of this history's unfinished tasks (one indexed lookup): when they change, a task started or ended."""
    return tuple(sorted(task.task_id for task in ctx.store.unfinished()))


def credits(ctx: SessionContext) -> float | None:
    """Remaining credits, asked at most once a minute per session, and again whenever a task of this history has
    started or ended since the last ask (None when the service would not say)."""
    cached = st.session_state.get(_CREDITS)
    now_open = open_tasks(ctx)
    if cached and cached[0] == ctx.workspace_id and time.time() - cached[1] < CREDITS_TTL and cached[3] == now_open:
        return cached[2]
    try:
        value = ctx.client.credits()
    except errors.KieError as error:
        st.session_state[_ERROR] = error
        return None
    st.session_state.pop(_ERROR, None)
    st.session_state[_CREDITS] = (ctx.workspace_id, time.time(), value, now_open)
    return value


def ended_since_last_run(state: MutableMapping[str, Any], key: str, unfinished: Iterable[str]) -> bool:
    """Whether a task a fragment (`key`) saw unfinished at its last run has ended since, and note what it sees now.
    A fragment that draws tasks reruns alone while they progress; *Credits left*, outside it, is asked again only
    when the page runs with a changed set of unfinished tasks (`credits`), so on a `True` here the fragment reruns
    the page once (a batch's task ended: its balance is shown without waiting for the batch's end)."""
    seen = state.setdefault(_SEEN_UNFINISHED, {})
    now = frozenset(unfinished)
    before, seen[key] = seen.get(key, frozenset()), now
    return bool(before - now)


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
