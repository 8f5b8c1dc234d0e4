"""Batches on Generate: each batch's progress, its items and their states, a grid of results, a ZIP; pause,
resume, cancel. Live while anything is queued or running (the server's worker sends; without one, this page)."""

from __future__ import annotations

import streamlit as st

from components import session
from components.session import StudioSession
from components.task_card import picture, thumbnail
from components.text import literal, show_message
from kie.export import zip_images
from kie.store import Batch

STATE_LABELS = {"running": ":blue-badge[Running]", "paused": ":orange-badge[Paused]",
                "cancelled": ":grey-badge[Cancelled]", "done": ":green-badge[Done]"}
ITEM_LABELS = {"queued": "waiting", "sending": "sending", "sent": "sent", "unconfirmed": "unconfirmed",
               "failed": "refused", "cancelled": "cancelled"}
TICK_SECONDS = 1.0


def _state(batch: Batch) -> str:
    open_items = batch.queued + batch.sending
    return "done" if batch.state == "running" and not open_items else batch.state


def _set(conn: StudioSession, batch_id: str, state: str) -> None:
    conn.studio.store.set_batch_state(batch_id, state)
    session.audit(conn, f"batch {state}", batch_id)


def _advance(conn: StudioSession) -> None:
    """Where no server worker runs (a plain script, tests), this session sends and follows the batch itself."""
    service = session.service()
    if service.worker is None or not service.worker.alive:
        service.batches.send_due(conn.studio.for_person(None))
        conn.studio.for_person(None).poll_due()


def batch_card(conn: StudioSession, batch: Batch, key: str) -> None:
    state = _state(batch)
    with st.container(border=True):
        head, badge = st.columns([5, 1])
        done = batch.sent + batch.unconfirmed + batch.failed + batch.cancelled
        head.markdown(f"**{literal(batch.name, one_line=True)}** · {batch.total} tasks")
        badge.markdown(STATE_LABELS.get(state, state))
        st.progress(done / max(batch.total, 1), text=", ".join(
            f"{batch.count(s)} {label}" for s, label in ITEM_LABELS.items() if batch.count(s)))
        if batch.message and state == "paused":
            show_message(batch.message, "warning", icon=":material/pause_circle:")
        cols = st.columns(4)
        if state == "running":
            cols[0].button("Pause", key=f"{key}-pause", icon=":material/pause:", on_click=_set,
                           args=(conn, batch.id, "paused"))
        elif state == "paused":
            cols[0].button("Resume", key=f"{key}-resume", icon=":material/play_arrow:", on_click=_set,
                           args=(conn, batch.id, "running"))
        if state in ("running", "paused"):
            cols[1].button("Cancel", key=f"{key}-cancel", icon=":material/cancel:", on_click=_set,
                           args=(conn, batch.id, "cancelled"), help="Stops the tasks not sent yet.")
        opened = st.session_state.get("batch_open") == batch.id
        if cols[2].button("Hide" if opened else "Open", key=f"{key}-open", icon=":material/list:"):
            st.session_state["batch_open"] = None if opened else batch.id
            st.rerun(scope="app")
        if opened:
            batch_detail(conn, batch, key)


def batch_detail(conn: StudioSession, batch: Batch, key: str) -> None:
    items = conn.store.batch_items(batch.id)
    tasks = [t for t in (conn.store.get(i.task_id) for i in items if i.task_id) if t]
    by_id = {t.task_id: t for t in tasks}
    rows = [{"#": i.position + 1, "prompt": i.request.get("prompt", ""), "state": ITEM_LABELS[i.state],
             "task": (by_id[i.task_id].state if i.task_id in by_id else ""), "note": i.error or ""}
            for i in items]
    st.dataframe(rows, hide_index=True, width="stretch", height=min(400, 38 + 35 * len(rows)))
    finished = [t for t in tasks if t.images]
    if finished:
        st.download_button("Results (ZIP)", lambda: zip_images(conn.store, finished),
                           file_name=f"{batch.name[:40] or 'batch'}.zip".replace("/", "-"), mime="application/zip",
                           icon=":material/folder_zip:", on_click="ignore", key=f"{key}-zip")
        cols = st.columns(6)
        for n, task in enumerate(finished):
            with cols[n % 6]:
                picture(thumbnail(conn.store, task, task.images[0], 256), width="stretch",
                        caption=literal(task.prompt, 60))


def batches(conn: StudioSession) -> None:
    """The person's recent batches, live while one is sending."""
    running = any(_state(b) == "running" for b in conn.store.batches())

    @st.fragment(run_every=TICK_SECONDS if running else None)
    def panel() -> None:
        with session.store_trouble_shown():
            draw()

    def draw() -> None:
        if running:
            _advance(conn)
        found = conn.store.batches()
        if not found:
            st.caption("No batches yet: queue one above.")
        for batch in found:
            batch_card(conn, batch, key=f"batch-{batch.id}")
        if running and not any(_state(b) == "running" for b in found):
            st.rerun(scope="app")

    panel()
