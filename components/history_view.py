"""The History page's parts: filters bound to the URL, the gallery, and one task in detail."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from functools import partial

import streamlit as st

from components import reuse, session
from components.compare import compare_picker
from components.picker import PickedPicture
from components.session import StudioSession, show_error
from components.task_card import (
    STATE_BADGES,
    cost_label,
    edit_results,
    input_thumbnail,
    picture,
    task_status,
    thumbnail,
    when,
)
from components.text import code, identity, literal, show_message, show_text
from kie import errors
from kie.errors import task_failure_message
from kie.export import history_json, image_download, image_file_name, view_zip_name, zip_images, zip_name
from kie.images import image_size
from kie.models import KIND_LABELS, Task
from kie.pngmeta import safe_parameters
from kie.prices import task_cost
from kie.store import TaskQuery
from kie.team import owner_label

STATES = {"pending": ("pending",), "done": ("success",), "failed": ("failed", "timed_out")}
STATE_LABELS = {"pending": "Pending", "done": "Done", "failed": "Failed"}
PAGE_SIZE = 24
LINK_MINUTES = 20


def _first_page() -> None:
    st.session_state["page"] = 1


def filters() -> TaskQuery:
    """The filter widgets, each bound to a URL query parameter so a view can be shared."""
    search, states, kinds = st.columns([3, 2, 3])
    search.text_input("Search prompts", key="q", bind="query-params", on_change=_first_page,
                      placeholder="a word of the prompt")
    states.pills("State", list(STATES), format_func=STATE_LABELS.get, selection_mode="multi", key="state",
                 bind="query-params", on_change=_first_page)
    kinds.pills("Kind", list(KIND_LABELS), format_func=KIND_LABELS.get, selection_mode="multi", key="kind",
                bind="query-params", on_change=_first_page)
    fav, since, until, _ = st.columns([2, 2, 2, 2])
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
    )


def _day_start(day: date | None, days: int = 0) -> float | None:
    if not day:
        return None
    return datetime.combine(day + timedelta(days=days), datetime.min.time()).timestamp()


def open_task(task_id: str | None) -> None:
    if task_id:
        st.query_params["task"] = task_id
    else:
        st.query_params.pop("task", None)


def tile(conn: StudioSession, task: Task, key: str) -> None:
    """One task in the gallery: a thumbnail (or its progress, or why it failed) and two buttons."""
    session.shown(task.task_id)
    with st.container(border=True):
        if task.images:
            picture(thumbnail(conn.store, task, task.images[0], 256), width="stretch")
        elif task.needs_polling:
            st.progress(task.progress, text=f"Generating… {task.progress:.0%}")
        elif task.state == "failed":
            st.caption(f":red[{literal(task_failure_message(task.error_code, task.error_message), 140)}]")
        elif task.state == "timed_out":
            st.caption(":orange[No answer in time; open it to keep waiting.]")
        st.markdown(f"{STATE_BADGES.get(task.state, '')} {'★' if task.favourite else ''}  \n"
                    f"{literal(task.prompt or '(from references)', 90)}")
        st.caption(f"{KIND_LABELS.get(task.kind, task.kind)} · {when(task.created_at)}{cost_label(conn, task)}")
        left, right = st.columns(2)
        if left.button("Open", key=f"{key}-open-{task.task_id}", icon=":material/open_in_full:"):
            open_task(task.task_id)
            st.rerun(scope="app")
        if right.button("Unstar" if task.favourite else "Star", key=f"{key}-fav-{task.task_id}",
                        icon=":material/star:" if not task.favourite else ":material/star_border:"):
            conn.studio.store.set_favourite(task.task_id, not task.favourite)
            st.rerun(scope="app")
        compare_picker(conn, task, key)


def _go(delta: int) -> None:
    st.session_state["page"] = int(st.session_state.get("page") or 1) + delta


def pager(total: int) -> int:
    pages = max(1, -(-total // PAGE_SIZE))
    if int(st.session_state.get("page") or 1) > pages:
        st.session_state["page"] = pages
    prev, number, nxt, info = st.columns([1, 2, 1, 4], vertical_alignment="bottom")
    page = int(st.session_state.get("page") or 1)
    prev.button("Previous", disabled=page <= 1, icon=":material/chevron_left:", on_click=_go, args=(-1,))
    nxt.button("Next", disabled=page >= pages, icon=":material/chevron_right:", on_click=_go, args=(1,))
    number.number_input("Page", min_value=1, max_value=pages, step=1, key="page", bind="query-params")
    page = int(st.session_state.get("page") or 1)
    info.caption(f"{total:,} task{'s' if total != 1 else ''} · page {page} of {pages}")
    return page


def _view_zip(conn: StudioSession, query: TaskQuery):
    """Every image of the filtered view, built only when the button is pressed."""
    return lambda: zip_images(conn.store, conn.store.query(query, limit=-1))


COST_DAYS = 14


def cost_per_day(conn: StudioSession) -> None:
    """Tasks, images and credits per day over the last two weeks: measured, and estimated where unknown."""
    since = _day_start(date.today(), -(COST_DAYS - 1))
    price = session.price(conn)
    days: dict[str, dict] = {}
    for task in conn.store.query(TaskQuery(created_from=since), limit=-1):
        day = datetime.fromtimestamp(task.created_at).strftime("%Y-%m-%d")
        row = days.setdefault(day, {"day": day, "tasks": 0, "images": 0, "credits": 0.0, "estimated": 0.0})
        cost, estimated = task_cost(task, price)
        row["tasks"] += 1
        row["images"] += task.request.n_variants if task.state != "failed" else 0
        row["estimated" if estimated else "credits"] += cost or 0.0
    if not days:
        st.caption("No tasks in the last two weeks.")
        return
    st.dataframe(list(days.values()), hide_index=True, column_config={
        "credits": st.column_config.NumberColumn("credits (measured)", format="%.2f"),
        "estimated": st.column_config.NumberColumn("credits (estimate)", format="%.2f")})
    st.caption("Measured: the balance was read before and after the task with nothing else made in between. "
               + (f"Estimates: {price.credits:g} credits per image, {price.source}." if price else
                  "No price is known yet for estimates."))


def view_tools(conn: StudioSession, query: TaskQuery, total: int) -> None:
    """Whole-view actions: ZIP of every image, JSON export, adopting a task by its ID."""
    zip_col, json_col, add_col, cost_col = st.columns(4)
    # A toggle, not a popover: the table reads two weeks of tasks, so it is built only while asked for.
    if cost_col.toggle("Cost per day", key="hist_cost_per_day"):
        cost_per_day(conn)
    zip_col.download_button(
        "Download the view (ZIP)", _view_zip(conn, query), disabled=total == 0, on_click="ignore",
        file_name=view_zip_name(query.search),
        mime="application/zip", icon=":material/folder_zip:",
    )
    json_col.download_button(
        "Export history (JSON)", lambda: history_json(conn.store.query(query, limit=-1)), on_click="ignore",
        file_name=f"4o-image-studio-history-{time.strftime('%Y%m%d')}.json", mime="application/json",
        icon=":material/data_object:", disabled=total == 0,
    )
    with add_col.popover("Add a task by ID", icon=":material/add:"):
        st.caption("A task made elsewhere with the same key (a script, say) joins this history.")
        task_id = st.text_input("Task ID", key="adopt_id", placeholder="task_4o_…")
        if st.button("Add task", key="adopt_go"):
            if not task_id.strip():
                st.error("Paste a task ID first.")
            else:
                try:
                    task = conn.studio.adopt(task_id)
                except errors.KieError as error:
                    show_error(error)
                else:
                    if task.needs_polling:
                        session.follow(task.task_id)
                    st.success(f"Added {code(task.task_id)}.")
                    open_task(task.task_id)
                    st.rerun()


# -- one task -------------------------------------------------------------------------------

def _use_in_edit(conn: StudioSession, task: Task) -> None:
    if task.kind == "edit" and task.inputs.get("source"):
        reuse.reopen_edit(conn, task)
    else:
        reuse.result_as_source(conn, task, 0)
    st.switch_page(reuse.EDIT_PAGE)


def _use_as_reference(conn: StudioSession, task: Task) -> None:
    for index, name in enumerate(task.images):
        content = conn.store.image_path(task.task_id, name).read_bytes()
        picked = PickedPicture(conn.store.save_input(content, ".png"), *image_size(content),
                               label=f"{(task.prompt or task.task_id)[:30]} #{index + 1}")
        if not reuse.add_reference(picked):
            break
    st.switch_page(reuse.GENERATE_PAGE)


def _direct_link(conn: StudioSession, task: Task, index: int) -> None:
    try:
        link = conn.client.download_url(task.task_id, task.result_urls[index])
    except errors.KieError as error:
        st.session_state[f"link-{task.task_id}-{index}"] = ("", error.message + " " + error.hint)
        return
    st.session_state[f"link-{task.task_id}-{index}"] = (link, time.strftime("%H:%M", time.localtime(
        time.time() + LINK_MINUTES * 60)))


def detail(conn: StudioSession, task: Task, key: str) -> None:
    """Everything about one task, and what can be done with it."""
    session.shown(task.task_id)
    st.markdown(f"### {STATE_BADGES.get(task.state, '')} {KIND_LABELS.get(task.kind, task.kind)}")
    if task.prompt:
        show_text(task.prompt)
    else:
        st.markdown("*(no prompt: made from reference images)*")
    st.code(task.task_id, language=None)
    task_status(conn, task, key)
    facts, params = st.columns(2)
    with facts:
        duration = f"{task.duration:.0f} s" if task.duration is not None else "—"
        st.markdown(f"**Submitted** {when(task.created_at)}  \n**Finished** {when(task.completed_at)}  \n"
                    f"**Duration** {duration}  \n**Status checks** {task.polls}"
                    + (f"  \n**Cost** {task.credits:g} credits" if task.credits is not None else "")
                    + (f"  \n**Made by** {identity(owner_label(conn.studio.store, task.owner))}"
                       if conn.person else ""))
        expires = task.upstream_expires_at
        if time.time() < expires:
            st.caption(f"The service keeps its copies until {when(expires)} (14 days); the copies here stay.")
        else:
            st.caption("The service's copies have expired (after 14 days); the copies here stay.")
    with params:
        st.caption("Parameters sent")
        st.json(safe_parameters(task.request), expanded=True)
    if task.kind == "edit" and task.inputs.get("source") and task.images:
        st.caption("Before and after: drag to compare")
        edit_results(conn, task, key=key)
    elif task.inputs.get("source") or task.inputs.get("mask"):
        st.caption("Source and mask")
        cols = st.columns(4)
        for col, role in zip(cols, ("source", "mask"), strict=False):
            if task.inputs.get(role):
                with col:
                    picture(input_thumbnail(conn.store, task.inputs[role]), caption=role.title(), width="stretch")
    if task.kind != "edit" or not task.inputs.get("source"):
        grid = st.columns(2)
        for index, name in enumerate(task.images):
            path = conn.store.image_path(task.task_id, name)
            with grid[index % 2]:
                _full_image(conn, task, index, path, key)
    actions(conn, task, key)


def _full_image(conn: StudioSession, task: Task, index: int, path, key: str) -> None:
    picture(path, caption=f"Image {index + 1}", width="stretch")
    if not path.exists():
        return
    dl, link = st.columns(2)
    dl.download_button("Download PNG", partial(image_download, conn.store, task, index),
                       file_name=image_file_name(task, index), mime="image/png", key=f"{key}-png-{index}",
                       on_click="ignore", icon=":material/download:")
    if time.time() < task.upstream_expires_at and index < len(task.result_urls):
        link.button("Get a direct link", key=f"{key}-link-{index}", on_click=_direct_link,
                    args=(conn, task, index), icon=":material/link:")
        if found := st.session_state.get(f"link-{task.task_id}-{index}"):
            if found[0]:
                st.code(found[0], language=None)
                st.caption(f"Valid for {LINK_MINUTES} minutes (until about {found[1]}).")
            else:
                show_message(found[1], "error")


def actions(conn: StudioSession, task: Task, key: str) -> None:
    cols = st.columns(7)
    if cols[0].button("Re-run", key=f"{key}-rerun", icon=":material/replay:"):
        try:
            again = conn.studio.rerun(task)
        except errors.KieError as error:
            show_error(error)
        else:
            session.follow(again.task_id)
            open_task(again.task_id)
            st.rerun(scope="app")
    if cols[1].button("Open in Edit", key=f"{key}-edit", icon=":material/brush:",
                      disabled=not (task.images or task.inputs.get("source"))):
        _use_in_edit(conn, task)
    if cols[2].button("Use as reference", key=f"{key}-ref", icon=":material/collections:", disabled=not task.images):
        _use_as_reference(conn, task)
    if cols[3].button("Unstar" if task.favourite else "Star", key=f"{key}-star", icon=":material/star:"):
        conn.studio.store.set_favourite(task.task_id, not task.favourite)
        st.rerun(scope="app")
    if cols[6].button("Remove from showcase" if task.showcase else "Add to showcase", key=f"{key}-showcase",
                      icon=":material/slideshow:", disabled=not task.images):
        conn.studio.store.set_showcase(task.task_id, not task.showcase)
        st.toast("Removed from the showcase." if task.showcase else "Added to the showcase.")
        st.rerun(scope="app")
    if conn.person and conn.person.is_admin and task.owner is None and conn.team:
        st.caption("This task was made before sign-in was on: its owner is unknown.")
        if st.button("Adopt: make it mine", key=f"{key}-adopt", icon=":material/person_add:"):
            conn.studio.store.scoped(None).set_owner(task.task_id, conn.person.id)
            session.audit(conn, "adopt", task.task_id)
            st.rerun(scope="app")
    cols[4].download_button("All images (ZIP)", lambda: zip_images(conn.store, [task]), file_name=zip_name(task),
                            mime="application/zip", key=f"{key}-zip", on_click="ignore", disabled=not task.images,
                            icon=":material/folder_zip:")
    if cols[5].button("Delete", key=f"{key}-delete", icon=":material/delete:"):
        st.session_state["confirm_delete"] = task.task_id
    if st.session_state.get("confirm_delete") == task.task_id:
        st.warning("Delete this task and its images from the local history? The service's copy is not touched. "
                   "This cannot be undone.")
        yes, no, _ = st.columns([1, 1, 4])
        if yes.button("Yes, delete", key=f"{key}-delete-yes", type="primary"):
            # Admins may delete any task; others only their own (the person's store refuses the rest).
            writer = conn.studio.store.scoped(None) if conn.person and conn.person.is_admin else conn.studio.store
            st.session_state.pop("confirm_delete", None)
            if not writer.delete(task.task_id):
                st.error("Only the person who made this task, or an admin, can delete it.")
                return
            session.audit(conn, "delete", task.task_id, task.prompt[:80])
            open_task(None)
            st.toast("Task deleted.")
            st.rerun(scope="app")
        if no.button("Cancel", key=f"{key}-delete-no"):
            st.session_state.pop("confirm_delete", None)
            st.rerun(scope="app")
