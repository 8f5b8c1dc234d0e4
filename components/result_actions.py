"""What can be done with a result picture: Edit, Use as reference, Vary, Run again, Star, Download; the catalogue's
tools and the showcase in its menu. Also Run again and Star for a task without pictures, and what a refused change
says.

Vary makes variations of this picture (it goes as a reference, with the same prompt and settings, to the task's
model); Run again sends the same request once more. Both spend credits, so neither sends on one click: the first
shows what it will send and its cost on the button that sends it ("Vary: about 1.5 credits"), the second sends.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from components import following, pages
from components.edit_source import result_as_source
from components.into_view import bring_into_view
from components.references import result_as_reference
from components.session import SessionContext
from components.tool_menu import menu_key, tool_buttons
from components.trouble import show_error
from kie import catalog, errors, figures
from kie.export import image_download, image_file_name
from kie.models import GenerateRequest, Task
from kie.sending import variation_request, why_not_vary

NOT_YOURS = "Only the person who made this task, or an admin, can change it."
ARMED = "_send_armed"  # the one Vary or Run again waiting for its second click (its button's key)
ARMED_WHAT = "_send_armed_what"  # what that one will send, in words


def cost_words(request: GenerateRequest) -> str:
    """What a request will cost, from the catalogue: "about 1.5 credits" (or that it is not known): kie.figures."""
    return figures.request_cost_words(request)


def _pictures(count: int) -> str:
    return f"{count} new picture{'s' * (count != 1)}"


def _sent(task: Task | None) -> Task | None:
    """After a send: follow the new task and bring its card into view (None: refused, the reason shown)."""
    if task is not None:
        following.follow(task.task_id)
        bring_into_view(task.task_id)
    return task


def run_again(ctx: SessionContext, task: Task) -> Task | None:
    """Run again: the same request once more; the new task is followed and returned (None, with the reason shown,
    if refused)."""
    try:
        return _sent(ctx.workspace.rerun(task))
    except errors.KieError as error:
        show_error(error)
        return None


def vary(ctx: SessionContext, task: Task, index: int) -> Task | None:
    """Vary: variations of picture `index` (the picture as a reference, the same prompt and settings); the new task
    is followed and returned (None, with the reason shown, if refused)."""
    try:
        return _sent(ctx.workspace.vary(task, index))
    except errors.KieError as error:
        show_error(error)
        return None


def _arm(key: str | None) -> None:
    if key is None:
        st.session_state.pop(ARMED, None)
    else:
        st.session_state[ARMED] = key


Offer = Callable[[], tuple[str, str]]  # what a send will cost and send, in words; RequestInvalid if it cannot


def confirmed_send(key: str, label: str, icon: str, help_text: str, offer: Offer, send: Callable[[], Task | None],
                   *, note: bool = True) -> Task | None:
    """A button that spends credits in two clicks: `label` shows what it does (`help_text`); pressed, it becomes
    "`label`: <cost>" (primary, sends once) beside Cancel, with what it will send said under them (`offer` says
    both, asked only then; `note` False: the caller says it, `armed_note`, for instance under a row of buttons). A
    send the catalogue refuses says why instead. Returns the task sent, if any. Works anywhere, a menu included."""
    if st.session_state.get(ARMED) != key:
        st.button(label, key=key, icon=icon, help=help_text, on_click=_arm, args=(key,))
        return None
    try:
        cost, what = offer()
    except errors.RequestInvalid as refused:
        cost, what = None, refused.message
    st.session_state[ARMED_WHAT] = what
    with st.container(horizontal=True, gap="small", width="content", key=f"{key}-confirm"):
        go = cost is not None and st.button(f"{label}: {cost}", key=f"{key}-go", icon=icon, type="primary",
                                            help=f"Sends now. {what}")
        st.button("Cancel", key=f"{key}-cancel", icon=":material/close:", on_click=_arm, args=(None,))
    if note:
        st.caption(what)
    if not go:
        return None
    _arm(None)
    return send()


def armed_note(prefix: str) -> None:
    """Under a row of buttons: what its Vary or Run again waiting for a second click will send (keys starting with
    `prefix`)."""
    if str(st.session_state.get(ARMED, "")).startswith(prefix) and (what := st.session_state.get(ARMED_WHAT)):
        st.caption(what)


def _vary_offer(task: Task) -> tuple[str, str]:
    request = variation_request(task)  # checked as it will be sent: a refusal says why
    return cost_words(request), (f"This picture goes as a reference, with the same prompt and settings, to "
                                  f"{request.spec.name}: {_pictures(request.images)}.")


def vary_button(ctx: SessionContext, task: Task, index: int, key: str, *, note: bool = True) -> Task | None:
    """Vary, for picture `index`: its cost before it sends, two clicks; disabled, saying why, on a model that takes
    no reference pictures (or a tool's result). Returns the new task when it was sent. The request is built and
    checked only once pressed (a page of cards asks nothing of the catalogue for it)."""
    if reason := why_not_vary(task):
        st.button("Vary", key=key, icon=":material/auto_awesome_mosaic:", disabled=True, help=reason)
        return None
    return confirmed_send(key, "Vary", ":material/auto_awesome_mosaic:",
                          f"Variations of this picture: it goes as a reference, with the same prompt and settings, "
                          f"to {catalog.name_of(task.model)}. Shows the cost first and asks before sending.",
                          partial(_vary_offer, task), partial(vary, ctx, task, index), note=note)


def _run_again_offer(task: Task) -> tuple[str, str]:
    request = task.request
    shape = f" · {size}" if (size := figures.size_words(request)) else ""
    refs = sum(1 for name in task.inputs if name.startswith("ref"))
    with_refs = f", with its {refs} reference picture{'s' * (refs != 1)}" if refs else ""
    return cost_words(request), (f"The same request again: {catalog.name_of(request.model)}{shape}{with_refs}, "
                                 f"{_pictures(request.images)}.")


def run_again_button(ctx: SessionContext, task: Task, key: str, *, note: bool = True) -> Task | None:
    """Run again: the same request (model, prompt, settings, its pictures) once more; its cost before it sends, two
    clicks. Returns the new task when it was sent."""
    return confirmed_send(key, "Run again", ":material/replay:",
                          f"The same request again, to {catalog.name_of(task.model)}. Shows the cost first and asks "
                          "before sending.", partial(_run_again_offer, task), partial(run_again, ctx, task), note=note)


def changed_or_refused(changed: bool) -> None:
    """After a change to a task: draw the page again, or say why the store refused (another person's task)."""
    if changed:
        st.rerun(scope="app")
    st.error(NOT_YOURS, icon=":material/lock:")


def toggle_star(ctx: SessionContext, task: Task) -> bool:
    """Star or unstar a task; False when the store refused (not this person's task)."""
    return ctx.workspace.store.set_favourite(task.task_id, not task.favourite)


def star_button(ctx: SessionContext, task: Task, key: str) -> None:
    """Star (a favourite) or Unstar."""
    if st.button("Unstar" if task.favourite else "Star", key=key,
                 icon=":material/star:" if not task.favourite else ":material/star_border:"):
        changed_or_refused(toggle_star(ctx, task))


def _to_edit(ctx: SessionContext, task: Task, index: int) -> None:
    result_as_source(ctx, task, index)
    st.switch_page(pages.EDIT_PAGE)


def result_actions(ctx: SessionContext, task: Task, index: int, key: str, *, usable: bool = True,
                   on_sent: Callable[[Task], None] | None = None, compact: bool = False) -> None:
    """Under a result picture, in one row that wraps: Edit, Use as reference, Vary, Run again, Star, Download; tools
    and the rest in a menu. Under a picture that cannot be shown (`usable` False) only what needs no picture: Run
    again and Star. `compact` (one of several pictures of a task): Edit, Vary and the menu, with Use as reference
    and Download in it; the task's own Run again and Star go once under all its pictures (`task_actions`).
    `on_sent` is told of a task Vary or Run again sent, before the page is drawn again."""
    k = f"{key}-{task.task_id}-{index}"
    sent = None
    with st.container(horizontal=True, gap="small", key=f"actions-{k}"):
        if usable and st.button("Edit", key=f"{k}-edit", icon=":material/brush:",
                                help="Open the Edit page with this picture"):
            _to_edit(ctx, task, index)
        if usable and not compact:
            _reference_button(ctx, task, index, k)
        if usable:
            sent = vary_button(ctx, task, index, f"{k}-vary", note=False)
        if not compact:
            sent = run_again_button(ctx, task, f"{k}-again", note=False) or sent
            star_button(ctx, task, f"{k}-star")
        if usable and not compact:
            _download_button(ctx, task, index, k)
        if usable:
            with st.popover("More", icon=":material/more_horiz:", key=menu_key(f"{k}-more")):  # closes after a tool
                if compact:
                    _reference_button(ctx, task, index, k, width="stretch")
                    _download_button(ctx, task, index, k, width="stretch")
                tool_buttons(ctx, task, index, k)
                if st.button("Remove from showcase" if task.showcase else "Add to showcase", key=f"{k}-showcase",
                             icon=":material/slideshow:", width="stretch"):
                    changed_or_refused(ctx.workspace.store.set_showcase(task.task_id, not task.showcase))
    armed_note(f"{k}-")
    if sent:
        if on_sent:
            on_sent(sent)
        st.rerun(scope="app")


def task_actions(ctx: SessionContext, task: Task, key: str, on_sent: Callable[[Task], None] | None = None) -> None:
    """A task's own actions, once under its several pictures: Run again and Star."""
    k = f"{key}-{task.task_id}-task"
    with st.container(horizontal=True, gap="small", key=f"actions-{k}"):
        sent = run_again_button(ctx, task, f"{k}-again", note=False)
        star_button(ctx, task, f"{k}-star")
    armed_note(f"{k}-")
    if sent:
        if on_sent:
            on_sent(sent)
        st.rerun(scope="app")


def _reference_button(ctx: SessionContext, task: Task, index: int, k: str, width: str = "content") -> None:
    if st.button("Use as reference", key=f"{k}-ref", icon=":material/collections:", width=width,
                 help="Add it to Generate's reference pictures"):
        result_as_reference(ctx, task, index)


def _download_button(ctx: SessionContext, task: Task, index: int, k: str, width: str = "content") -> None:
    st.download_button("Download", partial(image_download, ctx.store, task, index),
                       file_name=image_file_name(task, index), mime="image/png", icon=":material/download:",
                       key=f"{k}-dl", on_click="ignore", width=width,
                       help="The PNG, with its prompt and settings inside")
