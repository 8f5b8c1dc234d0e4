"""One task as a card: what was asked, its state, its pictures large, and what can be done with each."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path

import streamlit as st

from components import reuse, session
from components.before_after import PREVIEW_MAX_SIDE, before_after
from components.picker import PickedPicture
from components.session import StudioSession
from components.text import code, identity, literal, show_caption, show_text
from components.viewer import large_copy, result_container
from kie import catalog, errors
from kie.errors import task_failure_message
from kie.export import image_download, image_file_name
from kie.models import KIND_LABELS, Task
from kie.pngmeta import safe_parameters
from kie.polling import duration_words
from kie.prices import task_cost
from kie.results import DOWNLOAD_FAILED
from kie.simulator.art.vocab import demo_note
from kie.store import Store
from kie.team import owner_label
from kie.thumbnails import MISSING, Unshowable, size_of, small_copy
from kie.thumbnails import thumbnail_bytes as thumbnail_bytes  # the cards' small copies (tests use it)

# The one mapping from a task's state to the words people read (cards, tiles, detail, batches, filters).
STATE_WORDS = {"queued": "Queued", "pending": "Generating", "success": "Done", "failed": "Failed",
               "timed_out": "No answer yet"}
_BADGE_STYLE = {"queued": ("grey", "schedule"), "pending": ("blue", "hourglass_top"), "success": ("green", "check"),
                "failed": ("red", "error"), "timed_out": ("orange", "schedule")}
STATE_BADGES = {state: f":{colour}-badge[:material/{icon}: {STATE_WORDS[state]}]"
                for state, (colour, icon) in _BADGE_STYLE.items()}

FOLLOW_NOTES = {
    "callback": ":material/notifications_active: The service will tell this app when the picture is ready "
                "(the app also looks now and then, in case that message is lost).",
    "polling": ":material/sync: The app checks with the service every few seconds until the picture is ready.",
}
CARD_IMAGE_SIZE = 1024  # px: the card shows a picture at the column's width; the viewer shows the same file
TILE_IMAGE_SIZE = 256


def model_name(model: str | None) -> str:
    """A model's display name, from the catalogue (its id when the catalogue no longer lists it)."""
    return catalog.name_of(model or catalog.DEFAULT_MODEL)


SIMULATED_BADGE = ":gray-badge[:material/science: Simulated]"  # demo mode: the simulator drew the pictures


def state_key(task: Task) -> str:
    """The task's state as a key of STATE_WORDS: a pending task the service has not started is Queued."""
    if task.state == "pending" and task.progress <= 0.0 and not task.last_progress_at:
        return "queued"
    return task.state if task.state in STATE_WORDS else "pending"


def state_badge(task: Task) -> str:
    return STATE_BADGES[state_key(task)]


def cost_label(conn: StudioSession, task: Task) -> str:
    """" · 3 credits" when measured, " · about 3 credits (estimate)" from the price table, "" when unknown."""
    cost, estimated = task_cost(task, session.price(conn))
    if cost is None:
        return ""
    return f" · about {cost:g} credits (estimate)" if estimated else f" · {cost:g} credits"


def when(ts: float | None) -> str:
    return datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M") if ts else "—"


Shown = Path | Unshowable  # a small copy's file, or why the picture cannot be shown (a sentence for the page)


def thumbnail(store: Store, task: Task, name: str, size: int = 512) -> Shown:
    """The kept small copy of a result picture, made once; `Unshowable` if it is gone, damaged or too large."""
    return cached_thumbnail(store, task.task_id, f"{size}a-{name}", partial(store.image_path, task.task_id, name),
                            size)


def input_thumbnail(store: Store, name: str, size: int = 512) -> Shown:
    """The kept small copy of an input picture (an edit's source or mask, a reference)."""
    return cached_thumbnail(store, "inputs", f"{size}a-{name}", partial(store.input_path, name), size)


def cached_thumbnail(store: Store, folder: str, name: str, source: Callable[[], Path], size: int) -> Shown:
    """A small copy made once and kept through the store (an object store shares it with every replica), so a
    large picture is decoded on its first view only. Whatever the stored file is (gone, cut short, not a picture,
    far too large), the answer is a copy or a sentence, never an error (kie/thumbnails.py)."""
    thumb = store.thumb_path(folder, name)
    if thumb.exists():
        return thumb  # the full image is not even fetched
    try:
        content = small_copy(source(), size)
    except Unshowable as refused:
        return refused
    return store.save_thumb(folder, name, content)


def shown(path: Shown | None) -> bool:
    """Whether a thumbnail answer is a picture to draw (not a sentence in its place, not gone)."""
    return isinstance(path, Path) and path.exists()


