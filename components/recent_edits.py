"""The Edit page's recent edits: each before and after, live while it is being made, with its results' actions (Edit
makes one the new source)."""

from __future__ import annotations

import streamlit as st

from components import following
from components.folded import folded
from components.result_pictures import edit_results
from components.session import SessionContext
from components.task_facts import facts, technical_details
from components.task_status import task_status
from components.task_words import state_badge
from components.tasks_panel import live_tasks
from components.text import literal
from components.thumbs import input_thumbnail, picture
from kie import catalog
from kie.composite import KEEP_MASK
from kie.models import Task
from kie.store import TaskQuery

RECENT_EDITS = 3


def edit_card(ctx: SessionContext, task: Task, key: str) -> None:
    """An edit, before and after."""
    following.shown(task.task_id)
    with st.container(border=True):
        head, badge = st.columns([5, 1])
        how = ("unpainted area kept" if KEEP_MASK in task.inputs else  # every model's edit is kind "edit"
               "mask" if "mask" in task.inputs or task.request.mask_url else "image to image")
        model = literal(catalog.name_of(task.model), one_line=True)
        head.markdown(f"**Edit** · {model} · {how}  \n{literal(task.prompt, 301)}")
        badge.markdown(state_badge(task))
        if task_status(ctx, task, key, verb="Editing"):
            if task.inputs.get("source"):
                picture(input_thumbnail(ctx.store, task.inputs["source"], 256), caption="Before", width=200)
            return
        edit_results(ctx, task, key=key)  # each result with its actions: Edit makes it the new source
        folded("Details", key=f"{key}-details-{task.task_id}", draw=lambda: facts(ctx, task))  # as on every card
        folded("Technical details", key=f"{key}-technical-{task.task_id}", draw=lambda: technical_details(task))


def recent_edits(ctx: SessionContext) -> list[Task]:
    """Edits of every model: masked ones, and image-to-image ones made from a source picture on this page."""
    found = ctx.store.query(TaskQuery(kinds=("edit", "variants")), limit=RECENT_EDITS * 8)
    return [t for t in found if "source" in t.inputs][:RECENT_EDITS]


def recent_edits_panel(ctx: SessionContext) -> None:
    """The recent edits, live while any is unfinished."""
    st.subheader("Recent edits")
    live_tasks(ctx, lambda: recent_edits(ctx), key="edit", draw=edit_card,
               empty="Your edits appear here, before and after.")
