"""The History page's parts: filters bound to the URL, the gallery, and one task in detail."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta

import streamlit as st

from components import reuse, session
from components.compare_models import comparison_url
from components.session import SessionContext, show_error
from components.task_card import (
    CARD_IMAGE_SIZE,
    STATE_WORDS,
    TILE_IMAGE_SIZE,
    changed_or_refused,
    cost_label,
    edit_results,
    facts,
    images_grid,
    input_thumbnail,
    model_name,
    picture,
    show_pending,
    state_badge,
    task_status,
    technical_details,
    thumbnail,
    vary,
    when,
)
from components.task_diff_view import compare_picker
from components.text import literal, show_message, show_text
from components.viewer import large_copy, result_container
from kie import catalog, errors
from kie.errors import task_failure_message
from kie.export import history_json, view_zip_name, zip_images, zip_name
from kie.gallery import PREFIX as DEMO_PREFIX
from kie.models import KIND_LABELS, Task
from kie.prices import Price, catalogue_price, task_cost
from kie.store import Store, TaskQuery
from kie.workspace import TaskOfAnotherPerson

STATES = {"pending": ("pending",), "done": ("success",), "failed": ("failed", "timed_out")}
STATE_LABELS = {"pending": STATE_WORDS["pending"], "done": STATE_WORDS["success"], "failed": STATE_WORDS["failed"]}
ORIGINS = {"own": "Your own", "demo": "Demo"}
PAGE_SIZE = 24
LINK_MINUTES = 20


def _first_page() -> None:
    st.session_state["page"] = 1


def _models() -> list[str]:
    return list(catalog.CATALOG)  # every model and tool the catalogue knows


def filters() -> TaskQuery:
    """The filter widgets, each bound to a URL query parameter so a view can be shared.

    Rows of at most two controls, so that every option shows at 800 px and the columns stack at 400 px."""
    st.text_input("Search prompts", key="q", bind="query-params", on_change=_first_page,
                  placeholder="a word of the prompt")
    states, kinds = st.columns(2)
    states.pills("State", list(STATES), format_func=STATE_LABELS.get, selection_mode="multi", key="state",
                 bind="query-params", on_change=_first_page)
    kinds.pills("Kind", list(KIND_LABELS), format_func=KIND_LABELS.get, selection_mode="multi", key="kind",
                bind="query-params", on_change=_first_page)
    models, origin = st.columns(2)
    models.multiselect("Model", _models(), format_func=model_name, key="model", bind="query-params",
                       on_change=_first_page, placeholder="Any model")
    origin.pills("Made by", list(ORIGINS), format_func=ORIGINS.get, selection_mode="single", key="origin",
                 bind="query-params", on_change=_first_page, help="Demo: the demo gallery's tasks")
    fav, since, until = st.columns(3, vertical_alignment="bottom")
    fav.toggle("Favourites only", key="fav", bind="query-params", on_change=_first_page)
    since.date_input("From", value=None, key="since", bind="query-params", on_change=_first_page)
    until.date_input("To", value=None, key="until", bind="query-params", on_change=_first_page)
    return TaskQuery(
        states=tuple(s for name in st.session_state.get("state") or () for s in STATES.get(name, ())),
        kinds=tuple(st.session_state.get("kind") or ()),
        search=st.session_state.get("q") or "",
        favourites_only=bool(st.session_state.get("fav")),
        created_from=_day_start(st.session_state.get("since")),
        created_to=_day_start(st.session_state.get("until"), days=1),
        models=tuple(st.session_state.get("model") or ()),
        demo={"demo": True, "own": False}.get(st.session_state.get("origin") or ""),
    )


def is_demo(task: Task) -> bool:
    """One of the demo gallery's tasks (marked so by kie/gallery.py; older ones are known by their id)."""
    return task.demo or task.task_id.startswith(DEMO_PREFIX)


def view(store: Store, query: TaskQuery, *, limit: int = -1, offset: int = 0) -> list[Task]:
    """The tasks of the view (every filter, Model and Made-by included, applied in SQL)."""
    return store.query(query, limit=limit, offset=offset)


def view_count(store: Store, query: TaskQuery) -> int:
    """How many tasks the view has."""
    return store.count(query)


def remove_demo(ctx: SessionContext) -> int:
    """Remove every demo-gallery task in one press; returns how many went."""
    removed = ctx.workspace.store.delete_demo()
    session.audit(ctx, "remove demo tasks", None, str(removed))
    st.session_state["demo_removed"] = removed
    return removed


def _day_start(day: date | None, days: int = 0) -> float | None:
    if not day:
        return None
    return datetime.combine(day + timedelta(days=days), datetime.min.time()).timestamp()


def open_task(task_id: str | None) -> None:
    if task_id:
        st.query_params["task"] = task_id
    else:
        st.query_params.pop("task", None)


