"""A list of tasks that stays live: while any is unfinished, the fragment that draws it listens for their changes
(components.listen) and reruns when one changes; the server's worker asks the provider. Only when no worker runs
(its heartbeat stale) does the fragment tick and poll the session's due tasks itself, as it used to."""

from __future__ import annotations

import time
from collections.abc import Callable

import streamlit as st

from components import following, listen, state
from components.session import SessionContext
from components.task_card import task_card
from components.task_words import STATE_BADGES
from components.text import literal
from components.trouble import store_trouble_shown
from components.viewer import viewer
from kie.models import Task
from kie.store import Store, TaskQuery

TICK_SECONDS = 1.0  # without a worker: this session polls its due tasks each tick
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


def await_next_answer(ctx: SessionContext, within: float) -> list[Task]:
    """If a followed task is due in the next `within` seconds, sleep until then and wait for its answer.

    Whoever polls (the server's worker, or this session when it claims the poll first), the redraw that
    follows shows the answer at once. Returns the tasks this session's own polls changed meanwhile.
    """
    followed = st.session_state.get(following.PENDING, ())
    now = time.time()
    tasks = [t for t in ctx.store.unfinished() if t.task_id in followed]
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
        current = ctx.store.get(task.task_id)
        if current is None or not current.needs_polling or (current.last_polled_at or 0.0) >= due:
            break  # answered (and its images cached when it ended)
        if current.next_poll_at <= time.time():
            changed += following.poll_pending(ctx.workspace, worker_follows=False)  # not claimed yet: try ourselves
        else:
            time.sleep(WAIT_STEP)  # claimed elsewhere: the answer is on its way
    return changed


def recent(store: Store, limit: int) -> list[Task]:
    """The latest `limit` pieces of work, a batch counting as one (its newest task stands for it; `live_tasks`
    draws it as the batch's line).

    Your own tasks and the batches are read apart (a batch by one grouped query), so a batch of hundreds never
    crowds your own work out, and a rerun reads only what it shows.
    """
    own = store.query(TaskQuery(in_batch=False), limit=limit)
    newest = [store.query(TaskQuery(batch_id=batch_id), limit=1) for batch_id in store.latest_batches(limit)]
    found = own + [found[0] for found in newest if found]
    found.sort(key=lambda task: (-task.created_at, task.task_id))
    return found[:limit]


def _open_batch(batch_id: str) -> None:
    state.set_value("gen_mode", "batch")
    st.session_state["batch_open"] = batch_id


def batch_line(ctx: SessionContext, batch_id: str, items: list[Task], key: str) -> None:
    """One line for a batch's tasks in a list of recent work: its name, how far it is, a way to it."""
    batch = ctx.store.batch(batch_id)
    total = batch.total if batch else len(items)
    done = ctx.store.count(TaskQuery(batch_id=batch_id, states=("success",)))
    failed = ctx.store.count(TaskQuery(batch_id=batch_id, states=("failed", "timed_out")))
    name = batch.name if batch else "A batch"
    with st.container(border=True, horizontal=True, vertical_alignment="center", key=f"batchline-{key}-{batch_id}"):
        st.markdown(":material/stacks: **Batch**", width="content")
        st.markdown(f"{literal(name, 80, one_line=True)} · {total} task{'s' if total != 1 else ''}: {done} done"
                    + (f", {failed} failed" if failed else ""), width="stretch")
        if done + failed < total:
            st.markdown(STATE_BADGES["pending"], width="content")
        st.button("Open", key=f"{key}-batch-{batch_id}", icon=":material/list:", on_click=_open_batch,
                  args=(batch_id,), help="Shows this batch under Batch, with all its pictures")


