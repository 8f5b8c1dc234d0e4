"""The Edit page's source picture: chosen in its picker, taken from a result ("Edit"), or an earlier edit reopened
with its mask and settings ("Reopen in Edit")."""

from __future__ import annotations

import streamlit as st

from components import model_form, state
from components.picker import PickedPicture, keep
from components.session import SessionContext
from components.workspace_actions import usable_task
from kie import figures
from kie.composite import KEEP_MASK
from kie.images import ImageError, load_picture
from kie.models import Task
from kie.thumbnails import Unshowable, size_of, thumbnail_bytes

PICK_ERROR = "edit_pick_error"  # why the last picture could not become the source (shown under the picker)


def set_edit_source(picked: PickedPicture, base_mask: str | None = None) -> None:
    """Make a picture the Edit page's source: the drawing starts over, the aspect ratio follows it."""
    st.session_state["edit_source"] = picked.__dict__.copy()
    st.session_state["edit_base_mask"] = base_mask
    st.session_state["edit_canvas_rev"] = st.session_state.get("edit_canvas_rev", 0) + 1
    model_form.match_aspect("edit", picked.width, picked.height)


def result_label(ctx: SessionContext, task: Task, index: int) -> str:
    """A result picture named after its task: “A lighthouse at dawn”, or “…”, picture 2 of 4."""
    count = len(task.images)
    return figures.quoted(figures.title(ctx.store, task)) + (f", picture {index + 1} of {count}" if count > 1 else "")


def result_as_source(ctx: SessionContext, task: Task, index: int) -> None:
    """Edit: a result picture becomes the new source (only of a task the core lets this person use)."""
    if (task := usable_task(ctx, task, "edit", PICK_ERROR)) is None or index >= len(task.images):
        return
    path = ctx.store.image_path(task.task_id, task.images[index])
    try:
        size_of(path)  # the header alone first: gone, empty, not a picture or too large is refused unread
        picture = load_picture(path.read_bytes(), name="the result")
    except Unshowable as refused:
        st.session_state[PICK_ERROR] = f"That result cannot be edited: {refused.reason}."
        return
    except ImageError as error:
        st.session_state[PICK_ERROR] = str(error)
        return
    set_edit_source(keep(ctx, picture, result_label(ctx, task, index)))


def usable(path) -> bool:
    """Whether a stored picture opens and decodes (within the pixel cap): the Edit canvas can draw it."""
    try:
        thumbnail_bytes(path, 64)
    except Unshowable:
        return False
    return True


def reopen_edit(ctx: SessionContext, task: Task) -> None:
    """Reopen a past edit with its source, mask and settings, to change it and send it again (only a task the core
    lets this person use)."""
    if (task := usable_task(ctx, task, "edit", PICK_ERROR)) is None:
        return
    source = task.inputs.get("source")
    if not source or not ctx.store.input_path(source).exists():
        st.session_state[PICK_ERROR] = "The source of that edit is no longer in the cache."
        return
    try:
        width, height = size_of(ctx.store.input_path(source))  # the header alone, then a decode: the canvas
        thumbnail_bytes(ctx.store.input_path(source), 64)  # draws it next, and must not meet a broken file
    except Unshowable as refused:
        st.session_state[PICK_ERROR] = f"The source of that edit cannot be opened: {refused.reason}."
        return
    mask = task.inputs.get("mask") or task.inputs.get(KEEP_MASK)
    if mask and not usable(ctx.store.input_path(mask)):
        mask = None  # the edit reopens without its earlier mask rather than not at all
        st.session_state[PICK_ERROR] = ("The earlier mask of that edit cannot be opened (the file is damaged "
                                        "or not a picture): paint the area again.")
    label = f"the source of {figures.quoted(figures.title(ctx.store, task))}"
    set_edit_source(PickedPicture(source, width, height, label), base_mask=mask)
    state.set_value("edit_prompt", task.prompt)
    model_form.set_form("edit", task.model, task.request.settings())
    state.set_value("edit_keep", KEEP_MASK in task.inputs or task.kind == "edit")
