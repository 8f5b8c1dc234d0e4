"""Generate's Compare models: one prompt (and references) to 2–4 models at one press, the results side by side.

A comparison is the set of tasks sharing a `comparison_id` (kie.workspace's `Workspace.compare` budgets the whole of it
before anything is sent). It is opened by `?comparison=<id>` on the Generate page (components.pages), so History
and a restart find it again; **Pick** stars the winner in the store and unstars the others.
"""

from __future__ import annotations

import streamlit as st

from components import following, model_form, state
from components.compare_card import card_style, result_card
from components.credits import forget_credits
from components.pages import COMPARISON_QUERY
from components.session import SessionContext
from components.shape_control import shape_control, shape_notes
from components.tasks_panel import live_tasks
from components.text import literal
from components.thumbs import input_thumbnail, picture
from components.trouble import show_error
from kie import catalog, errors, figures, shapes
from kie.comparisons import MAX_MODELS, MIN_MODELS
from kie.models import GenerateRequest, Task
from kie.store import TaskQuery
from kie.workspace import InputFile

PREFIX = "cmp"  # option keys: cmp_<model>_<option>
RECENT_LOOKED_AT = 300  # recent tasks scanned for the list of recent comparisons
RECENT_SHOWN = 8
PROMPT_SHOWN = 100  # characters of the prompt over a comparison: one line beside its button at 1400 px


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


# While a comparison shows, the page gives its room to the pictures (components.compare_card sizes them to what is
# left): narrower side margins, less room above, the prompt beside its button, and the forms' own parts hidden (the
# page's explanation under its title, Restore settings from an image), so 4 portrait pictures are each 240 px wide
# or more at 1400x900 and still whole in the window.
VIEW_CSS = """<style>
[data-testid=stMainBlockContainer]:has(.st-key-grid-cmp) {padding: 3.5rem 0.75rem 3rem 0.75rem;}
[data-testid=stMainBlockContainer]:has(.st-key-grid-cmp) > [data-testid=stVerticalBlock] >
  [data-testid=stElementContainer]:has([data-testid=stCaptionContainer]),
[data-testid=stMainBlockContainer]:has(.st-key-grid-cmp) > [data-testid=stVerticalBlock] >
  [data-testid=stLayoutWrapper]:has(> [data-testid=stExpander]) {display: none;}
.st-key-cmp-header > [data-testid=stElementContainer]:has(> [data-testid=stMarkdown]) {flex: 1 1 0; min-width: 0;}
.st-key-grid-cmp [data-testid=stHorizontalBlock] {gap: 0.5rem;}
</style>"""


def comparison_view(ctx: SessionContext, comparison_id: str) -> None:
    """A saved comparison: every model's result side by side, live while any is still being made. A compact
    header (back to the form, the prompt on one line), then the pictures: the largest thing on the page."""
    tasks = comparison_tasks(ctx, comparison_id)
    with st.container(horizontal=True, vertical_alignment="center", gap="small", key="cmp-header"):
        st.button("New comparison", key="cmp_new", icon=":material/arrow_back:", on_click=_open, args=(None,))
        if tasks:
            prompt = tasks[0].prompt or "(no prompt: from reference pictures)"
            st.markdown(f":material/chat: {literal(prompt, PROMPT_SHOWN, one_line=True)}", width="stretch",
                        help=literal(prompt, 2000) if len(prompt) > PROMPT_SHOWN else None)
    if not tasks:
        st.info("This comparison is not in this history (or not yours to see).", icon=":material/visibility_off:")
        return
    st.html(VIEW_CSS)
    card_style()
    for task in tasks:  # a reopened comparison (a restart, a link) is followed until every model has answered
        if task.needs_polling:
            following.follow(task.task_id)
    columns = min(len(tasks), MAX_MODELS)
    live_tasks(ctx, lambda: comparison_tasks(ctx, comparison_id), key="cmp", columns=columns,
               draw=lambda c, t, k: result_card(c, t, k, columns=columns))


def _model_options(models: list[str], refs: int, wanted: str) -> dict[str, dict]:
    """Each chosen model's own options (its shape follows the shared aspect ratio), what each is asked for in one
    line, and each model's other options in an expander named by the model, side by side."""
    choices = {}
    for model_id in models:
        spec = catalog.get(model_id)
        choices[model_id] = shapes.follow(spec, wanted, model_form.current_options(PREFIX, spec), refs)
    shape_notes(list(choices.values()))
    st.caption("Each model's other options, under its name:")
    chosen: dict[str, dict] = {}
    grid = st.container(key="grid-cmpopts")  # reflows to fewer columns on a narrow page
    for column, model_id in zip(grid.columns(len(models)), models, strict=True):
        spec, choice = catalog.get(model_id), choices[model_id]
        with column, st.expander(spec.name, expanded=False):
            chosen[model_id] = model_form.option_controls(PREFIX, spec, refs,
                                                          fixed={choice.key: choice.value} if choice.key else None)
        if message := model_form.refusal_message(spec, chosen[model_id], refs):
            column.warning(message, icon=":material/block:")
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
    """The prompt, the references, 2–4 models, one aspect ratio for all, each model's other options, the estimate,
    and Compare."""
    st.text_area("Prompt", key=state.remember("gen_prompt", ""), height=90,
                 placeholder="Describe the picture every model will paint")
    state.save("gen_prompt")
    refs = st.session_state.get("gen_refs", [])
    if refs:
        st.caption(f"With the {figures.count_words(len(refs), 'reference picture')} chosen in Single mode:")
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
    options = _model_options(models, len(refs), shape_control())
    credits = sum(catalog.get(m).estimate(o) for m, o in options.items())
    images = sum(catalog.get(m).images_for(o) for m, o in options.items())
    st.caption(f"{len(models)} tasks, {figures.count_words(images, 'image')}, {figures.about_credits(credits)} "
               f"({catalog.PRICE_NOTE}). "
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
