"""One task as a card: what was asked, its state, its pictures large with what can be done with each, and its
details folded away; short enough to be seen whole in the window, and brought into view when just sent."""

from __future__ import annotations

import streamlit as st

from components import following
from components.folded import folded
from components.into_view import into_view
from components.result_pictures import edit_results, images_grid
from components.session import SessionContext
from components.task_facts import facts, summary, technical_details, title
from components.task_status import task_status
from components.task_words import SIMULATED_BADGE, state_badge
from components.text import show_caption, show_text
from kie.models import Task
from kie.simulator.art.vocab import demo_note


def task_card(ctx: SessionContext, task: Task, *, key: str) -> None:
    """Draw a task: header, then progress, its pictures large with their actions, or the reason it failed."""
    following.shown(task.task_id)
    with st.container(border=True, key=f"card-{key}-{task.task_id}"):
        into_view(task)  # the task just sent from this session (Generate, Vary, Run again) comes into the window
        with st.container(horizontal=True, vertical_alignment="top"):
            st.markdown(f"**{summary(ctx, task)}**", width="stretch")
            st.markdown(state_badge(task) + (" :violet-badge[Demo]" if task.demo else "")
                        + (f" {SIMULATED_BADGE}" if ctx.mode == "demo" else ""), width="content")
        if task.parent_id and not task.prompt:
            show_text(title(ctx, task), 300)  # "Upscaled 2× (1024 → 2048 px): “A lighthouse”"
        else:
            show_text(task.prompt or "(no prompt: from reference pictures)", 300)
            note = demo_note(task.prompt) if ctx.mode == "demo" and task.prompt and task.state == "success" else None
            if note:  # "Not drawn in demo mode: ramen": the prompt's own words, shown as text
                show_caption(note)
        if not task_status(ctx, task, key):
            if task.kind == "edit" and task.inputs.get("source"):
                edit_results(ctx, task, key=key)
            else:
                images_grid(ctx, task, key=key)
        with st.container(horizontal=True, gap="small"):  # side by side: the card is one line shorter
            folded("Details", key=f"{key}-details-{task.task_id}", draw=lambda: facts(ctx, task))
            folded("Technical details", key=f"{key}-technical-{task.task_id}", draw=lambda: technical_details(task))