def picture(path: Shown | None, **kwargs) -> None:
    """A kept small copy, or in its place a sentence saying why there is none (gone, damaged, too large)."""
    if shown(path):
        st.image(str(path), **kwargs)
        return
    sentence = path.sentence if isinstance(path, Unshowable) else MISSING
    label = kwargs.get("caption")  # already Markdown-safe where it is people's text (a reference's label)
    st.caption(f":material/broken_image: {f'{label}: ' if label else ''}:grey[{sentence}]")


# -- what can be done with a result --------------------------------------------------------------------------

def _to_edit(conn: StudioSession, task: Task, index: int) -> None:
    reuse.result_as_source(conn, task, index)
    st.switch_page(reuse.EDIT_PAGE)


def _to_reference(conn: StudioSession, task: Task, index: int) -> None:
    if (task := session.usable_task(conn, task, "reference", "gen_refs_error")) is None or index >= len(task.images):
        st.switch_page(reuse.GENERATE_PAGE)  # it says why
        return
    path = conn.store.image_path(task.task_id, task.images[index])
    try:
        size = size_of(path)  # the header alone: a file that cannot be shown is not taken
    except Unshowable as refused:
        st.session_state["gen_refs_error"] = f"That result cannot be used as a reference: {refused.reason}."
        st.switch_page(reuse.GENERATE_PAGE)
        return
    picked = PickedPicture(conn.store.save_input(path.read_bytes(), ".png"), *size,
                           label=f"{(task.prompt or task.task_id)[:30]} #{index + 1}")
    if reuse.add_reference(picked):
        st.switch_page(reuse.GENERATE_PAGE)
    st.rerun(scope="app")  # the Generate page says why (five references already)


def vary(conn: StudioSession, task: Task) -> Task | None:
    """The same request again; the new task is followed and returned (None, with the reason shown, if refused)."""
    try:
        again = conn.studio.rerun(task)
    except errors.KieError as error:
        session.show_error(error)
        return None
    session.follow(again.task_id)
    return again


NOT_YOURS = "Only the person who made this task, or an admin, can change it."


def changed_or_refused(changed: bool) -> None:
    """After a change to a task: draw the page again, or say why the store refused (another person's task)."""
    if changed:
        st.rerun(scope="app")
    st.error(NOT_YOURS, icon=":material/lock:")


def toggle_star(conn: StudioSession, task: Task) -> bool:
    """Star or unstar a task; False when the store refused (not this person's task)."""
    return conn.studio.store.set_favourite(task.task_id, not task.favourite)


TOOLS = {  # button label -> (catalogue tool id, its options)
    "Upscale 2×": ("topaz-upscale", {"upscale_factor": "2"}),
    "Upscale 4×": ("topaz-upscale", {"upscale_factor": "4"}),
    "Remove background": ("recraft-remove-background", {}),
}


def run_tool(conn: StudioSession, task: Task, index: int, label: str) -> Task | None:
    """Upscale or remove the background of one result: a new task linked to its source, followed like any other."""
    tool_id, options = TOOLS[label]
    runner = getattr(conn.studio, "run_tool", None)
    if runner is None:
        st.error("This server's studio cannot run tools yet.", icon=":material/build:")
        return None
    try:
        made = runner(task, index, tool_id, dict(options))
    except errors.KieError as error:
        session.show_error(error)
        return None
    session.follow(made.task_id)
    return made


def result_actions(conn: StudioSession, task: Task, index: int, key: str, *, usable: bool = True) -> None:
    """Under a result picture: Edit, Use as reference, Vary, Star, Download; tools and the rest in a menu. Under a
    picture that cannot be shown (`usable` False) only what needs no picture: Vary and Star."""
    k = f"{key}-{task.task_id}-{index}"
    with st.container(horizontal=True, gap="small", key=f"actions-{k}"):
        if usable and st.button("Edit", key=f"{k}-edit", icon=":material/brush:",
                                help="Open the Edit page with this picture"):
            _to_edit(conn, task, index)
        if usable and st.button("Use as reference", key=f"{k}-ref", icon=":material/collections:",
                                help="Add it to Generate's reference images"):
            _to_reference(conn, task, index)
        if st.button("Vary", key=f"{k}-vary", icon=":material/replay:", help="Send the same request again"):
            if vary(conn, task):
                st.rerun(scope="app")
        if st.button("Unstar" if task.favourite else "Star", key=f"{k}-star",
                     icon=":material/star:" if not task.favourite else ":material/star_border:"):
            changed_or_refused(toggle_star(conn, task))
        if not usable:
            return
        st.download_button("Download", partial(image_download, conn.store, task, index),
                           file_name=image_file_name(task, index), mime="image/png", icon=":material/download:",
                           key=f"{k}-dl", on_click="ignore", help="The PNG, with its prompt and settings inside")
        with st.popover("More", icon=":material/more_horiz:", key=f"{k}-more"):
            for label in TOOLS:
                if st.button(label, key=f"{k}-tool-{label}", icon=":material/auto_fix_high:", width="stretch"):
                    if run_tool(conn, task, index, label):
                        st.rerun(scope="app")
            if st.button("Remove from showcase" if task.showcase else "Add to showcase", key=f"{k}-showcase",
                         icon=":material/slideshow:", width="stretch"):
                changed_or_refused(conn.studio.store.set_showcase(task.task_id, not task.showcase))


