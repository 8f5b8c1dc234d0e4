"""One model's result in a comparison: its name and state, its pictures as large as its column, one row of actions
(Pick, and a More menu with everything else), its shape, time taken and cost. The picked one is framed and badged.

*Pick* is the one way to choose the winner: the core stars it and unstars the others (`Comparisons.pick`); Star is
not offered apart. The More menu holds what result cards offer elsewhere (Edit, Use as reference, Vary, Run again,
Download, the catalogue's tools, the showcase), through their own components.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from components import following, pages
from components.edit_source import result_as_source
from components.references import result_as_reference
from components.result_actions import changed_or_refused, run_again_button, vary_button
from components.session import SessionContext
from components.task_facts import cost_label
from components.task_words import pending_words, state_badge
from components.text import literal, show_message
from components.thumbs import CARD_IMAGE_SIZE, picture, shown, thumbnail
from components.tool_menu import menu_key, tool_buttons
from components.viewer import large_copy, result_container
from kie import catalog, errors, figures
from kie.errors import task_failure_message
from kie.export import image_download, image_file_name
from kie.models import Task

PICKED_BADGE = ":orange-badge[:material/star: Picked]"
CARD = "cmp-card-"  # a card's container key: cmp-card-<task id>, cmp-card-picked-<task id> for the winner
MANY = "cmp-many-"  # the container of a task's several pictures: cmp-many-<task id>
SMALL_COLUMNS = 3  # at this many columns or more a card shows the 512 px copy (the viewer opens the larger one)

# The picked card is framed in the badge's colour. A card's padding is small so the picture gets the room, and a
# picture is never taller than the window leaves under the page's header, the comparison's own header and the card's
# name, actions and facts (28rem together; components.compare_models hides the rest; at least 16rem): 2 models side
# by side show whole at 1400x900, and so do 4 portrait ones, each at least 240 px wide at 9:16.
CARD_CSS = f"""<style>
[class*="st-key-{CARD}"] {{padding: 0.4rem !important; gap: 0.4rem !important;}}
[class*="st-key-{CARD}picked-"] {{outline: 3px solid #f59e0b; outline-offset: -1px;
                                  box-shadow: 0 0 0 4px rgba(245, 158, 11, 0.25);}}
[class*="st-key-{CARD}"] [data-testid=stImage] img {{max-height: max(16rem, calc(100vh - 28rem));
                                                     object-fit: contain;}}
/* Several pictures of one task (a Midjourney grid) two a row inside the card, at half the height each: the page's
   task grids wrap their columns at 13rem, which would stack them one under another. */
.st-key-grid-cmp [class*="st-key-{MANY}"] [data-testid=stHorizontalBlock] {{flex-wrap: nowrap;}}
.st-key-grid-cmp [class*="st-key-{MANY}"] [data-testid=stColumn] {{min-width: 0; flex: 1 1 0;}}
[class*="st-key-{MANY}"] [data-testid=stImage] img {{max-height: max(8rem, calc(50vh - 19rem));}}
</style>"""


def card_style() -> None:
    """Draw the cards' rules (invisible; once per page run)."""
    st.html(CARD_CSS)


def _pick(ctx: SessionContext, comparison_id: str, winner_id: str) -> None:
    """Pick's callback: the core stars the winner; a refusal is said in a toast (its card may be gone meanwhile)."""
    try:
        ctx.workspace.comparisons.pick(comparison_id, winner_id)
    except errors.KieError as refused:
        st.toast(literal(f"{refused.message} {refused.hint}".strip(), one_line=True), icon=":material/block:")


def _seconds(task: Task) -> str:
    duration = task.duration
    if duration is None:
        return ""
    return f"took {duration:.0f} s" if duration < 120 else f"took {duration / 60:.1f} min"


def facts_line(ctx: SessionContext, task: Task) -> str:
    """"Landscape 3:2 · took 4 s · about 1.5 credits (estimate)": what to compare besides the pictures."""
    size = figures.size_words(task.request)  # with its quality: Seedream's "High (4K)"
    parts = (literal(size, one_line=True), _seconds(task), cost_label(ctx, task).strip(" ·"))
    return " · ".join(p for p in parts if p)


def _to_edit(ctx: SessionContext, task: Task, index: int) -> None:
    result_as_source(ctx, task, index)
    st.switch_page(pages.EDIT_PAGE)


