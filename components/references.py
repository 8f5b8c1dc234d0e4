"""Generate's reference pictures: the pictures a model works from, chosen in the picker or taken from a result
("Use as reference"), within the chosen model's limit."""

from __future__ import annotations

import streamlit as st

from components import model_form, pages
from components.picker import PickedPicture, picture_picker
from components.restore import restore_settings
from components.session import SessionContext
from components.text import literal
from components.thumbs import THUMB_WIDTH, input_thumbnail, picture
from components.workspace_actions import usable_task
from kie.catalog import ModelSpec
from kie.models import Task
from kie.thumbnails import Unshowable, size_of

REFS = "gen_refs"  # the chosen references: PickedPicture fields, in order
REFS_ERROR = "gen_refs_error"  # why the last one was not added


def add_reference(picked: PickedPicture) -> bool:
    """Add a reference picture to the Generate page; False (and a message) past the chosen model's limit."""
    refs = st.session_state.setdefault(REFS, [])
    if any(r["name"] == picked.name for r in refs):
        return True
    spec = model_form.chosen_model("gen")
    if len(refs) >= spec.max_refs:
        st.session_state[REFS_ERROR] = (
            f"{spec.name} takes no reference pictures: choose another model to use {literal(picked.label)}."
            if spec.max_refs == 0 else
            f"At most {spec.max_refs} reference pictures can be used with {spec.name}: remove one before adding "
            f"{literal(picked.label)}.")
        return False
    refs.append(picked.__dict__.copy())
    st.session_state.pop(REFS_ERROR, None)
    return True


def remove_reference(name: str) -> None:
    st.session_state[REFS] = [r for r in st.session_state.get(REFS, []) if r["name"] != name]
    st.session_state.pop(REFS_ERROR, None)


def result_as_reference(ctx: SessionContext, task: Task, index: int) -> None:
    """"Use as reference": a result joins Generate's references, and Generate opens (it says why if not)."""
    if (task := usable_task(ctx, task, "reference", REFS_ERROR)) is None or index >= len(task.images):
        st.switch_page(pages.GENERATE_PAGE)  # it says why
        return
    path = ctx.store.image_path(task.task_id, task.images[index])
    try:
        size = size_of(path)  # the header alone: a file that cannot be shown is not taken
    except Unshowable as refused:
        st.session_state[REFS_ERROR] = f"That result cannot be used as a reference: {refused.reason}."
        st.switch_page(pages.GENERATE_PAGE)
        return
    picked = PickedPicture(ctx.store.save_input(path.read_bytes(), ".png"), *size,
                           label=f"{(task.prompt or task.task_id)[:30]} #{index + 1}")
    if add_reference(picked):
        st.switch_page(pages.GENERATE_PAGE)
    st.rerun(scope="app")  # the Generate page says why (the model takes no more)


def reference_images(ctx: SessionContext, spec: ModelSpec) -> list[dict]:
    """The references box for `spec`: what the model takes, the chosen pictures with Remove, and the picker.
    Returns the chosen references."""
    refs = st.session_state.setdefault(REFS, [])
    with st.expander(f"Reference pictures ({len(refs)} of {spec.max_refs})", expanded=bool(refs) or spec.refs_required):
        if spec.max_refs == 0:
            st.caption(f"{spec.name} takes no reference pictures.")
        else:
            need = "Needed" if spec.refs_required else "Optional"
            st.caption(f"{need}: up to {spec.max_refs} picture{'s' * (spec.max_refs != 1)} for {spec.name} to work "
                       "from." + (" With references the prompt may be empty." if spec.prompt_optional_with_refs
                                  else ""))
        if refs:  # thumbnails, as many a row as fit (the viewer is for results; these are the person's own)
            with st.container(horizontal=True, gap="small", key="gen_ref_thumbs"):
                for ref in refs:
                    with st.container(width=THUMB_WIDTH):
                        picture(input_thumbnail(ctx.store, ref["name"], 256), caption=literal(ref["label"], 40),
                                width="stretch")
                        st.button("Remove", key=f"gen_ref_rm_{ref['name']}", on_click=remove_reference,
                                  args=(ref["name"],), icon=":material/close:")
        picture_picker(ctx, "gen_ref_pick", add_reference, multiple=True, on_restore=restore_settings)
        if message := st.session_state.get(REFS_ERROR):
            st.error(message, icon=":material/block:")  # Markdown: the picture's label is escaped when made
    return refs
