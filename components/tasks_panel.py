"""A list of tasks that stays live: a fragment polls due tasks while any is unfinished."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components import session
from components.session import Connection
from components.task_card import task_card
from kie.models import Task

TICK_SECONDS = 1.0


def live_tasks(conn: Connection, load: Callable[[], list[Task]], *, key: str,
               draw: Callable[[Connection, Task, str], None] | None = None, empty: str = "",
               columns: int = 1) -> None:
    """Draw `load()`'s tasks; while anything of this workspace is unfinished, poll and redraw each second.

    Only the fragment reruns while tasks progress; when one ends, the whole page reruns once so
    that everything (credits, lists) shows the result and the ticking stops if nothing is left.
    """
    running = conn.store.has_unfinished()
    draw = draw or (lambda c, t, k: task_card(c, t, key=k))

    @st.fragment(run_every=TICK_SECONDS if running else None)
    def panel() -> None:
        ended = False
        if running:
            for task in session.poll_pending(conn):
                ended |= not task.needs_polling
        tasks = load()
        if not tasks and empty:
            st.caption(empty)
        for start in range(0, len(tasks), columns):
            row = st.columns(columns) if columns > 1 else [st.container()]
            for cell, task in zip(row, tasks[start:start + columns], strict=False):
                with cell:
                    draw(conn, task, key)
        if ended or (running and not conn.store.has_unfinished()):
            st.rerun(scope="app")

    panel()
