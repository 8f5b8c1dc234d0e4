"""A model comparison as one tile in History: its models' pictures side by side, its prompt, and a link that reopens
it on Generate, instead of one loose tile per model."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from components import following, pages
from components.credits import price
from components.history_filters import open_task
from components.session import SessionContext
from components.task_words import model_name, when
from components.text import literal, show_text
from components.thumbs import TILE_IMAGE_SIZE, picture, thumbnail
from kie import figures
from kie.models import Task
from kie.store import TaskQuery

# The models two a row inside the tile at every width (a tile is narrow: columns would stack one under another),
# each picture in the square box History gives its tiles.
STYLE = """<style>[class*='st-key-comparison-'] [data-testid=stHorizontalBlock] {flex-wrap: nowrap;}
[class*='st-key-comparison-'] [data-testid=stColumn] {min-width: 0; flex: 1 1 0;}</style>"""


def one_per_comparison(tasks: Sequence[Task]) -> list[Task]:
    """`tasks` with each comparison kept once, where its first (newest) task stands: its tile draws them all."""
    seen: set[str] = set()
    kept = []
    for task in tasks:
        if task.comparison_id:
            if task.comparison_id in seen:
                continue
            seen.add(task.comparison_id)
        kept.append(task)
    return kept


def _cell(ctx: SessionContext, task: Task, key: str) -> None:
    """One model's part of the comparison: its first picture (or its state), its model, and Open (its detail)."""
    with st.container(key=f"tile-{task.task_id}"):  # as a task's own tile is known: its picture, its Open
        if task.images:
            picture(thumbnail(ctx.store, task, task.images[0], TILE_IMAGE_SIZE), width="stretch")
        else:
            st.caption(f":grey[{literal(figures.state_words(task), one_line=True)}]")
        st.caption(literal(model_name(task.model), one_line=True))
        if st.button("Open", key=f"{key}-open-{task.task_id}", icon=":material/open_in_full:", type="tertiary",
                     help="This model's result, with everything about it"):
            open_task(task.task_id)
            st.rerun(scope="app")  # the tile sits in the gallery's listening fragment: the page shows the task


def comparison_tile(ctx: SessionContext, task: Task, key: str) -> None:
    """The comparison `task` belongs to, as one tile: each model's first picture (two a row), the prompt, what it
    cost in all, and *Open comparison*."""
    tasks = ctx.store.query(TaskQuery(comparison_id=task.comparison_id), limit=8)[::-1] or [task]
    for each in tasks:
        following.shown(each.task_id)
    st.html(STYLE)
    with st.container(border=True, key=f"comparison-{task.comparison_id}"):
        for start in range(0, len(tasks), 2):
            for cell, each in zip(st.columns(2, gap="small"), tasks[start:start + 2], strict=False):
                with cell:
                    _cell(ctx, each, key)
        st.markdown(f":blue-badge[:material/compare: Comparison of {len(tasks)} models]")
        show_text(figures.title(ctx.store, task), 90)
        st.caption(f"{when(task.created_at)}{_total_cost(ctx, tasks)}")
        st.page_link(pages.GENERATE_PAGE, label="Open comparison", icon=":material/compare:",
                     query_params={pages.COMPARISON_QUERY: task.comparison_id})


def _total_cost(ctx: SessionContext, tasks: Sequence[Task]) -> str:
    """" · about 9 credits (estimate) in all": the tasks' costs as their cards say them, added up ("" if one is not
    known)."""
    costs = [figures.cost_of(t, price(ctx)) for t in tasks]
    if any(c.credits is None for c in costs):
        return ""
    total = sum(c.credits for c in costs)
    words = figures.estimate_words(total) if any(c.estimated for c in costs) else figures.credits_words(total)
    return f" · {words} in all"
