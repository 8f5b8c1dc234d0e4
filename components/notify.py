"""A notice when a task this session follows ends while the person is on a page that does not show it."""

from __future__ import annotations

import streamlit as st

from components import session
from components.layout import fit_style
from components.session import SessionContext
from components.text import literal

TICK_SECONDS = 2.0
QUIET_PAGES = ("showcase",)  # a live demo: nothing pops up over the slides


def finished_tasks(ctx: SessionContext) -> None:
    """Watch the followed tasks (polling them where no server worker does) and toast each one that ends."""
    following = st.session_state.get(session.PENDING) or set()
    fit_style()  # every page runs this: the layout rules apply everywhere

    @st.fragment(run_every=TICK_SECONDS if following else None)
    def watch() -> None:
        with session.store_trouble_shown():
            announce()

    def announce() -> None:
        session.poll_pending(ctx)
        pending: set[str] = st.session_state.setdefault(session.PENDING, set())
        for task_id in list(pending):  # ended through the worker or another tab
            task = ctx.store.get(task_id)
            if task is None or not task.needs_polling:
                pending.discard(task_id)
                st.session_state.setdefault(session.ENDED, []).append(task_id)
        page = st.session_state.get(session.PAGE, "")
        if page in QUIET_PAGES:
            if not pending and following:
                st.rerun(scope="app")  # stop ticking
            return  # no notice over the slides; they are told when the person leaves the Showcase
        on_page = st.session_state.get(session.SHOWN, {}).get(page, set())
        for task_id in st.session_state.pop(session.ENDED, []):
            task = ctx.store.get(task_id)
            if task is None or task_id in on_page:
                continue
            prompt = literal(task.prompt or "a task from references", 60, one_line=True)
            if task.state == "success":
                st.toast(f"Done: “{prompt}”. See it in History.", icon=":material/check_circle:")
            else:
                st.toast(f"Ended without images: “{prompt}”. History says why.", icon=":material/error:")
        if not pending and following:
            st.rerun(scope="app")  # stop ticking

    watch()
