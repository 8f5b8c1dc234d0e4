"""Generate: text to image with any model of the catalogue, many prompts at once, or one prompt to several models."""

import streamlit as st

from components import batch_form, batch_view, compare_models, model_form, reuse, session, state
from components.picker import picture_picker
from components.prompt_library import prompt_library
from components.showcase import demo_gallery_button
from components.task_card import input_thumbnail, picture
from components.tasks_panel import live_tasks
from components.tasks_panel import recent as recent_work
from components.text import literal
from kie import catalog
from kie.models import GenerateRequest
from kie.workspace import InputFile

RECENT = 6
FORM = "gen"  # the model form's prefix: gen_model, gen_<model>_<option>

ctx = session.context()
st.title("Generate")
st.caption("Describe a picture and choose the model that paints it. Batch: many prompts at once, sent at the "
           "service's pace. Compare models: one prompt to several models, side by side.")
MODES = {"single": "Single", "batch": "Batch", "compare": "Compare models"}
opened = st.query_params.get(compare_models.QUERY)
if opened and st.session_state.get("_cmp_opened") != opened:  # a saved comparison, reopened by its link
    state.set_value("gen_mode", "compare")
st.session_state["_cmp_opened"] = opened
mode = st.segmented_control("Mode", list(MODES), format_func=MODES.get, required=True,
                            key=state.remember("gen_mode", "single"), label_visibility="collapsed")
state.save("gen_mode")
if mode != "compare" and opened:  # left the comparison for another mode
    st.query_params.pop(compare_models.QUERY, None)
    st.session_state["_cmp_opened"] = None

with st.expander("Restore settings from an image"):
    st.file_uploader("A PNG downloaded from the studio", type=["png"], key="gen_restore_file",
                     on_change=reuse.restore_from_upload,
                     help="Pictures the studio hands out carry their model, prompt and settings; this puts them "
                          "back here.")
    if message := st.session_state.get("gen_restore_error"):
        st.error(message, icon=":material/image_not_supported:")
if restored := st.session_state.pop("gen_restored", None):
    st.toast(f"Settings restored from {literal(restored, 80, one_line=True)}.",
             icon=":material/settings_backup_restore:")
reuse.restore_note()

if mode == "compare":
    compare_models.compare_page(ctx)
    st.stop()

spec = model_form.model_control(FORM)
st.caption(model_form.model_facts(spec))
if mode == "batch":
    options = model_form.option_controls(FORM, spec)
    with st.expander("Advanced"):
        callback = st.text_input("Callback URL", key=state.remember("gen_callback", ""),
                                 placeholder="https://example.com/kie-callback",
                                 help="The service POSTs each result there when its task ends. Optional.")
    state.save("gen_callback")
    defaults = GenerateRequest.build(spec.id, "", options, callback_url=callback or None)
    parsed = batch_form.batch_input(defaults)
    if parsed is not None:
        batch_form.queue_controls(ctx, parsed, defaults)
    st.subheader("Batches")
    batch_view.batches(ctx)
    st.stop()


def remove_reference(name: str) -> None:
    st.session_state["gen_refs"] = [r for r in st.session_state.get("gen_refs", []) if r["name"] != name]
    st.session_state.pop("gen_refs_error", None)


box, library = st.columns([5, 2], vertical_alignment="bottom")  # room for "Library" at 800 px
box.text_area("Prompt", key=state.remember("gen_prompt", ""), height=110,
              placeholder="A serene mountain lake at sunset, photorealistic")
with library:
    prompt_library(ctx)
state.save("gen_prompt")
if len(st.session_state["gen_prompt"]) > spec.max_prompt_chars:
    st.warning(f"{len(st.session_state['gen_prompt']):,} characters: {spec.name} takes at most "
               f"{spec.max_prompt_chars:,}. Shorten the prompt, or choose another model.", icon=":material/warning:")

refs = st.session_state.setdefault("gen_refs", [])
with st.expander(f"Reference images ({len(refs)} of {spec.max_refs})", expanded=bool(refs) or spec.refs_required):
    if spec.max_refs == 0:
        st.caption(f"{spec.name} takes no reference images.")
    else:
        need = "Needed" if spec.refs_required else "Optional"
        st.caption(f"{need}: up to {spec.max_refs} picture{'s' * (spec.max_refs != 1)} for {spec.name} to work from."
                   + (" With references the prompt may be empty." if spec.prompt_optional_with_refs else ""))
    if refs:
        cols = st.columns(min(max(len(refs), 1), 5))
        for index, ref in enumerate(refs):
            with cols[index % len(cols)]:
                picture(input_thumbnail(ctx.store, ref["name"], 256), caption=literal(ref["label"], 40),
                        width="stretch")
                st.button("Remove", key=f"gen_ref_rm_{ref['name']}", on_click=remove_reference, args=(ref["name"],),
                          icon=":material/close:")
    picture_picker(ctx, "gen_ref_pick", reuse.add_reference, multiple=True, on_restore=reuse.restore_settings)
    if message := st.session_state.get("gen_refs_error"):
        st.error(message, icon=":material/block:")  # Markdown: the picture's label is escaped when made

options = model_form.option_controls(FORM, spec, refs=len(refs))
refused = model_form.refusal_message(spec, options, len(refs))
if refused:
    st.warning(refused, icon=":material/block:")
with st.expander("Advanced"):
    st.text_input("Callback URL", key=state.remember("gen_callback", ""), placeholder="https://example.com/kie-callback",
                  help="The service POSTs the result there when the task ends. Optional: the app polls anyway.")
state.save("gen_callback")

guess = spec.estimate(options)
st.caption(f"{spec.images_for(options)} image(s), about {guess:g} credits ({catalog.PRICE_NOTE}).")
if st.button("Generate", type="primary", icon=":material/auto_awesome:"):
    request = GenerateRequest.build(spec.id, st.session_state["gen_prompt"], options,
                                    callback_url=st.session_state["gen_callback"] or None)
    files = [InputFile("ref", ctx.store.input_path(r["name"]).read_bytes()) for r in refs]
    if problem := model_form.request_problem(request, files):
        st.error(problem, icon=":material/edit:")  # only the message: nothing is being submitted
    else:
        session.submit(request, files)

st.subheader("Recent tasks")
demo_gallery_button(ctx, key="gen-gallery")
recent = session.with_scope(ctx, "gen")
live_tasks(recent, lambda: recent_work(recent.store, RECENT), key="gen", group_batches=True,
           empty="Nothing yet: your tasks appear here.")