def result_picture(conn: StudioSession, task: Task, index: int, key: str) -> None:
    """One result, large (the column's width; a click opens the viewer), with its actions under it."""
    name = task.images[index]
    with result_container(f"{key}-{task.task_id}", index):
        thumb = thumbnail(conn.store, task, name, CARD_IMAGE_SIZE)
        picture(thumb, width="stretch")
        large_copy(None, task.prompt, key=f"{key}-{task.task_id}-{index}")  # the viewer's caption; this copy is large
    result_actions(conn, task, index, key, usable=shown(thumb))  # without a picture: only what needs none


def images_grid(conn: StudioSession, task: Task, *, key: str, columns: int = 2) -> None:
    """The task's pictures, large: one fills the card, several share it in rows of two."""
    count = len(task.images)
    cols = st.columns(min(columns, count)) if count > 1 else [st.container()]
    for index in range(count):
        with cols[index % len(cols)]:
            result_picture(conn, task, index, key)


def edit_results(conn: StudioSession, task: Task, *, key: str) -> None:
    """An edit's results, each as a before/after slider over the source, with its actions and the mask on demand."""
    # The slider shows kept small copies (made once), never the stored files themselves: a large or damaged one
    # costs nothing per view, and either side that cannot be shown leaves the result drawn on its own.
    source = input_thumbnail(conn.store, task.inputs["source"], PREVIEW_MAX_SIDE) if task.inputs.get("source") else None
    if source is not None and not shown(source):
        picture(source, caption="Before")  # why there is no slider: the source's sentence
    for index, name in enumerate(task.images):
        after = thumbnail(conn.store, task, name, PREVIEW_MAX_SIDE)
        if not (shown(source) and shown(after)):
            result_picture(conn, task, index, key)
            continue
        before_after(source, after, key=f"{key}-ba-{task.task_id}-{index}")
        result_actions(conn, task, index, key)
    if task.inputs.get("mask") and st.toggle("Show mask", key=f"{key}-mask-{task.task_id}"):
        picture(input_thumbnail(conn.store, task.inputs["mask"], 256), caption="Mask: black changes, white stays",
                width=200)


def pending_words(task: Task, verb: str = "Generating", left: str | None = None) -> str:
    """How far a pending task is: "Generating… 40%", or for a model without a progress figure its state and an
    estimate ("Queued… about 40 s left", "Generating… any moment now"), never a percentage it did not report."""
    if left:
        return f"{'Queued' if state_key(task) == 'queued' else verb}… {left}"
    return f"{verb}… {task.progress:.0%}"


def show_pending(conn: StudioSession, task: Task, verb: str = "Generating") -> None:
    """A pending task's progress bar, or for a model without a progress figure its state and an estimate."""
    left = conn.studio.time_left(task)  # a model without a progress figure: an estimate, never a fake 0 %
    if left:
        st.caption(f":material/hourglass_top: {pending_words(task, verb, left)}")
    elif state_key(task) == "queued":
        st.progress(0.0, text="Queued: waiting for the service to start…")
    else:
        st.progress(task.progress, text=pending_words(task, verb))