def more_menu(ctx: SessionContext, task: Task, index: int, key: str, *, usable: bool) -> None:
    """Everything but Pick for one picture, in one menu: Edit, Use as reference, Vary, Run again, Download, the
    tools and the showcase (without a picture to show: Run again only)."""
    k = f"{key}-{task.task_id}-{index}"
    with st.popover("More", icon=":material/more_horiz:", key=menu_key(f"{k}-more"),  # closes after a tool
                    help="Edit, reuse, download, tools"):
        if usable and st.button("Edit", key=f"{k}-edit", icon=":material/brush:", width="stretch",
                                help="Open the Edit page with this picture"):
            _to_edit(ctx, task, index)
        if usable and st.button("Use as reference", key=f"{k}-ref", icon=":material/collections:", width="stretch",
                                help="Add it to Generate's reference pictures"):
            result_as_reference(ctx, task, index)
        sent = vary_button(ctx, task, index, f"{k}-vary") if usable else None  # each shows its cost, asks first
        if run_again_button(ctx, task, f"{k}-again") or sent:
            st.rerun(scope="app")
        if not usable:
            return
        st.download_button("Download", partial(image_download, ctx.store, task, index),
                           file_name=image_file_name(task, index), mime="image/png", icon=":material/download:",
                           key=f"{k}-dl", on_click="ignore", width="stretch",
                           help="The PNG, with its prompt and settings inside")
        tool_buttons(ctx, task, index, k)
        if st.button("Remove from showcase" if task.showcase else "Add to showcase", key=f"{k}-showcase",
                     icon=":material/slideshow:", width="stretch"):
            changed_or_refused(ctx.workspace.store.set_showcase(task.task_id, not task.showcase))


def pick_control(ctx: SessionContext, task: Task, key: str) -> None:
    """Pick, or on the winner its badge (the one place "Picked" is said)."""
    if task.favourite:
        st.markdown(PICKED_BADGE, width="content")
    else:
        st.button("Pick", key=f"{key}-pick-{task.task_id}", icon=":material/star:",
                  on_click=_pick, args=(ctx, task.comparison_id, task.task_id),
                  help="The winner: kept as a favourite (starred); picking another moves it")


def action_row(ctx: SessionContext, task: Task, key: str, *, more: int | None, usable: bool = True) -> None:
    """One row of actions: Pick (a finished task) and the More menu of picture `more` (None: no menu here)."""
    with st.container(horizontal=True, gap="small", vertical_alignment="center",
                      key=f"cmp-actions-{key}-{task.task_id}-{'task' if more is None else more}"):
        if task.state == "success" and task.images:
            pick_control(ctx, task, key)
        if more is not None:
            more_menu(ctx, task, more, key, usable=usable)


def pictures(ctx: SessionContext, task: Task, key: str, columns: int) -> bool:
    """The task's pictures at the column's width, each opening the viewer. Several share it two a row, each with
    its own More menu under it; returns whether the one picture can be shown (its menu goes in the card's row)."""
    size = 512 if columns >= SMALL_COLUMNS or len(task.images) > 1 else CARD_IMAGE_SIZE
    many = len(task.images) > 1
    cells = st.container(key=f"{MANY}{task.task_id}").columns(2, gap="small") if many else [st.container()]
    usable = True
    for index, name in enumerate(task.images):
        with cells[index % len(cells)]:
            small = thumbnail(ctx.store, task, name, size)
            with result_container(f"{key}-{task.task_id}", index):  # a click opens the viewer, ←/→ go on
                picture(small, width="stretch")  # or why it cannot be shown
                large = thumbnail(ctx.store, task, name, CARD_IMAGE_SIZE) if size < CARD_IMAGE_SIZE else None
                large_copy(large, task.prompt, key=f"{key}-{task.task_id}-{index}")
            usable = shown(small)
            if many:
                more_menu(ctx, task, index, key, usable=usable)
    return usable


def result_card(ctx: SessionContext, task: Task, key: str, *, columns: int = 4) -> None:
    """One model's result in a comparison (see the module's docstring)."""
    following.shown(task.task_id)
    picked = task.favourite and task.state == "success"
    with st.container(border=True, key=f"{CARD}{'picked-' if picked else ''}{task.task_id}"):
        badge = "" if picked else f" {state_badge(task)}"  # the winner says "Picked" once, by its Pick
        st.markdown(f"**{literal(catalog.name_of(task.model), one_line=True)}**{badge}")
        if task.images:
            usable = pictures(ctx, task, key, columns)
            action_row(ctx, task, key, more=0 if len(task.images) == 1 else None, usable=usable)
        elif task.state == "failed":
            show_message(task_failure_message(task.error_code, task.error_message)[:300], "error",
                         icon=":material/error:")
        elif task.state == "timed_out":
            st.warning("No answer in time.", icon=":material/schedule:")
        else:
            left = ctx.workspace.time_left(task)  # an estimate from this model's recent tasks, never a percentage
            st.caption(f":material/hourglass_top: {pending_words(task, left=left)}")
        st.caption(facts_line(ctx, task))
        if not task.images and task.state in ("failed", "timed_out"):
            action_row(ctx, task, key, more=0, usable=False)  # Run again: what needs no picture

