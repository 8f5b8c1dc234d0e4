"""Taking a past task or picture somewhere else: the Edit page, the Generate page's references."""

from __future__ import annotations

import streamlit as st

from components import model_form, session, state
from components.picker import PickedPicture, keep
from components.session import SessionContext
from components.text import literal
from kie import catalog
from kie.composite import KEEP_MASK
from kie.images import ImageError, load_picture
from kie.models import Task
from kie.pngmeta import RestoredSettings, read_settings
from kie.thumbnails import Unshowable, size_of, thumbnail_bytes

EDIT_PAGE = "app_pages/edit.py"
GENERATE_PAGE = "app_pages/generate.py"


def set_edit_source(picked: PickedPicture, base_mask: str | None = None) -> None:
    """Make a picture the Edit page's source: the drawing starts over, the aspect ratio follows it."""
    st.session_state["edit_source"] = picked.__dict__.copy()
    st.session_state["edit_base_mask"] = base_mask
    st.session_state["edit_canvas_rev"] = st.session_state.get("edit_canvas_rev", 0) + 1
    model_form.match_aspect("edit", picked.width, picked.height)


def result_as_source(ctx: SessionContext, task: Task, index: int) -> None:
    """'Edit this result': a result image becomes the new source (only of a task the core lets this person use)."""
    if (task := session.usable_task(ctx, task, "edit", "edit_pick_error")) is None or index >= len(task.images):
        return
    path = ctx.store.image_path(task.task_id, task.images[index])
    try:
        size_of(path)  # the header alone first: gone, empty, not a picture or too large is refused unread
        picture = load_picture(path.read_bytes(), name="the result")
    except Unshowable as refused:
        st.session_state["edit_pick_error"] = f"That result cannot be edited: {refused.reason}."
        return
    except ImageError as error:
        st.session_state["edit_pick_error"] = str(error)
        return
    set_edit_source(keep(ctx, picture, f"result #{index + 1} of {task.task_id[-6:]}"))


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
    if (task := session.usable_task(ctx, task, "edit", "edit_pick_error")) is None:
        return
    source = task.inputs.get("source")
    if not source or not ctx.store.input_path(source).exists():
        st.session_state["edit_pick_error"] = "The source of that edit is no longer in the cache."
        return
    try:
        width, height = size_of(ctx.store.input_path(source))  # the header alone, then a decode: the canvas
        thumbnail_bytes(ctx.store.input_path(source), 64)  # draws it next, and must not meet a broken file
    except Unshowable as refused:
        st.session_state["edit_pick_error"] = f"The source of that edit cannot be opened: {refused.reason}."
        return
    mask = task.inputs.get("mask") or task.inputs.get(KEEP_MASK)
    if mask and not usable(ctx.store.input_path(mask)):
        mask = None  # the edit reopens without its earlier mask rather than not at all
        st.session_state["edit_pick_error"] = ("The earlier mask of that edit cannot be opened (the file is damaged "
                                               "or not a picture): paint the area again.")
    set_edit_source(PickedPicture(source, width, height, f"source of {task.task_id[-6:]}"), base_mask=mask)
    state.set_value("edit_prompt", task.prompt)
    model_form.set_form("edit", task.model, task.request.settings())
    state.set_value("edit_keep", KEEP_MASK in task.inputs or task.kind == "edit")


def add_reference(picked: PickedPicture) -> bool:
    """Add a reference image to the Generate page; False (and a message) past five."""
    refs = st.session_state.setdefault("gen_refs", [])
    if any(r["name"] == picked.name for r in refs):
        return True
    spec = model_form.chosen_model("gen")
    if len(refs) >= spec.max_refs:
        st.session_state["gen_refs_error"] = (
            f"{spec.name} takes no reference images: choose another model to use {literal(picked.label)}."
            if spec.max_refs == 0 else
            f"At most {spec.max_refs} reference images can be used with {spec.name}: remove one before adding "
            f"{literal(picked.label)}.")
        return False
    refs.append(picked.__dict__.copy())
    st.session_state.pop("gen_refs_error", None)
    return True


def restore_settings(found: RestoredSettings) -> None:
    """Put a studio picture's model, prompt and settings back into the Generate form (a callback: before the
    widgets). A model the catalogue no longer lists leaves the form's model and says so."""
    request = found.request
    state.set_value("gen_prompt", request.prompt)
    if st.session_state.get("gen_mode") == "batch":
        state.set_value("gen_mode", "single")
    if model_form.set_form("gen", request.model, request.settings()):
        st.session_state["gen_restored"] = f"{found.task_id or 'a picture'} ({catalog.name_of(request.model)})"
        st.session_state.pop("gen_restore_error", None)
        # The picture named a model the studio does not offer: say so, and which one took its settings.
        st.session_state[RESTORE_NOTE] = (found.notice, request.model) if found.notice else None
    else:
        st.session_state["gen_restored"] = found.task_id or "a picture"
        st.session_state["gen_restore_error"] = (f"The prompt is back, but the model {literal(request.model, 60)} "
                                                 "is not offered here any more: choose a model.")


RESTORE_NOTE = "gen_restore_note"  # (what Restore says about the model, the model it chose instead)


def restore_note() -> None:
    """Generate's note after a Restore whose picture named a model the studio does not offer; shown while the form
    keeps the model chosen instead."""
    note, model = st.session_state.get(RESTORE_NOTE) or (None, None)
    if note and st.session_state.get(model_form.model_key("gen")) == model:
        st.warning(literal(note), icon=":material/swap_horiz:")


def restore_from_upload() -> None:
    """Generate's "Restore settings from an image": read the settings a studio PNG carries."""
    upload = st.session_state.get("gen_restore_file")
    if upload is None:
        return
    found = read_settings(upload.getvalue())
    if found is None:
        st.session_state["gen_restore_error"] = ("This picture carries no 4o Image Studio settings. Choose a PNG "
                                                 "downloaded from the studio (Download PNG or a ZIP).")
    else:
        st.session_state.pop("gen_restore_error", None)
        restore_settings(found)
