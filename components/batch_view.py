"""Batches on Generate: each batch's progress in words (Sending, Generating n of m, Done), its pictures as they
come, a ZIP; pause, resume, cancel. Live while anything is queued, being sent or being made: the panel listens for
its tasks' changes (components.listen) while the server's worker sends and follows them; it ticks while items wait
to be sent (their sending is not a task's change), and without a worker it sends and polls itself each tick."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from components import following, listen, session
from components.credits import ended_since_last_run
from components.session import SessionContext
from components.text import literal, show_message
from components.thumbs import CARD_IMAGE_SIZE, picture, thumbnail
from components.trouble import store_trouble_shown
from components.viewer import large_copy, result_container, viewer
from components.workspace_actions import audit
from kie.export import zip_images
from kie.models import Task
from kie.store import Batch, BatchItem
from kie.task_states import STATE_WORDS, state_key

ITEM_WORDS = {"queued": "Queued", "sending": "Sending", "sent": "Sent", "unconfirmed": "Not confirmed",
              "failed": "Refused", "cancelled": "Cancelled"}
TICK_SECONDS = 1.0
ITEMS_PER_TICK = 2  # sent by this page per tick where no worker runs: Cancel and Pause are answered between them
GRID = 5
SHOWN_BATCHES = 10  # the newest; each card reads its items and tasks every tick while anything runs


@dataclass
class Progress:
    """Where a batch is, counted from its items and the tasks they made."""

    stage: str  # "sending", "generating", "done", "paused", "cancelled"
    total: int
    sent: int  # items that reached the service (or may have: unconfirmed)
    waiting: int  # items not sent yet
    done: int  # tasks with their pictures
    failed: int  # refused items and failed tasks
    making: int  # tasks still being made

    @property
    def ended(self) -> int:
        return self.done + self.failed


def progress_of(batch: Batch, tasks: list[Task]) -> Progress:
    """Sending while items wait; Generating while tasks are made; Done only when every task has ended."""
    making = sum(t.needs_polling for t in tasks)
    done = sum(t.state == "success" and not t.needs_polling for t in tasks)
    failed = batch.failed + sum(t.state in ("failed", "timed_out") and not t.needs_polling for t in tasks)
    waiting = batch.queued + batch.sending
    sent = batch.sent + batch.unconfirmed
    if batch.state in ("paused", "cancelled"):
        stage = batch.state
    elif waiting:
        stage = "sending"
    elif making:  # an item is counted sent only once its task is stored, so every sent task is here
        stage = "generating"
    else:
        stage = "done"
    return Progress(stage, batch.total, sent, waiting, done, failed, making)


def headline(p: Progress) -> tuple[str, str]:
    """The badge and the sentence under it."""
    counts = f"{p.done} done" + (f", {p.failed} failed" if p.failed else "")
    if p.stage == "sending":
        return ":blue-badge[:material/send: Sending]", f"Sent {p.sent} of {p.total}; {counts}."
    if p.stage == "generating":
        return (":blue-badge[:material/hourglass_top: Generating]",
                f"{p.making} of {p.total} being made; {counts}.")
    if p.stage == "paused":
        return ":orange-badge[:material/pause: Paused]", f"Sent {p.sent} of {p.total}; {counts}."
    if p.stage == "cancelled":
        more = f"; {p.making} still being made" if p.making else ""
        return (":grey-badge[:material/cancel: Cancelled]",
                f"Cancelled: {p.sent} of {p.total} had been sent before it; {counts}{more}.")
    return ":green-badge[:material/check: Done]", f"All {p.total} ended: {counts}."


def _set(ctx: SessionContext, batch_id: str, state: str) -> None:
    # Two presses can reach the server in one rerun (Resume, then Cancel at once), their callbacks in either order:
    # the store never leaves "cancelled", and only a change that happened goes to the audit log.
    if ctx.workspace.store.set_batch_state(batch_id, state):
        audit(ctx, f"batch {state}", batch_id)


def _advance(ctx: SessionContext) -> None:
    """Where no server worker runs (a plain script, tests), this session sends and follows the batch itself, a few
    items a tick so that a press of Cancel is handled before the rest would go."""
    service = session.service()
    if not listen.worker_follows():
        service.batches.send_due(ctx.workspace.for_person(None), max_items=ITEMS_PER_TICK)
        ctx.workspace.for_person(None).poll_due()


def _tasks(ctx: SessionContext, items: list[BatchItem]) -> list[Task]:
    return [t for t in (ctx.store.get(i.task_id) for i in items if i.task_id) if t]


def batch_card(ctx: SessionContext, batch: Batch, key: str) -> Progress:
    """One batch: its stage in words, its counts, its controls and its pictures as they come."""
    items = ctx.store.batch_items(batch.id)
    tasks = _tasks(ctx, items)
    p = progress_of(batch, tasks)
    badge, sentence = headline(p)
    with st.container(border=True, key=f"batchcard-{batch.id}"):
        with st.container(horizontal=True, vertical_alignment="top"):
            st.markdown(f"**{literal(batch.name, one_line=True)}** · {batch.total} tasks", width="stretch")
            st.markdown(badge, width="content")
        st.progress(p.ended / max(p.total, 1), text=sentence)
        if batch.message and p.stage == "paused":
            show_message(batch.message, "warning", icon=":material/pause_circle:")
        with st.container(horizontal=True, gap="small"):
            # Pause and Resume are one button (one key, one place): were they two, the row would change shape on
            # Resume, and a Cancel pressed before the page had redrawn hit a leftover button and was lost (issue 21).
            if p.stage == "paused" or (batch.state == "running" and p.waiting):
                paused = p.stage == "paused"
                st.button("Resume" if paused else "Pause", key=f"{key}-pause",
                          icon=":material/play_arrow:" if paused else ":material/pause:", on_click=_set,
                          args=(ctx, batch.id, "running" if paused else "paused"))
            if batch.state in ("running", "paused") and p.waiting:
                st.button("Cancel", key=f"{key}-cancel", icon=":material/cancel:", on_click=_set,
                          args=(ctx, batch.id, "cancelled"), help="Stops the tasks not sent yet.")
            finished = [t for t in tasks if t.images]
            if finished:
                st.download_button("Results (ZIP)", lambda: zip_images(ctx.store, finished),
                                   file_name=f"{batch.name[:40] or 'batch'}.zip".replace("/", "-"),
                                   mime="application/zip", icon=":material/folder_zip:", on_click="ignore",
                                   key=f"{key}-zip")
            opened = st.session_state.get("batch_open") == batch.id
            if st.button("Hide the list" if opened else "List of prompts", key=f"{key}-open", icon=":material/list:"):
                st.session_state["batch_open"] = None if opened else batch.id
                st.rerun(scope="app")
        pictures(ctx, batch, items, tasks, key)
        if opened:
            batch_detail(items, tasks)
    return p


def pictures(ctx: SessionContext, batch: Batch, items: list[BatchItem], tasks: list[Task], key: str) -> None:
    """The batch's pictures, in prompt order, without a click (the first rows; the ZIP has them all)."""
    by_id = {t.task_id: t for t in tasks}
    shown = [by_id[i.task_id] for i in items if i.task_id in by_id][:GRID * 4]
    if not shown:
        return
    # A row of columns per GRID pictures: when the columns stack (a narrow window) they still read in prompt order
    # (one set of columns for all would stack the first column's pictures, 1, 5, 9..., before the second's).
    for start in range(0, len(shown), GRID):
        for cell, task in zip(st.columns(GRID), shown[start:start + GRID], strict=False):
            with cell:
                _picture(ctx, task, key)