def live_tasks(ctx: SessionContext, load: Callable[[], list[Task]], *, key: str,
               draw: Callable[[SessionContext, Task, str], None] | None = None, empty: str = "",
               columns: int = 1, group_batches: bool = False) -> None:
    """Draw `load()`'s tasks; while anything of this workspace is unfinished, redraw when one of them changes.

    Only the fragment reruns while tasks progress; when one ends, the whole page reruns once so that everything
    (credits, lists) shows the result and the listening stops if nothing is left. With the server's worker alive
    the fragment only reads the store and has no tick: the listening component asks for its reruns (and for a
    safety rerun while its connection is down, components.listen); without one it ticks and polls this session's
    due tasks. With `group_batches`, a batch's tasks show as one line (see `recent`).
    """
    viewer(key)  # a click on a result picture opens it full screen
    running = ctx.store.has_unfinished()
    draw = draw or (lambda c, t, k: task_card(c, t, key=k))
    worker_follows = listen.worker_follows()
    tick = listen.LISTENING_RUN_EVERY if worker_follows else TICK_SECONDS
    if running and not worker_follows and CALLBACK_TICK_SECONDS < TICK_SECONDS:
        followed = st.session_state.get(following.PENDING, ())
        if any(t.follow == "callback" for t in ctx.store.unfinished() if t.task_id in followed):
            tick = CALLBACK_TICK_SECONDS

    page_run = [True]  # the first call is the page's own run: that one never waits (it would hold the page up)

    @st.fragment(run_every=tick if running else None)
    def panel() -> None:
        with store_trouble_shown(), listen.safety_through_trouble(key):  # a database restart: say so, retry
            draw_panel()

    def draw_panel() -> None:
        ended = False
        if running:
            waits = ALIGN_TO_POLLS and not worker_follows and not page_run[0]
            changed = await_next_answer(ctx, tick) if waits else []
            page_run[0] = False
            for task in changed + following.poll_pending(ctx.workspace, worker_follows=worker_follows):
                ended |= not task.needs_polling
        tasks = shown = load()
        if not tasks and empty:
            st.caption(empty)
        if group_batches:
            tasks = _grouped(ctx, tasks, key, draw)
        grid = st.container(key=f"grid-{key}") if columns > 1 else st.container()  # reflows when narrow
        for start in range(0, len(tasks), columns):
            row = grid.columns(columns) if columns > 1 else [grid.container()]
            for cell, task in zip(row, tasks[start:start + columns], strict=False):
                with cell:
                    draw(ctx, task, key)
        unfinished = ctx.store.unfinished() if running else []
        heard = _drawn(unfinished, shown)
        ended |= _ended_since_last_run(key, heard)
        if ended or (running and not unfinished):
            listen.rerun_page_once_shown()
        listen.listen_for(ctx, heard, key=key, safety_alone=running and worker_follows)

    panel()


def _drawn(unfinished: list[Task], shown: list[Task]) -> list[Task]:
    """The unfinished tasks this panel draws: those shown, and every task of a batch shown as one line (its counts).
    Other tasks of the workspace (another person's on a shared key, another page of History) rerun it only through
    the listener's safety net."""
    ids = {t.task_id for t in shown}
    batches = {t.batch_id for t in shown if t.batch_id}
    return [t for t in unfinished if t.task_id in ids or (t.batch_id and t.batch_id in batches)]


def _ended_since_last_run(key: str, unfinished: list[Task]) -> bool:
    """Whether a task this panel saw unfinished at its last run has ended since (here, by the worker, elsewhere)."""
    seen = st.session_state.setdefault("_live_unfinished", {})
    now = {t.task_id for t in unfinished}
    before, seen[key] = seen.get(key, set()), now
    return bool(before - now)


def _grouped(ctx: SessionContext, tasks: list[Task], key: str,
             draw: Callable[[SessionContext, Task, str], None]) -> list[Task]:
    """Draw the tasks in order, a batch as one line where its newest task is; nothing is left to draw after."""
    drawn: set[str] = set()
    for task in tasks:
        if not task.batch_id:
            draw(ctx, task, key)
        elif task.batch_id not in drawn:
            drawn.add(task.batch_id)
            batch_line(ctx, task.batch_id, [t for t in tasks if t.batch_id == task.batch_id], key)
    return []
