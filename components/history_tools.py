"""History's whole-view actions: a ZIP of every image of the view, the JSON export, Add a task by ID, removing the
demo tasks, and the cost per day."""

from __future__ import annotations

import time
from datetime import date, datetime

import streamlit as st

from components import following
from components.credits import price as price_of_image
from components.history_filters import day_start, open_task, showing_demo, view
from components.session import SessionContext
from components.trouble import show_error
from components.workspace_actions import audit
from kie import catalog, errors, figures
from kie.export import history_json, view_zip_name, zip_images
from kie.prices import Price, catalogue_price, task_cost
from kie.store import TaskQuery

COST_DAYS = 14


def remove_demo(ctx: SessionContext) -> int:
    """Remove every demo-gallery task in one press; returns how many went."""
    removed = ctx.workspace.store.delete_demo()
    audit(ctx, "remove demo tasks", None, str(removed))
    st.session_state["demo_removed"] = removed
    return removed


def _view_zip(ctx: SessionContext, query: TaskQuery):
    """Every image of the filtered view, built only when the button is pressed."""
    return lambda: zip_images(ctx.store, view(ctx.store, query))


def cost_per_day(ctx: SessionContext) -> None:
    """Tasks, images and credits per day over the last two weeks: measured, and estimated where unknown."""
    since = day_start(date.today(), -(COST_DAYS - 1))
    price = price_of_image(ctx)
    days: dict[str, dict] = {}
    estimated_models: set[str] = set()
    for task in ctx.store.query(TaskQuery(created_from=since), limit=-1):  # every model: a cost is a cost
        day = datetime.fromtimestamp(task.created_at).strftime("%Y-%m-%d")
        row = days.setdefault(day, {"day": day, "tasks": 0, "images": 0, "credits": 0.0, "estimated": 0.0})
        cost, estimated = task_cost(task, price)
        row["tasks"] += 1
        row["images"] += task.request.images if task.state != "failed" else 0
        row["estimated" if estimated else "credits"] += cost or 0.0
        if estimated and cost:
            estimated_models.add(task.model)
    if not days:
        st.caption("No tasks in the last two weeks.")
        return
    st.dataframe(list(days.values()), hide_index=True, column_config={
        "credits": st.column_config.NumberColumn("credits (measured)", format="%.2f"),
        "estimated": st.column_config.NumberColumn("credits (estimate)", format="%.2f")})
    st.caption("Measured: the balance was read before and after the task with nothing else made in between. "
               + estimates_note(price, estimated_models))


def estimates_note(price: Price | None, models: set[str]) -> str:
    """What each estimate was made from: the price of one image of every model estimated, and its source."""
    if not models:
        return "Nothing here needed an estimate."
    parts = []
    for model in sorted(models, key=catalog.name_of):
        used = price if price is not None and price.model == model else catalogue_price(model)
        if used is not None:
            parts.append(f"{catalog.name_of(model)} {figures.credits_words(used.credits)} per image ({used.source})")
    return "Estimates: " + "; ".join(parts) + "." if parts else "No price is known yet for estimates."


def add_by_id(ctx: SessionContext) -> None:
    """"Add a task by ID": a task made elsewhere with the same key joins this history and opens."""
    with st.popover("Add a task by ID", icon=":material/add:"):
        st.caption("A task made elsewhere with the same key (a script, say) joins this history.")
        task_id = st.text_input("Task ID", key="adopt_id", placeholder="task_4o_…")
        if st.button("Add task", key="adopt_go"):
            if not task_id.strip():
                st.error("Paste a task ID first.")
            else:
                try:
                    task = ctx.workspace.add_by_id(task_id)
                except errors.KieError as error:
                    show_error(error)
                else:
                    if task.needs_polling:
                        following.follow(task.task_id)
                    open_task(task.task_id)
                    st.rerun()


def view_tools(ctx: SessionContext, query: TaskQuery, total: int) -> None:
    """Whole-view actions: ZIP of every image, JSON export, adding a task by its ID, demo tasks, costs."""
    with st.container(horizontal=True, gap="small", key="history-tools"):
        st.download_button(
            "Download the view (ZIP)", _view_zip(ctx, query), disabled=total == 0, on_click="ignore",
            file_name=view_zip_name(query.search), mime="application/zip", icon=":material/folder_zip:",
        )
        st.download_button(
            "Export history (JSON)", lambda: history_json(view(ctx.store, query)), on_click="ignore",
            file_name=f"4o-image-studio-history-{time.strftime('%Y%m%d')}.json", mime="application/json",
            icon=":material/data_object:", disabled=total == 0,
        )
        add_by_id(ctx)
        if ctx.mode == "demo" or showing_demo():
            st.button("Remove demo tasks", key="hist-remove-demo", icon=":material/delete_sweep:",
                      on_click=remove_demo, args=(ctx,),
                      help="Removes every task the demo gallery added; your own tasks stay.")
    if (removed := st.session_state.pop("demo_removed", None)) is not None:
        st.success(f"Removed {removed} demo task{'s' if removed != 1 else ''}." if removed else
                   "There were no demo tasks to remove.", icon=":material/delete_sweep:")
    # A toggle, not a popover: the table reads two weeks of tasks, so it is built only while asked for.
    if st.toggle("Cost per day", key="hist_cost_per_day"):
        cost_per_day(ctx)
