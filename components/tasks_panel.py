"""A list of tasks that stays live: a fragment polls due tasks while any is unfinished."""

from __future__ import annotations

import time
from collections.abc import Callable

import streamlit as st

from components import session
from components.session import StudioSession
from components.task_card import task_card
from kie.models import Task

TICK_SECONDS = 1.0
# While a followed task awaits its callback, nothing says when it will end: a faster tick halves the wait for
# the redraw after the callback (about twice the CPU of an open tab while it lasts; bench/server.py).
CALLBACK_TICK_SECONDS = 0.5
# Within a tick, wait for a poll due before the next tick and redraw right after its answer: the image shows
# up to a tick sooner at no extra tick (bench/server.py measures it). The wait is at most a tick plus ANSWER_WAIT.
ALIGN_TO_POLLS = True
ANSWER_WAIT = 2.0  # longest wait for a poll in flight elsewhere (record-info, then the image download)
WAIT_STEP = 0.02


def expected_answer_at(task: Task) -> float:
    """When the next answer about `task` is due: at once after a callback not yet polled, else its due time."""
    if task.callback_at and task.callback_at > (task.last_polled_at or 0.0):
        return task.callback_at
    return task.next_poll_at


def await_next_answer(conn: StudioSession, within: float) -> list[Task]:
    """If a followed task is due in the next `within` seconds, sleep until then and wait for its answer.

    Whoever polls (the server's worker, or this session when it claims the poll first), the redraw that
    follows shows the answer at once. Returns the tasks this session's own polls changed meanwhile.
    """
    following = st.session_state.get(session.PENDING, ())
    now = time.time()
    tasks = [t for t in conn.store.unfinished() if t.task_id in following]
    if not tasks:
        return []
    task = min(tasks, key=expected_answer_at)
    due = expected_answer_at(task)
    if due > now + within:
        return []
    time.sleep(max(0.0, due - now))
    changed: list[Task] = []
    give_up = time.time() + ANSWER_WAIT
    while time.time() < give_up:
        current = conn.store.get(task.task_id)
        if current is None or not current.needs_polling or (current.last_polled_at or 0.0) >= due:
            break  # answered (and its images cached when it ended)
        if current.next_poll_at <= time.time():
            changed += session.poll_pending(conn)  # nobody has claimed it yet: try ourselves
        else:
            time.sleep(WAIT_STEP)  # claimed elsewhere: the answer is on its way
    return changed


def live_tasks(conn: StudioSession, load: Callable[[], list[Task]], *, key: str,
               draw: Callable[[StudioSession, Task, str], None] | None = None, empty: str = "",
               columns: int = 1) -> None:
    """Draw `load()`'s tasks; while anything of this workspace is unfinished, poll and redraw each tick.

    Only the fragment reruns while tasks progress; when one ends, the whole page reruns once so
    that everything (credits, lists) shows the result and the ticking stops if nothing is left.
    """
    running = conn.store.has_unfinished()
    draw = draw or (lambda c, t, k: task_card(c, t, key=k))
    tick = TICK_SECONDS
    if running and CALLBACK_TICK_SECONDS < tick:
        following = st.session_state.get(session.PENDING, ())
        if any(t.follow == "callback" for t in conn.store.unfinished() if t.task_id in following):
            tick = CALLBACK_TICK_SECONDS

    page_run = [True]  # the first call is the page's own run: that one never waits (it would hold the page up)

    @st.fragment(run_every=tick if running else None)
    def panel() -> None:
        with session.store_trouble_shown():  # a database restart: say so, keep ticking, nothing lost
            draw_panel()

    def draw_panel() -> None:
        ended = False
        if running:
            changed = await_next_answer(conn, tick) if ALIGN_TO_POLLS and not page_run[0] else []
            page_run[0] = False
            for task in changed + session.poll_pending(conn):
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
