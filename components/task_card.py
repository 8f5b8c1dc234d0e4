"""One task as a card: what was asked, its state, its pictures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path

import streamlit as st

from components import session
from components.before_after import before_after
from components.session import StudioSession
from components.text import code, literal, task_href
from kie.errors import task_failure_message
from kie.export import image_download, image_file_name
from kie.images import thumbnail_jpeg
from kie.models import KIND_LABELS, Task
from kie.prices import task_cost
from kie.store import Store

STATE_BADGES = {
    "pending": ":blue-badge[:material/hourglass_top: Generating]",
    "success": ":green-badge[:material/check: Done]",
    "failed": ":red-badge[:material/error: Failed]",
    "timed_out": ":orange-badge[:material/schedule: Timed out]",
}


FOLLOW_NOTES = {
    "callback": ":material/notifications_active: Callback expected: the service will call this server when it "
                "ends (polled slowly meanwhile, in case the call is lost).",
    "polling": ":material/sync: Polling: the app asks the service for news.",
}


def cost_label(conn: StudioSession, task: Task) -> str:
    """" · 3 credits" when measured, " · about 3 credits (estimate)" from the price table, "" when unknown."""
    cost, estimated = task_cost(task, session.price(conn))
    if cost is None:
        return ""
    return f" · about {cost:g} credits (estimate)" if estimated else f" · {cost:g} credits"


def when(ts: float | None) -> str:
    return datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M") if ts else "—"


def thumbnail(store: Store, task: Task, name: str, size: int = 512) -> Path | None:
    """The cached thumbnail of a result image, made once; None if the image has left the cache."""
    return cached_thumbnail(store, task.task_id, f"{size}-{name}", partial(store.image_path, task.task_id, name), size)


def input_thumbnail(store: Store, name: str, size: int = 512) -> Path | None:
    """The cached thumbnail of an input picture (an edit's source or mask, a reference)."""
    return cached_thumbnail(store, "inputs", f"{size}-{name}", partial(store.input_path, name), size)


def cached_thumbnail(store: Store, folder: str, name: str, source: Callable[[], Path], size: int) -> Path | None:
    """A thumbnail made once and kept through the store (an object store shares it with every replica)."""
    thumb = store.thumb_path(folder, name)
    if thumb.exists():
        return thumb  # the full image is not even fetched
    path = source()
    if not path.exists():
        return None  # removed from the disk by hand: say so rather than fail the page
    return store.save_thumb(folder, name, thumbnail_jpeg(path.read_bytes(), size))


MISSING = "This image is no longer in the local cache."


def picture(path: Path | None, **kwargs) -> None:
    """An image from the cache, or a note that it is gone."""
    if path is None or not path.exists():
        st.caption(f":grey[{MISSING}]")
    else:
        st.image(str(path), **kwargs)


def images_grid(conn: StudioSession, task: Task, *, key: str, columns: int = 4) -> None:
    cols = st.columns(columns)
    for index, name in enumerate(task.images):
        with cols[index % len(cols)]:
            thumb = thumbnail(conn.store, task, name)
            picture(thumb, width="stretch")
            if thumb is None:
                continue
            st.download_button(
                "Download PNG", partial(image_download, conn.store, task, index),
                file_name=image_file_name(task, index), mime="image/png", icon=":material/download:",
                key=f"{key}-dl-{task.task_id}-{index}", on_click="ignore",
            )


def edit_results(conn: StudioSession, task: Task, *, key: str) -> None:
    """An edit's results, each as a before/after slider over the source, with its download and the mask on demand."""
    source = conn.store.input_path(task.inputs["source"]) if task.inputs.get("source") else None
    for index, name in enumerate(task.images):
        path = conn.store.image_path(task.task_id, name)
        if source is None or not source.exists() or not path.exists():
            picture(thumbnail(conn.store, task, name), width="stretch")
        else:
            before_after(source, path, key=f"{key}-ba-{task.task_id}-{index}")
        if path.exists():
            st.download_button("Download PNG", partial(image_download, conn.store, task, index),
                               file_name=image_file_name(task, index), mime="image/png", icon=":material/download:",
                               key=f"{key}-dl-{task.task_id}-{index}", on_click="ignore")
    if task.inputs.get("mask") and st.toggle("Show mask", key=f"{key}-mask-{task.task_id}"):
        picture(input_thumbnail(conn.store, task.inputs["mask"], 256), caption="Mask: black changes, white stays",
                width=200)


def task_status(conn: StudioSession, task: Task, key: str, *, verb: str = "Generating") -> bool:
    """Draw a task's progress, failure or time-out; False when it is done with its pictures cached."""
    if task.state == "pending":
        st.progress(task.progress, text=f"{verb}… {task.progress:.0%}")
        st.caption(FOLLOW_NOTES[task.follow])
        if task.error_message:
            st.caption(f":orange[{literal(task.error_message)}]")
    elif task.state == "success" and task.needs_polling:
        st.progress(1.0, text="Done: fetching the pictures…")
    elif task.state == "failed":
        code = f" (error code {task.error_code})" if task.error_code else ""
        st.error(literal(task_failure_message(task.error_code, task.error_message) + code), icon=":material/error:")
    elif task.state == "timed_out":
        deadline = conn.studio.policy.deadline
        span = f"{deadline / 60:g} minutes" if deadline >= 120 else f"{deadline:g} seconds"
        st.warning(f"No answer after {span}. The task may still finish: keep waiting, or look again later.",
                   icon=":material/schedule:")
        if st.button("Keep waiting", key=f"{key}-wait-{task.task_id}", icon=":material/refresh:"):
            conn.studio.keep_waiting(task.task_id)
            session.follow(task.task_id)
            st.rerun(scope="app")
    else:
        return False
    return True


def task_card(conn: StudioSession, task: Task, *, key: str) -> None:
    """Draw a task: header, then progress, pictures or the reason it failed."""
    session.shown(task.task_id)
    with st.container(border=True):
        head, badge = st.columns([5, 1])
        prompt = task.prompt or "(no prompt: from reference images)"
        head.markdown(f"**{KIND_LABELS.get(task.kind, task.kind)}** · {literal(task.request.size)} · "
                      f"{task.request.n_variants} image{'s' if task.request.n_variants > 1 else ''}"
                      f"{cost_label(conn, task)}  \n{literal(prompt, 301)}")
        badge.markdown(STATE_BADGES.get(task.state, task.state))
        if not task_status(conn, task, key):
            images_grid(conn, task, key=key)
        st.caption(f"Task {code(task.task_id)} · submitted {when(task.created_at)} · "
                   f"[details]({task_href(task.task_id)})")
