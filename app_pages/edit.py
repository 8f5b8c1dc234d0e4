"""Edit: paint over the part of a picture to change, and say what should be there."""

import streamlit as st

from components import model_form, reuse, session, state
from components.mask_canvas import current_mask, mask_canvas, painting_refused
from components.picker import picture_picker
from components.task_card import (
    edit_results,
    facts,
    input_thumbnail,
    picture,
    state_badge,
    task_status,
    technical_details,
)
from components.tasks_panel import live_tasks
from components.text import literal
from kie import catalog
from kie.composite import KEEP_MASK
from kie.images import mask_png
from kie.store import TaskQuery
from kie.studio import InputFile

FORM = "edit"  # the model form's prefix: edit_model, edit_<model>_<option>
MASK_NOTE = ("{name} takes the painted mask: it changes mostly the painted area, but may also touch pixels "
             "outside it.")
NO_MASK_NOTE = ("{name} takes no mask: the picture and the prompt are sent as an image-to-image edit, and the "
                "model may redraw any part of the picture.")
KEEP_NOTE = ("The result is laid over your picture through the painted mask (with a soft edge), scaled to your "
             "picture's size: everything you did not paint stays exactly as it is.")
RECENT_EDITS = 3

conn = session.connection()
st.title("Edit")
st.caption("Pick a picture, paint over what should change, and say what should be there.")
source = st.session_state.get("edit_source")

with st.expander("Picture" if not source else
                 f"Picture: {literal(source['label'], one_line=True)} ({source['width']}×{source['height']})",
                 expanded=source is None):
    picture_picker(conn, "edit_pick", reuse.set_edit_source)

# Models that can edit: a mask (4o), or a picture to work from (image to image).
editors = [m for m in catalog.image_models() if m.takes_mask or m.max_refs > 0]
spec = model_form.model_control(FORM, models=editors)
keep = False
if spec.takes_mask:
    st.caption(MASK_NOTE.format(name=spec.name))
else:
    st.caption(NO_MASK_NOTE.format(name=spec.name))
    keep = st.toggle("Keep the unpainted area exactly", key=state.remember("edit_keep", True),
                     help=KEEP_NOTE)
    st.caption(KEEP_NOTE if keep else "Painting is not needed: the whole picture is sent with the prompt.")

canvas_column, mask_column = st.columns([3, 1], gap="medium")
mask, share, preview = None, 0.0, None
with canvas_column:
    if source is None:
        st.info("Choose a picture to edit: upload one, take one from the history, or paste its URL.",
                icon=":material/add_photo_alternate:")
    else:
        base_mask = st.session_state.get("edit_base_mask")
        base_path = str(conn.store.input_path(base_mask)) if base_mask else None
        drawing = mask_canvas(str(conn.store.input_path(source["name"])), (source["width"], source["height"]),
                              key=f"edit_canvas_{source['name'][:12]}_{st.session_state.get('edit_canvas_rev', 0)}",
                              base_mask_path=base_path)
        mask, share, preview = current_mask(drawing, (source["width"], source["height"]),
                                            invert=st.session_state.get("edit_invert", False),
                                            base_mask_path=base_path)
        if base_mask:
            st.caption("The earlier mask of this edit is tinted on the picture; what you paint adds to it.")
            if st.button("Clear the earlier mask", icon=":material/layers_clear:"):
                st.session_state["edit_base_mask"] = None
                st.rerun()

with mask_column:
    st.toggle("Invert mask", key=state.remember("edit_invert", False),
              help="Paint what to keep instead of what to change")
    if mask is not None and 0 < share:
        st.image(preview, caption="The mask as the API sees it: black changes, white stays.", width=240)
        st.markdown(f"**{share:.0%}** of the picture will change.")
    elif source is not None:
        st.caption("Paint on the picture to mark what should change.")

with st.container():
    st.text_area("Prompt", key=state.remember("edit_prompt", ""), height=100,
                 placeholder="Replace the sky with a starry night")
    options = model_form.option_controls(FORM, spec, refs=1)
    if refused := model_form.refusal_message(spec, options, 1):
        st.warning(refused, icon=":material/block:")
    state.save("edit_invert", "edit_prompt", "edit_keep")
    needs_mask = spec.takes_mask or keep
    if st.button("Apply edit", type="primary", icon=":material/brush:"):
        if source is None:
            st.error("Choose a picture to edit first.", icon=":material/add_photo_alternate:")
        elif needs_mask and (refused := painting_refused()):
            st.error(refused, icon=":material/block:")
        elif needs_mask and (mask is None or share == 0.0):
            st.error("Paint the area you want to change.", icon=":material/brush:")
        elif needs_mask and share == 1.0 and not st.session_state["edit_invert"]:
            st.error("The whole picture is painted: leave some of it unpainted, or use Generate instead.")
        elif not st.session_state["edit_prompt"].strip():
            st.error("Say what should appear in the painted area." if needs_mask else "Say how the picture should "
                     "change.", icon=":material/edit:")
        else:
            request = catalog.build_request(spec.id, st.session_state["edit_prompt"], options)
            files = [InputFile("source", conn.store.input_path(source["name"]).read_bytes())]
            if spec.takes_mask:
                files.append(InputFile("mask", mask_png(mask)))
            elif keep:
                files.append(InputFile(KEEP_MASK, mask_png(mask)))  # kept with the task, applied to its results
            if problem := model_form.request_problem(request, files):
                st.error(problem, icon=":material/edit:")
            else:
                session.submit(request, files)


def edit_card(conn: session.StudioSession, task, key: str) -> None:
    """An edit, before and after."""
    session.shown(task.task_id)
    with st.container(border=True):
        head, badge = st.columns([5, 1])
        how = ("unpainted area kept" if KEEP_MASK in task.inputs else  # every model's edit is kind "edit"
               "mask" if "mask" in task.inputs or task.request.mask_url else "image to image")
        model = literal(catalog.name_of(task.model), one_line=True)
        head.markdown(f"**Edit** · {model} · {how}  \n{literal(task.prompt, 301)}")
        badge.markdown(state_badge(task))
        if task_status(conn, task, key, verb="Editing"):
            if task.inputs.get("source"):
                picture(input_thumbnail(conn.store, task.inputs["source"], 256), caption="Before", width=200)
            return
        edit_results(conn, task, key=key)
        cols = st.columns(3)
        for index in range(len(task.images)):
            if cols[index % 3].button("Edit this result",
                                      key=f"{key}-again-{task.task_id}-{index}", icon=":material/edit:"):
                reuse.result_as_source(conn, task, index)
                st.rerun(scope="app")  # the button sits in the polling fragment; redraw the whole page
        with st.expander("Details"):  # in the page, as on every card
            facts(conn, task)
        with st.expander("Technical details"):
            technical_details(task)


st.subheader("Recent edits")


def recent_edits() -> list:
    """Edits of every model: masked ones, and image-to-image ones made from a source picture on this page."""
    found = conn.store.query(TaskQuery(kinds=("edit", "variants")), limit=RECENT_EDITS * 8)
    return [t for t in found if "source" in t.inputs][:RECENT_EDITS]


live_tasks(conn, recent_edits, key="edit", draw=edit_card, empty="Your edits appear here, before and after.")
