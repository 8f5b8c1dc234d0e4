"""History's gallery: a page of tasks as tiles (a thumbnail, its progress or why it failed, Open and Star), and
the pager under the filters."""

from __future__ import annotations

import streamlit as st

from components import following
from components.comparison_tile import comparison_tile
from components.history_filters import open_task
from components.result_actions import changed_or_refused
from components.see_through import checker_behind
from components.session import SessionContext
from components.task_diff_view import compare_picker
from components.task_facts import cost_label, title
from components.task_status import show_pending
from components.task_words import is_demo, model_name, state_badge, when
from components.text import literal, show_text
from components.thumbs import CARD_IMAGE_SIZE, TILE_IMAGE_SIZE, picture, thumbnail
from components.viewer import large_copy, result_container
from kie import figures
from kie.models import KIND_LABELS, Task

PAGE_SIZE = 24
# Every tile's picture in a square box, the picture whole inside it: a portrait picture makes no taller tile.
TILE_STYLE = "<style>[class*='st-key-tile-'] [data-testid=stImage] img {aspect-ratio: 1; object-fit: contain;}</style>"


def even_tiles() -> None:
    """The style that gives every tile of the gallery the same picture box (drawn once, above the tiles)."""
    st.html(TILE_STYLE)


def tile(ctx: SessionContext, task: Task, key: str) -> None:
    """One task in the gallery: a thumbnail (or its progress, or why it failed) and two buttons; a model comparison's
    task, its whole comparison as one tile."""
    if task.comparison_id:
        comparison_tile(ctx, task, key)
        return
    following.shown(task.task_id)
    with st.container(border=True, key=f"tile-{task.task_id}"):
        if task.images:
            with result_container(f"{key}-{task.task_id}", 0):
                tile_picture = thumbnail(ctx.store, task, task.images[0], TILE_IMAGE_SIZE)
                picture(tile_picture, width="stretch")
                checker_behind(f"result-{key}-{task.task_id}-0", tile_picture)  # only behind transparency
                # The viewer shows the card's large copy, fetched only when it is opened.
                large_copy(thumbnail(ctx.store, task, task.images[0], CARD_IMAGE_SIZE), task.prompt,
                           key=f"{key}-{task.task_id}-0")
        elif task.state == "pending":
            show_pending(ctx, task)
        elif task.needs_polling:
            st.progress(1.0, text="Done: fetching the pictures…")
        elif task.state == "failed":
            failure = figures.failure_words(task)  # blames no reference picture where none was sent
            st.caption(f":red[{literal(failure, 140, one_line=True)}]")  # one line: a colour cannot span lines
        elif task.state == "timed_out":
            st.caption(":orange[No answer in time; open it to keep waiting.]")
        st.markdown(f"{state_badge(task)}{' :violet-badge[Demo]' if is_demo(task) else ''}"
                    f"{' ★' if task.favourite else ''}")
        show_text(title(ctx, task), 90)  # a tool's result: what it made, of which prompt
        st.caption(f"{literal(model_name(task.model), one_line=True)} · {KIND_LABELS.get(task.kind, task.kind)} · "
                   f"{when(task.created_at)}"
                   f"{cost_label(ctx, task)}")
        with st.container(horizontal=True, gap="small"):
            if st.button("Open", key=f"{key}-open-{task.task_id}", icon=":material/open_in_full:"):
                open_task(task.task_id)
                st.rerun(scope="app")
            if st.button("Unstar" if task.favourite else "Star", key=f"{key}-fav-{task.task_id}",
                         icon=":material/star:" if not task.favourite else ":material/star_border:"):
                changed_or_refused(ctx.workspace.store.set_favourite(task.task_id, not task.favourite))
        compare_picker(ctx, task, key)


def _go(delta: int) -> None:
    st.session_state["page"] = int(st.session_state.get("page") or 1) + delta


def pager(total: int) -> int:
    """Previous, the page number (in the URL), Next, and how many tasks there are; returns the page shown."""
    pages = max(1, -(-total // PAGE_SIZE))
    if int(st.session_state.get("page") or 1) > pages:
        st.session_state["page"] = pages
    page = int(st.session_state.get("page") or 1)
    with st.container(horizontal=True, vertical_alignment="bottom", gap="small", key="history-pager"):
        st.button("Previous", disabled=page <= 1, icon=":material/chevron_left:", on_click=_go, args=(-1,))
        st.number_input("Page", min_value=1, max_value=pages, step=1, key="page", bind="query-params", width=140)
        st.button("Next", disabled=page >= pages, icon=":material/chevron_right:", on_click=_go, args=(1,))
        page = int(st.session_state.get("page") or 1)
        st.caption(f"{total:,} task{'s' if total != 1 else ''} · page {page} of {pages}", width="content")
    return page