def tile(ctx: SessionContext, task: Task, key: str) -> None:
    """One task in the gallery: a thumbnail (or its progress, or why it failed) and two buttons."""
    session.shown(task.task_id)
    with st.container(border=True, key=f"tile-{task.task_id}"):
        if task.images:
            with result_container(f"{key}-{task.task_id}", 0):
                picture(thumbnail(ctx.store, task, task.images[0], TILE_IMAGE_SIZE), width="stretch")
                # The viewer shows the card's large copy, fetched only when it is opened.
                large_copy(thumbnail(ctx.store, task, task.images[0], CARD_IMAGE_SIZE), task.prompt,
                           key=f"{key}-{task.task_id}-0")
        elif task.state == "pending":
            show_pending(ctx, task)
        elif task.needs_polling:
            st.progress(1.0, text="Done: fetching the pictures…")
        elif task.state == "failed":
            failure = task_failure_message(task.error_code, task.error_message)
            st.caption(f":red[{literal(failure, 140, one_line=True)}]")  # one line: a colour cannot span lines
        elif task.state == "timed_out":
            st.caption(":orange[No answer in time; open it to keep waiting.]")
        st.markdown(f"{state_badge(task)}{' :violet-badge[Demo]' if is_demo(task) else ''}"
                    f"{' ★' if task.favourite else ''}")
        show_text(task.prompt or "(from references)", 90)
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


def _view_zip(ctx: SessionContext, query: TaskQuery):
    """Every image of the filtered view, built only when the button is pressed."""
    return lambda: zip_images(ctx.store, view(ctx.store, query))


COST_DAYS = 14


def cost_per_day(ctx: SessionContext) -> None:
    """Tasks, images and credits per day over the last two weeks: measured, and estimated where unknown."""
    since = _day_start(date.today(), -(COST_DAYS - 1))
    price = session.price(ctx)
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
            parts.append(f"{catalog.name_of(model)} {used.credits:g} credits per image ({used.source})")
    return "Estimates: " + "; ".join(parts) + "." if parts else "No price is known yet for estimates."


def view_tools(ctx: SessionContext, query: TaskQuery, total: int) -> None:
    """Whole-view actions: ZIP of every image, JSON export, adopting a task by its ID, demo tasks, costs."""
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
                            session.follow(task.task_id)
                        open_task(task.task_id)
                        st.rerun()
        if ctx.mode == "demo" or st.session_state.get("origin") == "demo":
            st.button("Remove demo tasks", key="hist-remove-demo", icon=":material/delete_sweep:",
                      on_click=remove_demo, args=(ctx,),
                      help="Removes every task the demo gallery added; your own tasks stay.")
    if (removed := st.session_state.pop("demo_removed", None)) is not None:
        st.success(f"Removed {removed} demo task{'s' if removed != 1 else ''}." if removed else
                   "There were no demo tasks to remove.", icon=":material/delete_sweep:")
    # A toggle, not a popover: the table reads two weeks of tasks, so it is built only while asked for.
    if st.toggle("Cost per day", key="hist_cost_per_day"):
        cost_per_day(ctx)


# -- one task -------------------------------------------------------------------------------

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
    session.shown(task.task_id)
    st.markdown(f"### {state_badge(task)} {KIND_LABELS.get(task.kind, task.kind)} · "
                f"{literal(model_name(task.model), one_line=True)}"
                + (" :violet-badge[Demo]" if is_demo(task) else ""))
    show_text(task.prompt or "(no prompt: made from reference images)")
    if not task_status(ctx, task, key):
        if task.kind == "edit" and task.inputs.get("source"):
            st.caption("Before and after: drag to compare")
            edit_results(ctx, task, key=key)
        else:
            images_grid(ctx, task, key=key)
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


def actions(ctx: SessionContext, task: Task, key: str) -> None:
    """The task's own actions in one row that wraps; Delete stands apart at its end. Vary, Star and the showcase
    are here only for a task without pictures: each picture carries them under it."""
    pictures_act = bool(task.images)
    with st.container(horizontal=True, gap="small", key=f"{key}-task-actions"):
        if not pictures_act and st.button("Vary", key=f"{key}-rerun", icon=":material/replay:",
                                          help="Send the same request again"):
            if again := vary(ctx, task):
                open_task(again.task_id)
                st.rerun(scope="app")
        if not pictures_act and st.button("Unstar" if task.favourite else "Star", key=f"{key}-star",
                                          icon=":material/star:"):
            changed_or_refused(ctx.workspace.store.set_favourite(task.task_id, not task.favourite))
        if task.kind == "edit" and task.inputs.get("source"):
            if st.button("Edit again", key=f"{key}-reopen", icon=":material/brush:",
                         help="Opens this edit's source and mask on the Edit page"):
                reuse.reopen_edit(ctx, task)
                st.switch_page(reuse.EDIT_PAGE)
        st.download_button("All images (ZIP)", lambda: zip_images(ctx.store, [task]), file_name=zip_name(task),
                           mime="application/zip", key=f"{key}-zip", on_click="ignore", disabled=not task.images,
                           icon=":material/folder_zip:")
        st.space("stretch")
        if st.button("Delete", key=f"{key}-delete", icon=":material/delete:"):
            st.session_state["confirm_delete"] = task.task_id
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
