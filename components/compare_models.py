"""Generate's Compare models: one prompt (and references) to 2–4 models at one press, the results side by side.

A comparison is the set of tasks sharing a `comparison_id` (kie.workspace's `Workspace.compare` budgets the whole of it
before anything is sent). It is opened by `?comparison=<id>` on the Generate page (components.pages), so History
and a restart find it again; **Pick** stars the winner in the store and unstars the others.
"""

from __future__ import annotations

import streamlit as st

from components import following, model_form, state
from components.credits import forget_credits
from components.pages import COMPARISON_QUERY
from components.result_actions import result_actions
from components.session import SessionContext
from components.task_facts import cost_label
from components.task_words import pending_words, state_badge
from components.tasks_panel import live_tasks
from components.text import literal, show_message
from components.thumbs import CARD_IMAGE_SIZE, input_thumbnail, picture, shown, thumbnail
from components.trouble import show_error
from components.viewer import large_copy, result_container
from components.workspace_actions import audit
from kie import catalog, errors
from kie.comparisons import MAX_MODELS, MIN_MODELS
from kie.errors import task_failure_message
from kie.models import GenerateRequest, Task
from kie.store import TaskQuery
from kie.workspace import InputFile

PREFIX = "cmp"  # option keys: cmp_<model>_<option>
RECENT_LOOKED_AT = 300  # recent tasks scanned for the list of recent comparisons
RECENT_SHOWN = 8


def comparison_tasks(ctx: SessionContext, comparison_id: str) -> list[Task]:
    """The tasks of one comparison, in the order the models were chosen (the order they were sent)."""
    found = ctx.store.query(TaskQuery(comparison_id=comparison_id), limit=MAX_MODELS * 4)
    return sorted(found, key=lambda t: (t.created_at, t.task_id))


def recent_comparisons(ctx: SessionContext) -> list[list[Task]]:
    """The newest comparisons among the recent tasks, each as its tasks."""
    groups: dict[str, list[Task]] = {}
    for task in ctx.store.query(limit=RECENT_LOOKED_AT):
        if task.comparison_id:
            groups.setdefault(task.comparison_id, []).append(task)
    return list(groups.values())[:RECENT_SHOWN]


def _open(comparison_id: str | None) -> None:
    if comparison_id:
        st.query_params[COMPARISON_QUERY] = comparison_id
    else:
        st.query_params.pop(COMPARISON_QUERY, None)


def _pick(ctx: SessionContext, winner_id: str, comparison_id: str) -> None:
    """Star the winner, unstar the others: a comparison has one winner."""
    for task in comparison_tasks(ctx, comparison_id):
        if task.favourite != (task.task_id == winner_id):
            ctx.workspace.store.set_favourite(task.task_id, task.task_id == winner_id)
    audit(ctx, "pick", winner_id, f"winner of comparison {comparison_id}")


def _seconds(task: Task) -> str:
    duration = task.duration
    if duration is None:
        return ""
    return f"took {duration:.0f} s" if duration < 120 else f"took {duration / 60:.1f} min"


def result_card(ctx: SessionContext, task: Task, key: str) -> None:
    """One model's result: its name, state, pictures (a click opens the viewer) with the card's actions under each,
    time taken, cost, and Pick."""
    following.shown(task.task_id)
    with st.container(border=True):
        st.markdown(f"**{literal(catalog.name_of(task.model), one_line=True)}**  \n{state_badge(task)}")
        if task.images:
            for index, name in enumerate(task.images):
                small = thumbnail(ctx.store, task, name, 512)
                with result_container(f"{key}-{task.task_id}", index):  # a click opens the viewer, ←/→ go on
                    picture(small, width="stretch")  # or why it cannot be shown
                    large_copy(thumbnail(ctx.store, task, name, CARD_IMAGE_SIZE), task.prompt,
                               key=f"{key}-{task.task_id}-{index}")
                result_actions(ctx, task, index, key, usable=shown(small))  # without a picture: Vary and Star
        elif task.state == "failed":
            show_message(task_failure_message(task.error_code, task.error_message)[:300], "error",
                         icon=":material/error:")
        elif task.state == "timed_out":
            st.warning("No answer in time.", icon=":material/schedule:")
        else:
            left = ctx.workspace.time_left(task)  # an estimate from this model's recent tasks, never a fake percentage
            st.caption(f":material/hourglass_top: {pending_words(task, left=left)}")
        st.caption(" · ".join(p for p in (_seconds(task), cost_label(ctx, task).strip(" ·")) if p))
        if task.state == "success" and task.images:
            if task.favourite:
                st.markdown(":material/star: **Picked**")
            st.button("Pick" if not task.favourite else "Picked", key=f"{key}-pick-{task.task_id}",
                      icon=":material/star:", disabled=task.favourite, on_click=_pick,
                      args=(ctx, task.task_id, task.comparison_id), help="Mark this one as the winner (a favourite)")


