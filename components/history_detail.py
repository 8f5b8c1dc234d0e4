"""History's view of one task: everything about it, and what can be done with it (each picture's actions, Vary
among them; Run again and Star for a task without pictures; Edit again, the ZIP, direct links to the service's
copies, Delete; an admin's taking over a task of unknown owner). A task sent from here opens in its place."""

from __future__ import annotations

import time

import streamlit as st

from components import edit_source, following, pages
from components.history_filters import open_task
from components.pages import comparison_url
from components.result_actions import armed_note, run_again_button, star_button
from components.result_pictures import edit_results, images_grid
from components.session import SessionContext
from components.task_facts import facts, technical_details, title
from components.task_status import task_status
from components.task_words import is_demo, model_name, state_badge
from components.text import literal, show_message, show_text
from components.thumbs import input_thumbnail, picture
from components.trouble import show_error
from kie import errors
from kie.export import zip_images, zip_name
from kie.models import KIND_LABELS, Task
from kie.workspace import TaskOfAnotherPerson

LINK_MINUTES = 20


def _direct_link(ctx: SessionContext, task: Task, index: int) -> None:
    try:
        link = ctx.client.download_url(task.task_id, task.result_urls[index])
    except errors.KieError as error:
        st.session_state[f"link-{task.task_id}-{index}"] = ("", error.message + " " + error.hint)
        return
    st.session_state[f"link-{task.task_id}-{index}"] = (link, time.strftime("%H:%M", time.localtime(
        time.time() + LINK_MINUTES * 60)))


def direct_links(ctx: SessionContext, task: Task, key: str) -> None:
    """Links to the service's own copies, for sharing: only where someone else could open them (not in demo mode,
    where the simulator's address is this machine's)."""
    if ctx.mode == "demo" or time.time() >= task.upstream_expires_at or not task.result_urls:
        return
    with st.expander("Direct links to the service's copies"):
        st.caption(f"A link anyone can open for {LINK_MINUTES} minutes, to share a picture without downloading it.")
        for index in range(min(len(task.images), len(task.result_urls))):
            st.button(f"Get a direct link to image {index + 1}", key=f"{key}-link-{index}", on_click=_direct_link,
                      args=(ctx, task, index), icon=":material/link:")
            if found := st.session_state.get(f"link-{task.task_id}-{index}"):
                if found[0]:
                    st.code(found[0], language=None)
                    st.caption(f"Valid for {LINK_MINUTES} minutes (until about {found[1]}).")
                else:
                    show_message(found[1], "error")


def detail(ctx: SessionContext, task: Task, key: str) -> None:
    """Everything about one task, and what can be done with it."""
    following.shown(task.task_id)
    st.markdown(f"### {state_badge(task)} {KIND_LABELS.get(task.kind, task.kind)} · "
                f"{literal(model_name(task.model), one_line=True)}"
                + (" :violet-badge[Demo]" if is_demo(task) else ""))
    show_text(title(ctx, task))  # a tool's result: what it made, of which prompt
    if not task_status(ctx, task, key, run_again=False):  # Run again is in the task's own row below
        if task.kind == "edit" and task.inputs.get("source"):
            st.caption("Before and after: drag to compare")
            edit_results(ctx, task, key=key, on_sent=_open_sent)
        else:
            images_grid(ctx, task, key=key, on_sent=_open_sent)
    if task.inputs.get("source") and not (task.kind == "edit" and task.images):
        st.caption("Source and mask")
        cols = st.columns(4)
        for col, role in zip(cols, ("source", "mask"), strict=False):
            if task.inputs.get(role):
                with col:
                    picture(input_thumbnail(ctx.store, task.inputs[role]), caption=role.title(), width="stretch")
    facts(ctx, task)
    if task.comparison_id:  # made by Compare models: the whole comparison reopens on Generate
        st.markdown(f":material/compare: [Open the model comparison it was made in]"
                    f"({comparison_url(task.comparison_id)})")
    direct_links(ctx, task, key)
    with st.expander("Technical details"):
        technical_details(task)
    actions(ctx, task, key)


def _open_sent(task: Task) -> None:
    """A task sent from here (Vary, Run again) opens in this one's place."""
    open_task(task.task_id)


def actions(ctx: SessionContext, task: Task, key: str) -> None:
    """The task's own actions in one row that wraps; Delete stands apart at its end. Run again, Star and the
    showcase are here only for a task without pictures: each picture carries them under it (and Vary)."""
    pictures_act = bool(task.images)
    again = None
    with st.container(horizontal=True, gap="small", key=f"{key}-task-actions"):
        if not pictures_act:
            again = run_again_button(ctx, task, f"{key}-again", note=False)
            star_button(ctx, task, f"{key}-star")
        if task.kind == "edit" and task.inputs.get("source"):
            if st.button("Reopen in Edit", key=f"{key}-reopen", icon=":material/brush:",
                         help="Opens this edit's source, mask, prompt and settings on the Edit page, to change them "
                              "and send it again"):
                edit_source.reopen_edit(ctx, task)
                st.switch_page(pages.EDIT_PAGE)
        st.download_button("All images (ZIP)", lambda: zip_images(ctx.store, [task]), file_name=zip_name(task),
                           mime="application/zip", key=f"{key}-zip", on_click="ignore", disabled=not task.images,
                           icon=":material/folder_zip:")
        st.space("stretch")
        if st.button("Delete", key=f"{key}-delete", icon=":material/delete:"):
            st.session_state["confirm_delete"] = task.task_id
    armed_note(f"{key}-again")
    if again:
        _open_sent(again)
        st.rerun(scope="app")
    if ctx.person and ctx.person.is_admin and task.owner is None and ctx.team:
        st.caption("This task was made before sign-in was on: its owner is unknown.")
        if st.button("Take over: make it mine", key=f"{key}-adopt", icon=":material/person_add:"):
            try:
                ctx.workspace.take_over(task.task_id)  # the core decides who may, and audits it
            except errors.KieError as refused:
                show_error(refused)
                return
            st.rerun(scope="app")
    if st.session_state.get("confirm_delete") == task.task_id:
        st.warning("Delete this task and its images from the local history? The service's copy is not touched. "
                   "This cannot be undone.")
        with st.container(horizontal=True, gap="small"):
            if st.button("Yes, delete", key=f"{key}-delete-yes", type="primary"):
                # Admins may delete any task; others only their own (the core refuses the rest, and audits both).
                st.session_state.pop("confirm_delete", None)
                try:
                    ctx.workspace.delete(task.task_id)
                except TaskOfAnotherPerson:
                    st.error("Only the person who made this task, or an admin, can delete it.")
                    return
                except errors.KieError as gone:  # deleted meanwhile (another tab)
                    show_error(gone)
                    return
                open_task(None)
                st.rerun(scope="app")
            if st.button("Cancel", key=f"{key}-delete-no"):
                st.session_state.pop("confirm_delete", None)
                st.rerun(scope="app")
