"""A notice when a task this session follows ends while the person is on a page that does not show it. The sidebar's
fragment listens for the followed tasks' changes (components.listen); it ticks and polls only without a worker."""

from __future__ import annotations

import streamlit as st

from components import following, listen
from components.layout import fit_style
from components.session import SessionContext
from components.text import literal
from components.trouble import store_trouble_shown
from kie import figures

TICK_SECONDS = 2.0  # without a worker: this session polls its followed tasks each tick
QUIET_PAGES = ("showcase",)  # a live demo: nothing pops up over the slides


def finished_tasks(ctx: SessionContext) -> None:
    """Listen for the followed tasks' changes (polling them where no server worker does) and toast each one that
    ends on a page that does not show it."""
    followed = st.session_state.get(following.PENDING) or set()
    fit_style()  # every page runs this: the layout rules apply everywhere
    worker_follows = listen.worker_follows() if followed else True
    tick = listen.LISTENING_RUN_EVERY if worker_follows else TICK_SECONDS

    @st.fragment(run_every=tick if followed else None)
    def watch() -> None:
        with store_trouble_shown(), listen.safety_through_trouble("notice"):
            announce()

    def announce() -> None:
        following.poll_pending(ctx.workspace, worker_follows=worker_follows)  # notes the ended ones
        pending: set[str] = st.session_state.setdefault(following.PENDING, set())
        page = st.session_state.get(following.PAGE, "")
        on_page = st.session_state.get(following.SHOWN, {}).get(page, set())
        if page_run_needed(followed, pending, st.session_state.get(following.ENDED, []), on_page):
            st.rerun(scope="app")
        listen.listen_for(ctx, [t for t in map(ctx.workspace.store.get, sorted(pending)) if t], key="notice",
                          safety_alone=bool(pending) and worker_follows, ends_only=True)  # it toasts ends only
        if page in QUIET_PAGES:
            return  # no notice over the slides; they are told when the person leaves the Showcase
        for task_id in st.session_state.pop(following.ENDED, []):
            task = ctx.store.get(task_id)
            if task is None or task_id in on_page:
                continue
            prompt = literal(figures.title(ctx.store, task), 60, one_line=True)  # a tool's: what it made, of what
            if task.state == "success":
                st.toast(f"Done: “{prompt}”. See it in History.", icon=":material/check_circle:")
            else:
                st.toast(f"Ended without images: “{prompt}”. History says why.", icon=":material/error:")

    watch()


def page_run_needed(followed: set[str], pending: set[str], ended: list[str], on_page: set[str]) -> bool:
    """Whether the notice starts the page's whole run: the last task it listened for has ended (the page then stops
    listening, and its credits and lists show the end), unless this page draws every task that ended. Its panel
    starts that run itself once the new picture is shown; one started here first would take the panel's run into it
    and hold the picture back behind the whole page."""
    return bool(followed) and not pending and not set(ended) <= on_page
