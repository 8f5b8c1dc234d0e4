"""What can be done with a result picture: Edit, Use as reference, Vary, Star, Download; the catalogue's tools and
the showcase in its menu. Also Vary and Star for a whole task, and what a refused change says."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components import following, pages
from components.edit_source import result_as_source
from components.references import result_as_reference
from components.session import SessionContext
from components.tool_menu import tool_buttons
from components.trouble import show_error
from kie import errors
from kie.export import image_download, image_file_name
from kie.models import Task

NOT_YOURS = "Only the person who made this task, or an admin, can change it."


def vary(ctx: SessionContext, task: Task) -> Task | None:
    """The same request again; the new task is followed and returned (None, with the reason shown, if refused)."""
    try:
        again = ctx.workspace.rerun(task)
    except errors.KieError as error:
        show_error(error)
        return None
    following.follow(again.task_id)
    return again


def changed_or_refused(changed: bool) -> None:
    """After a change to a task: draw the page again, or say why the store refused (another person's task)."""
    if changed:
        st.rerun(scope="app")
    st.error(NOT_YOURS, icon=":material/lock:")


def toggle_star(ctx: SessionContext, task: Task) -> bool:
    """Star or unstar a task; False when the store refused (not this person's task)."""
    return ctx.workspace.store.set_favourite(task.task_id, not task.favourite)


def _to_edit(ctx: SessionContext, task: Task, index: int) -> None:
    result_as_source(ctx, task, index)
    st.switch_page(pages.EDIT_PAGE)


def result_actions(ctx: SessionContext, task: Task, index: int, key: str, *, usable: bool = True) -> None:
    """Under a result picture: Edit, Use as reference, Vary, Star, Download; tools and the rest in a menu. Under a
    picture that cannot be shown (`usable` False) only what needs no picture: Vary and Star."""
    k = f"{key}-{task.task_id}-{index}"
    with st.container(horizontal=True, gap="small", key=f"actions-{k}"):
        if usable and st.button("Edit", key=f"{k}-edit", icon=":material/brush:",
                                help="Open the Edit page with this picture"):
            _to_edit(ctx, task, index)
        if usable and st.button("Use as reference", key=f"{k}-ref", icon=":material/collections:",
                                help="Add it to Generate's reference pictures"):
            result_as_reference(ctx, task, index)
        if st.button("Vary", key=f"{k}-vary", icon=":material/replay:", help="Send the same request again"):
            if vary(ctx, task):
                st.rerun(scope="app")
        if st.button("Unstar" if task.favourite else "Star", key=f"{k}-star",
                     icon=":material/star:" if not task.favourite else ":material/star_border:"):
            changed_or_refused(toggle_star(ctx, task))
        if not usable:
            return
        st.download_button("Download", partial(image_download, ctx.store, task, index),
                           file_name=image_file_name(task, index), mime="image/png", icon=":material/download:",
                           key=f"{k}-dl", on_click="ignore", help="The PNG, with its prompt and settings inside")
        with st.popover("More", icon=":material/more_horiz:", key=f"{k}-more"):
            tool_buttons(ctx, task, index, k)
            if st.button("Remove from showcase" if task.showcase else "Add to showcase", key=f"{k}-showcase",
                         icon=":material/slideshow:", width="stretch"):
                changed_or_refused(ctx.workspace.store.set_showcase(task.task_id, not task.showcase))
