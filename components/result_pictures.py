"""A task's result pictures, as large as the window allows (a click opens the viewer), each with its actions; an
edit's as before/after sliders over its source. Each picture fits the window's height (components/layout.py's
rules for the `pictures-` containers drawn here), so a card is seen whole with its actions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from components.before_after import PREVIEW_MAX_SIDE, before_after
from components.layout import RESULT_HEIGHT, key_class
from components.result_actions import result_actions, task_actions
from components.see_through import checker_behind
from components.session import SessionContext
from components.thumbs import CARD_IMAGE_SIZE, input_thumbnail, picture, shown, thumbnail
from components.viewer import large_copy, result_container
from kie.models import Task
from kie.thumbnails import Unshowable, size_of

OnSent = Callable[[Task], None] | None  # told of a task Vary or Run again sent from a picture's actions


def result_picture(ctx: SessionContext, task: Task, index: int, key: str, on_sent: OnSent = None, *,
                   compact: bool = False) -> None:
    """One result, large (the column's width, within the window's height; a click opens the viewer), with its
    actions under it (`compact`: one of several, see `result_actions`)."""
    name = task.images[index]
    with result_container(f"{key}-{task.task_id}", index):
        thumb = thumbnail(ctx.store, task, name, CARD_IMAGE_SIZE)
        picture(thumb, width="stretch")
        checker_behind(f"result-{key}-{task.task_id}-{index}", thumb)  # only behind a picture with transparency
        large_copy(None, task.prompt, key=f"{key}-{task.task_id}-{index}")  # the viewer's caption; this copy is large
    result_actions(ctx, task, index, key, usable=shown(thumb),  # without a picture: only what needs none
                   on_sent=on_sent, compact=compact)


def images_grid(ctx: SessionContext, task: Task, *, key: str, columns: int = 2, on_sent: OnSent = None) -> None:
    """The task's pictures, large: one fills the card, several share it in rows of two (three or more share the
    window's height too), each with its own actions and the task's (Run again, Star) once under them all."""
    count = len(task.images)
    with st.container(key=f"pictures-{'shared-' if count > 2 else ''}{key}-{task.task_id}"):
        cols = st.columns(min(columns, count)) if count > 1 else [st.container()]
        for index in range(count):
            with cols[index % len(cols)]:
                result_picture(ctx, task, index, key, on_sent, compact=count > 1)
    if count > 1:
        task_actions(ctx, task, key, on_sent)


def _slider_frame(key: str, source: Path) -> None:
    """The style that keeps a slider's frame within the window's height: no wider than that height times its
    picture's shape (the frame takes its width and the shape of its "before" picture)."""
    try:
        width, height = size_of(source)
    except Unshowable:
        return
    st.html(f"<style>.{key_class(key)} {{max-width: calc({RESULT_HEIGHT}vh * {width / height:.4f}); "
            "margin: 0 auto;}</style>")


def edit_results(ctx: SessionContext, task: Task, *, key: str, on_sent: OnSent = None) -> None:
    """An edit's results, each as a before/after slider over the source (within the window's height), with its
    actions and the mask on demand."""
    # The slider shows kept small copies (made once), never the stored files themselves: a large or damaged one
    # costs nothing per view, and either side that cannot be shown leaves the result drawn on its own.
    source = input_thumbnail(ctx.store, task.inputs["source"], PREVIEW_MAX_SIDE) if task.inputs.get("source") else None
    if source is not None and not shown(source):
        picture(source, caption="Before")  # why there is no slider: the source's sentence
    for index, name in enumerate(task.images):
        after = thumbnail(ctx.store, task, name, PREVIEW_MAX_SIDE)
        if not (shown(source) and shown(after)):
            with st.container(key=f"pictures-{key}-{task.task_id}-{index}"):
                result_picture(ctx, task, index, key, on_sent)
            continue
        frame = f"pictures-ba-{key}-{task.task_id}-{index}"
        with st.container(key=frame):
            _slider_frame(frame, source)
            before_after(source, after, key=f"{key}-ba-{task.task_id}-{index}")
        result_actions(ctx, task, index, key, on_sent=on_sent)
    if task.inputs.get("mask") and st.toggle("Show mask", key=f"{key}-mask-{task.task_id}"):
        picture(input_thumbnail(ctx.store, task.inputs["mask"], 256), caption="Mask: black changes, white stays",
                width=200)