def task_status(conn: StudioSession, task: Task, key: str, *, verb: str = "Generating") -> bool:
    """Draw a task's progress, failure or time-out; False when it is done with its pictures cached."""
    if task.state == "pending":
        show_pending(conn, task, verb)
        st.caption(FOLLOW_NOTES[task.follow])
        if task.error_message:
            st.caption(f":orange[{literal(task.error_message, one_line=True)}]")
    elif task.state == "success" and task.needs_polling:
        st.progress(1.0, text="Done: fetching the pictures…")
    elif task.state == "failed":
        number = f" (error code {task.error_code})" if task.error_code and task.error_code < errors.APP_CODES else ""
        st.error(literal(task_failure_message(task.error_code, task.error_message) + number), icon=":material/error:")
        if task.error_code == DOWNLOAD_FAILED and st.button("Try again", key=f"{key}-download-{task.task_id}",
                                                            icon=":material/refresh:"):
            try:
                conn.studio.retry_download(task.task_id)
            except errors.KieError as refused:  # another person's task: the core refused it, nothing changed
                session.show_error(refused)
            else:
                session.follow(task.task_id)
                st.rerun(scope="app")
    elif task.state == "timed_out":
        deadline = conn.studio.policy.deadline
        span = f"{deadline / 60:g} minutes" if deadline >= 120 else f"{deadline:g} seconds"
        st.warning(f"No answer after {span}. The task may still finish: keep waiting, or look again later.",
                   icon=":material/schedule:")
        if st.button("Keep waiting", key=f"{key}-wait-{task.task_id}", icon=":material/refresh:"):
            try:
                conn.studio.keep_waiting(task.task_id)
            except errors.KieError as refused:  # another person's task: the core refused it, nothing changed
                session.show_error(refused)
            else:
                session.follow(task.task_id)
                st.rerun(scope="app")
    else:
        return False
    return True


def summary(conn: StudioSession, task: Task) -> str:
    """"Text to image · GPT-4o Image · 3:2 · 2 images · about 6 credits (estimate)"."""
    n = catalog.images_of(task.request)
    parts = [KIND_LABELS.get(task.kind, task.kind), literal(model_name(task.model), one_line=True),
             literal(catalog.shape_of(task.request), one_line=True), f"{n} image{'s' if n > 1 else ''}"]
    return " · ".join(p for p in parts if p) + cost_label(conn, task)


def facts(conn: StudioSession, task: Task) -> None:
    """When it was made, how long it took, how it was followed: in words."""
    duration = "—" if task.duration is None else duration_words(task.duration)
    lines = [f"**Model** {literal(model_name(task.model), one_line=True)}", f"**Submitted** {when(task.created_at)}",
             f"**Finished** {when(task.completed_at)}", f"**Took** {duration}"]
    if task.credits is not None:
        lines.append(f"**Cost** {task.credits:g} credits")
    if conn.person:
        lines.append(f"**Made by** {identity(owner_label(conn.studio.store, task.owner))}")
    if task.parent_id:
        lines.append(f"**Made from** the picture of task {code(task.parent_id)}")
    if task.demo:
        lines.append("**Demo** one of the demo gallery's tasks")
    if conn.mode == "demo":
        lines.append("**Pictures** simulated: drawn by the built-in simulator (demo mode), not by a model")
    st.markdown("  \n".join(lines))
    expires = task.upstream_expires_at
    if time.time() < expires:
        st.caption(f"The service keeps its copies until {when(expires)} (14 days); the copies here stay.")
    else:
        st.caption("The service's copies have expired (after 14 days); the copies here stay.")


def technical_details(task: Task) -> None:
    """The request's raw fields and the bookkeeping, for whoever needs them: only here, folded away."""
    st.caption("Task ID")
    st.code(task.task_id, language=None)
    st.caption(f"The app asked the service about this task {task.polls} time{'s' if task.polls != 1 else ''}.")
    st.caption("Parameters sent")
    st.json(safe_parameters(task.request), expanded=True)


def task_card(conn: StudioSession, task: Task, *, key: str) -> None:
    """Draw a task: header, then progress, its pictures large with their actions, or the reason it failed."""
    session.shown(task.task_id)
    with st.container(border=True, key=f"card-{key}-{task.task_id}"):
        with st.container(horizontal=True, vertical_alignment="top"):
            st.markdown(f"**{summary(conn, task)}**", width="stretch")
            st.markdown(state_badge(task) + (" :violet-badge[Demo]" if task.demo else "")
                        + (f" {SIMULATED_BADGE}" if conn.mode == "demo" else ""), width="content")
        if task.parent_id and not task.prompt:
            st.caption(f"{literal(model_name(task.model), one_line=True)} of a picture of task {code(task.parent_id)}")
        else:
            show_text(task.prompt or "(no prompt: from reference images)", 300)
            note = demo_note(task.prompt) if conn.mode == "demo" and task.prompt and task.state == "success" else None
            if note:  # "Not drawn in demo mode: ramen": the prompt's own words, shown as text
                show_caption(note)
        if not task_status(conn, task, key):
            if task.kind == "edit" and task.inputs.get("source"):
                edit_results(conn, task, key=key)
            else:
                images_grid(conn, task, key=key)
        with st.expander("Details"):
            facts(conn, task)
        with st.expander("Technical details"):
            technical_details(task)