def comparison_view(ctx: SessionContext, comparison_id: str) -> None:
    """A saved comparison: every model's result side by side, live while any is still being made."""
    st.button("New comparison", key="cmp_new", icon=":material/arrow_back:", on_click=_open, args=(None,))
    tasks = comparison_tasks(ctx, comparison_id)
    if not tasks:
        st.info("This comparison is not in this history (or not yours to see).", icon=":material/visibility_off:")
        return
    st.text(tasks[0].prompt or "(no prompt: from reference images)")
    for task in tasks:  # a reopened comparison (a restart, a link) is followed until every model has answered
        if task.needs_polling:
            following.follow(task.task_id)
    live_tasks(ctx, lambda: comparison_tasks(ctx, comparison_id), key="cmp", draw=result_card,
               columns=min(len(tasks), MAX_MODELS))


def _model_options(models: list[str], refs: int) -> dict[str, dict]:
    """Each chosen model's own options, drawn side by side (two a row), defaults shown."""
    chosen: dict[str, dict] = {}
    for start in range(0, len(models), 2):
        for column, model_id in zip(st.columns(2), models[start:start + 2], strict=False):
            spec = catalog.get(model_id)
            with column, st.container(border=True):
                st.markdown(f"**{spec.name}**")
                chosen[model_id] = model_form.option_controls(PREFIX, spec, refs)
                if message := model_form.refusal_message(spec, chosen[model_id], refs):
                    st.warning(message, icon=":material/block:")
    return chosen


def _send(ctx: SessionContext, prompt: str, options: dict[str, dict], refs: list[dict]) -> None:
    try:
        files = [InputFile("ref", ctx.store.input_path(r["name"]).read_bytes()) for r in refs]
    except OSError:  # removed from the disk since it was chosen
        st.error("A reference picture is no longer in the local cache: remove it and choose it again.",
                 icon=":material/image_not_supported:")
        return
    if not prompt.strip():  # said once, not once per model
        st.error("Write a prompt: the models are compared on what each makes of it.", icon=":material/edit:")
        return
    problems = []
    for model_id, chosen in options.items():
        request = GenerateRequest.build(model_id, prompt, chosen)
        if problem := model_form.request_problem(request, files):
            problems.append(f"{catalog.name_of(model_id)}: {problem}")
    if problems:
        for problem in problems:
            st.error(problem, icon=":material/edit:")
        return
    try:
        with st.spinner(f"Sending to {len(options)} models…"):
            tasks = ctx.workspace.compare(prompt, list(options), options, files)
    except errors.KieError as error:
        show_error(error)
        return
    for task in tasks:
        following.follow(task.task_id)
    forget_credits()
    if tasks:
        _open(tasks[0].comparison_id)
        st.rerun()


def compare_form(ctx: SessionContext) -> None:
    """The prompt, the references, 2–4 models with their options, the estimate, and Compare."""
    st.text_area("Prompt", key=state.remember("gen_prompt", ""), height=110,
                 placeholder="A lighthouse on a rocky coast at dawn")
    state.save("gen_prompt")
    refs = st.session_state.get("gen_refs", [])
    if refs:
        st.caption(f"With the {len(refs)} reference image(s) chosen in Single mode:")
        for column, ref in zip(st.columns(min(len(refs), 6)), refs[:6], strict=False):
            with column:
                picture(input_thumbnail(ctx.store, ref["name"], 128), width="stretch")
    ids = [m.id for m in catalog.image_models()]
    names = {m.id: m.name for m in catalog.image_models()}
    key = state.remember("cmp_models", ids[:3])
    st.session_state[key] = [m for m in st.session_state[key] if m in ids]
    st.multiselect("Models to compare", ids, format_func=lambda i: names.get(i, i), key=key,
                   max_selections=MAX_MODELS, help=f"Choose {MIN_MODELS} to {MAX_MODELS} models.")
    state.save("cmp_models")
    models = st.session_state[key]
    if len(models) < MIN_MODELS:
        st.info(f"Choose at least {MIN_MODELS} models to compare (up to {MAX_MODELS}).", icon=":material/compare:")
        return
    options = _model_options(models, len(refs))
    credits = sum(catalog.get(m).estimate(o) for m, o in options.items())
    images = sum(catalog.get(m).images_for(o) for m, o in options.items())
    st.caption(f"{len(models)} tasks, {images} image(s), about {credits:g} credits ({catalog.PRICE_NOTE}). "
               "Budgets are checked for the whole comparison before anything is sent.")
    if st.button(f"Compare {len(models)} models", type="primary", icon=":material/compare:", key="cmp_go"):
        _send(ctx, st.session_state["gen_prompt"], options, refs)


def recent_list(ctx: SessionContext) -> None:
    """Recent comparisons, each one press from reopening."""
    found = recent_comparisons(ctx)
    if not found:
        return
    st.subheader("Recent comparisons")
    for tasks in found:
        line, button = st.columns([5, 1], vertical_alignment="center")
        models = ", ".join(catalog.name_of(t.model) for t in sorted(tasks, key=lambda t: t.created_at))
        line.text(f"{(tasks[0].prompt or '(no prompt)')[:90]} · {models}")
        button.button("Open", key=f"cmp_open_{tasks[0].comparison_id}", on_click=_open,
                      args=(tasks[0].comparison_id,), icon=":material/open_in_new:")


def compare_page(ctx: SessionContext) -> None:
    """Compare models mode: a saved comparison when the URL names one, else the form and recent comparisons."""
    if comparison_id := st.query_params.get(COMPARISON_QUERY):
        comparison_view(ctx, comparison_id)
        return
    compare_form(ctx)
    recent_list(ctx)
