"""Generate: text to image (and variants from reference images)."""

import streamlit as st

from components import batch_form, batch_view, reuse, session, state
from components.picker import picture_picker
from components.prompt_library import prompt_library
from components.showcase import demo_gallery_button
from components.task_card import input_thumbnail, picture
from components.tasks_panel import live_tasks
from components.tasks_panel import recent as recent_work
from components.text import literal
from kie.models import FALLBACK_MODELS, MAX_FILES, N_VARIANTS, SIZES, GenerateRequest
from kie.studio import InputFile

RECENT = 6
FIELDS = ("gen_prompt", "gen_size", "gen_n", "gen_enhance", "gen_fallback", "gen_fallback_model",
          "gen_callback", "gen_upload_cn")



def form_request() -> GenerateRequest:
    """The form's settings as a request (the prompt is the single prompt box's)."""
    get = st.session_state.get
    return GenerateRequest(
        prompt=get("gen_prompt", ""), size=get("gen_size", "1:1"), n_variants=get("gen_n", 1),
        is_enhance=get("gen_enhance", False), enable_fallback=get("gen_fallback", False),
        fallback_model=get("gen_fallback_model", "FLUX_MAX"), callback_url=get("gen_callback", ""),
        upload_cn=get("gen_upload_cn", False),
    )


conn = session.connection()
st.title("Generate")
st.caption("Describe a picture; the 4o Image model paints it. Batch: many prompts at once, sent at the service's pace.")
MODES = {"single": "Single", "batch": "Batch"}
mode = st.segmented_control("Mode", list(MODES), format_func=MODES.get, required=True,
                            key=state.remember("gen_mode", "single"), label_visibility="collapsed")
state.save("gen_mode")

with st.expander("Restore settings from an image"):
    st.file_uploader("A PNG downloaded from the studio", type=["png"], key="gen_restore_file",
                     on_change=reuse.restore_from_upload,
                     help="Pictures the studio hands out carry their prompt and settings; this puts them back here.")
    if message := st.session_state.get("gen_restore_error"):
        st.error(message, icon=":material/image_not_supported:")
if restored := st.session_state.pop("gen_restored", None):
    st.toast(f"Settings restored from {literal(restored, 80, one_line=True)}.",
             icon=":material/settings_backup_restore:")

parsed = None
if mode == "single":
    box, library = st.columns([5, 2], vertical_alignment="bottom")  # room for "Library" at 800 px
    box.text_area("Prompt", key=state.remember("gen_prompt", ""), height=110,
                  placeholder="A serene mountain lake at sunset, photorealistic")
    with library:
        prompt_library(conn)
else:
    batch_defaults = form_request()
    parsed = batch_form.batch_input(batch_defaults)
left, right = st.columns(2)
left.segmented_control("Aspect ratio", list(SIZES), format_func=SIZES.get, key=state.remember("gen_size", "1:1"),
                       required=True)
right.segmented_control("Number of images", list(N_VARIANTS), key=state.remember("gen_n", 1), required=True)
st.toggle("Prompt enhancement", key=state.remember("gen_enhance", False),
          help="Lets the service refine the prompt; helps with specialised scenes such as 3D renders.")
with st.expander("Advanced"):
    st.checkbox("Fall back to another model when GPT-4o is unavailable", key=state.remember("gen_fallback", False))
    st.selectbox("Fallback model", FALLBACK_MODELS, key=state.remember("gen_fallback_model", "FLUX_MAX"),
                 disabled=not st.session_state["gen_fallback"])
    st.text_input("Callback URL", key=state.remember("gen_callback", ""), placeholder="https://example.com/4o-callback",
                  help="The service POSTs the result there when the task ends. Optional: the app polls anyway.")
    st.checkbox("Upload results through servers in China", key=state.remember("gen_upload_cn", False))
state.save(*FIELDS)


if mode == "batch":
    if parsed is not None:
        batch_form.queue_controls(conn, parsed, form_request())
    st.subheader("Batches")
    batch_view.batches(conn)
    st.stop()


def remove_reference(name: str) -> None:
    st.session_state["gen_refs"] = [r for r in st.session_state.get("gen_refs", []) if r["name"] != name]
    st.session_state.pop("gen_refs_error", None)


refs = st.session_state.setdefault("gen_refs", [])
with st.expander(f"Reference images ({len(refs)} of {MAX_FILES})", expanded=bool(refs)):
    st.caption("Optional: up to five pictures to make variants of. With references the prompt may be empty.")
    if refs:
        cols = st.columns(MAX_FILES)
        for col, ref in zip(cols, refs, strict=False):
            with col:
                picture(input_thumbnail(conn.store, ref["name"], 256), caption=literal(ref["label"], 40),
                        width="stretch")
                st.button("Remove", key=f"gen_ref_rm_{ref['name']}", on_click=remove_reference, args=(ref["name"],),
                          icon=":material/close:")
    picture_picker(conn, "gen_ref_pick", reuse.add_reference, multiple=True, on_restore=reuse.restore_settings)
    if message := st.session_state.get("gen_refs_error"):
        st.error(message, icon=":material/block:")  # Markdown: the picture's label is escaped when made

if st.button("Generate", type="primary", icon=":material/auto_awesome:"):
    request = form_request()
    files = [InputFile("ref", conn.store.input_path(r["name"]).read_bytes()) for r in refs]
    session.submit(request, files)

st.subheader("Recent tasks")
demo_gallery_button(conn, key="gen-gallery")
recent = session.with_scope(conn, "gen")
live_tasks(recent, lambda: recent_work(recent.store, RECENT), key="gen", group_batches=True,
           empty="Nothing yet: your tasks appear here.")
