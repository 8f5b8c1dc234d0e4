"""Edit: paint over the part of a picture to change, and say what should be there."""

import streamlit as st

from components import reuse, session, state
from components.mask_canvas import current_mask, mask_canvas
from components.picker import picture_picker
from components.task_card import STATE_BADGES, edit_results, input_thumbnail, picture, task_status
from components.tasks_panel import live_tasks
from components.text import literal
from kie.images import mask_png
from kie.models import N_VARIANTS, SIZES, GenerateRequest
from kie.store import TaskQuery
from kie.studio import InputFile

NOTE = ("The model treats the mask as guidance: it changes mostly the painted area, but may also touch "
        "pixels outside it.")

conn = session.connection()
st.title("Edit")
st.caption("Pick a picture, paint over what should change, and say what should be there.")
source = st.session_state.get("edit_source")

with st.expander("Picture" if not source else
                 f"Picture: {literal(source['label'], one_line=True)} ({source['width']}×{source['height']})",
                 expanded=source is None):
    picture_picker(conn, "edit_pick", reuse.set_edit_source)

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
    st.toggle("Invert mask (paint what to keep)", key=state.remember("edit_invert", False))
    if mask is not None and 0 < share:
        st.image(preview, caption="The mask as the API sees it: black changes, white stays.", width=240)
        st.markdown(f"**{share:.0%}** of the picture will change.")
    elif source is not None:
        st.caption("Paint on the picture to mark what should change.")

with st.container():
    st.text_area("Prompt", key=state.remember("edit_prompt", ""), height=100,
                 placeholder="Replace the sky with a starry night")
    st.segmented_control("Number of images", list(N_VARIANTS), key=state.remember("edit_n", 1), required=True)
    st.segmented_control("Aspect ratio", list(SIZES), format_func=SIZES.get, key=state.remember("edit_size", "1:1"),
                         required=True, help="Preselected as the nearest to the picture's shape.")
    state.save("edit_invert", "edit_prompt", "edit_n", "edit_size")
    st.caption(NOTE)
    if st.button("Apply edit", type="primary", icon=":material/brush:"):
        if source is None:
            st.error("Choose a picture to edit first.", icon=":material/add_photo_alternate:")
        elif mask is None or share == 0.0:
            st.error("Paint the area you want to change.", icon=":material/brush:")
        elif share == 1.0 and not st.session_state["edit_invert"]:
            st.error("The whole picture is painted: leave some of it unpainted, or use Generate instead.")
        elif not st.session_state["edit_prompt"].strip():
            st.error("Say what should appear in the painted area.", icon=":material/edit:")
        else:
            request = GenerateRequest(prompt=st.session_state["edit_prompt"], size=st.session_state["edit_size"],
                                      n_variants=st.session_state["edit_n"])
            files = [InputFile("source", conn.store.input_path(source["name"]).read_bytes()),
                     InputFile("mask", mask_png(mask))]
            session.submit(request, files)


def edit_card(conn: session.StudioSession, task, key: str) -> None:
    """An edit, before and after."""
    session.shown(task.task_id)
    with st.container(border=True):
        head, badge = st.columns([5, 1])
        head.markdown(f"**Edit** · {literal(task.request.size)}  \n{literal(task.prompt, 301)}")
        badge.markdown(STATE_BADGES.get(task.state, task.state))
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


st.subheader("Recent edits")
live_tasks(conn, lambda: conn.store.query(TaskQuery(kinds=("edit",)), limit=3), key="edit", draw=edit_card,
           empty="Your edits appear here, before and after.")
