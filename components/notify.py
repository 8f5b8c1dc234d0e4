"""A notice when a task this session follows ends while the person is on a page that does not show it."""

from __future__ import annotations

import streamlit as st

from components import following
from components.layout import fit_style
from components.session import SessionContext
from components.text import literal
from components.trouble import store_trouble_shown

TICK_SECONDS = 2.0
QUIET_PAGES = ("showcase",)  # a live demo: nothing pops up over the slides


def finished_tasks(ctx: SessionContext) -> None:
    """Watch the followed tasks (polling them where no server worker does) and toast each one that ends."""
    followed = st.session_state.get(following.PENDING) or set()
    fit_style()  # every page runs this: the layout rules apply everywhere

    @st.fragment(run_every=TICK_SECONDS if followed else None)
    def watch() -> None:
        with store_trouble_shown():
            announce()

    def announce() -> None:
        following.poll_pending(ctx.workspace)
        pending: set[str] = st.session_state.setdefault(following.PENDING, set())
        for task_id in list(pending):  # ended through the worker or another tab
            task = ctx.store.get(task_id)
            if task is None or not task.needs_polling:
                pending.discard(task_id)
                st.session_state.setdefault(following.ENDED, []).append(task_id)
        page = st.session_state.get(following.PAGE, "")
        if page in QUIET_PAGES:
            if not pending and followed:
                st.rerun(scope="app")  # stop ticking
            return  # no notice over the slides; they are told when the person leaves the Showcase
        on_page = st.session_state.get(following.SHOWN, {}).get(page, set())
        for task_id in st.session_state.pop(following.ENDED, []):
            task = ctx.store.get(task_id)
            if task is None or task_id in on_page:
                continue
            prompt = literal(task.prompt or "a task from references", 60, one_line=True)
            if task.state == "success":
                st.toast(f"Done: “{prompt}”. See it in History.", icon=":material/check_circle:")
            else:
                st.toast(f"Ended without images: “{prompt}”. History says why.", icon=":material/error:")
        if not pending and followed:
            st.rerun(scope="app")  # stop ticking

    watch()