def _picture(ctx: SessionContext, task: Task, key: str) -> None:
    if task.images:
        with result_container(f"{key}-{task.task_id}", 0):
            picture(thumbnail(ctx.store, task, task.images[0], 256), width="stretch")
            large_copy(thumbnail(ctx.store, task, task.images[0], CARD_IMAGE_SIZE), task.prompt,
                       key=f"{key}-{task.task_id}-0")  # the viewer's copy, fetched when opened
    else:
        st.caption(f":grey[{STATE_WORDS[state_key(task)]}…]" if task.needs_polling else
                   f":red[{STATE_WORDS[state_key(task)]}]")
    st.caption(literal(task.prompt or "", 60))


def batch_detail(items: list[BatchItem], tasks: list[Task]) -> None:
    by_id = {t.task_id: t for t in tasks}
    rows = [{"#": i.position + 1, "prompt": i.request.get("prompt", ""), "sending": ITEM_WORDS[i.state],
             "picture": (STATE_WORDS[state_key(by_id[i.task_id])] if i.task_id in by_id else ""),
             "note": i.error or ""} for i in items]
    st.dataframe(rows, hide_index=True, width="stretch", height=min(400, 38 + 35 * len(rows)))


def batches(ctx: SessionContext) -> None:
    """The person's recent batches, live while one is being sent or made."""
    viewer("batches")

    def anything_open() -> bool:
        """Something to send or still being made (read cheaply: counts, then item lists only while tasks run)."""
        unfinished = {t.task_id for t in ctx.store.unfinished()}
        for batch in ctx.store.batches(limit=SHOWN_BATCHES):
            if batch.state == "running" and batch.queued + batch.sending:
                return True
            if unfinished and any(i.task_id in unfinished for i in ctx.store.batch_items(batch.id)):
                return True
        return False

    running = anything_open()
    sending = any(b.state == "running" and b.queued + b.sending for b in ctx.store.batches(limit=SHOWN_BATCHES))
    tick = TICK_SECONDS if sending or not listen.worker_follows() else listen.LISTENING_RUN_EVERY

    page_run = [True]  # the first call is the page's own run: the sidebar was drawn with what it reads

    @st.fragment(run_every=tick if running else None)
    def panel() -> None:
        with store_trouble_shown(), listen.safety_through_trouble("batches"):  # no tick: its net retries
            draw()
        page_run[0] = False

    def draw() -> None:
        if running:
            _advance(ctx)
            following.note_ended(ctx.workspace.store)
        found = ctx.store.batches(limit=SHOWN_BATCHES)
        if not found:
            st.caption("No batches yet: queue one above.")
        for batch in found:
            batch_card(ctx, batch, key=f"batch-{batch.id}")
        unfinished = ctx.store.unfinished() if running else []
        # A task ended: the page reruns once so that Credits left (outside this fragment) shows its balance now, once
        # the browser has shown the new picture (components.listen).
        ended = ended_since_last_run(st.session_state, "batches", [t.task_id for t in unfinished])
        if ended and not page_run[0]:
            listen.rerun_page_once_shown()
        if anything_open() != running:
            st.rerun(scope="app")  # start ticking (queued, resumed) or stop (all ended): the same test both ways
        if running:
            listen.listen_for(ctx, unfinished, key="batches")

    panel()
