"""Generate's Single mode: the model (its facts beside it), a prompt (with the prompt library beside it), reference
images, the chosen model's options in a row that wraps, Generate with its cost beside it, and the recent tasks.

Laid out to fit: at 1400x900 Generate is in the first screen, and the card of the task it sends is brought into
the window (components/into_view.py)."""

from __future__ import annotations

import streamlit as st

from components import model_form, state
from components.into_view import bring_into_view
from components.prompt_library import prompt_library
from components.references import reference_images
from components.session import SessionContext, with_scope
from components.showcase import demo_gallery_button
from components.tasks_panel import live_tasks, recent
from components.workspace_actions import submit
from kie import catalog, figures
from kie.catalog import ModelSpec
from kie.models import GenerateRequest
from kie.workspace import InputFile

FORM = "gen"  # the model form's prefix: gen_model, gen_<model>_<option>
RECENT = 6


def prompt_box(ctx: SessionContext, spec: ModelSpec) -> None:
    """The prompt, the library beside it, and a warning past the model's length."""
    box, library = st.columns([5, 2], vertical_alignment="bottom")  # room for "Library" at 800 px
    box.text_area("Prompt", key=state.remember("gen_prompt", ""), height=110,
                  placeholder="Describe the picture: what is in it, where, the light and the style")
    with library:
        prompt_library(ctx)
    state.save("gen_prompt")
    if len(st.session_state["gen_prompt"]) > spec.max_prompt_chars:
        st.warning(f"{len(st.session_state['gen_prompt']):,} characters: {spec.name} takes at most "
                   f"{spec.max_prompt_chars:,}. Shorten the prompt, or choose another model.",
                   icon=":material/warning:")


def advanced() -> None:
    """The options few people need, in a menu beside Generate: a callback URL of the person's own."""
    with st.popover("Advanced", icon=":material/tune:", help="A callback URL of your own"):
        st.text_input("Callback URL", key=state.remember("gen_callback", ""),
                      placeholder="https://example.com/kie-callback",
                      help="The service POSTs the result there when the task ends. Optional: the app polls anyway.")
    state.save("gen_callback")


def generate_button(ctx: SessionContext, spec: ModelSpec, options: dict, refs: list[dict]) -> None:
    """Generate, with what a press will make and cost beside it: checked first, then sent; the new task's card is
    brought into the window."""
    images = spec.images_for(options)
    with st.container(horizontal=True, gap="small", vertical_alignment="center", key="gen-go"):
        pressed = st.button("Generate", type="primary", icon=":material/auto_awesome:")
        st.caption(f"{figures.count_words(images, 'image')}, {figures.about_credits(spec.estimate(options))} "
                   f"({catalog.PRICE_NOTE}).", width="content")
        st.space("stretch")
        advanced()
    if pressed:
        request = GenerateRequest.build(spec.id, st.session_state["gen_prompt"], options,
                                        callback_url=st.session_state["gen_callback"] or None)
        files = [InputFile("ref", ctx.store.input_path(r["name"]).read_bytes()) for r in refs]
        if problem := model_form.request_problem(request, files):
            st.error(problem, icon=":material/edit:")  # only the message: nothing is being submitted
        elif task := submit(request, files):
            bring_into_view(task.task_id)


def recent_tasks(ctx: SessionContext) -> None:
    """The latest work (a batch as one line), live while any is unfinished."""
    st.subheader("Recent tasks")
    demo_gallery_button(ctx, key="gen-gallery")
    scoped = with_scope(ctx, "gen")
    live_tasks(scoped, lambda: recent(scoped.store, RECENT), key="gen", group_batches=True,
               empty="Nothing yet: your tasks appear here.")


def single_mode(ctx: SessionContext) -> None:
    """One request to the chosen model."""
    model, facts = st.columns(2, vertical_alignment="bottom")  # the control needs no more than half the width
    with model:
        spec = model_form.model_control(FORM)
    facts.caption(model_form.model_facts(spec))
    prompt_box(ctx, spec)
    refs = reference_images(ctx, spec)
    with st.container(horizontal=True, gap="medium", key="gen-options"):  # side by side, wrapping when narrow
        options = model_form.option_controls(FORM, spec, refs=len(refs))
    if refused := model_form.refusal_message(spec, options, len(refs)):
        st.warning(refused, icon=":material/block:")
    generate_button(ctx, spec, options, refs)
    recent_tasks(ctx)
