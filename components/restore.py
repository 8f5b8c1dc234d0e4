"""Restore: a studio picture carries its model, prompt and settings; they go back into the Generate form (from an
uploaded PNG, or a reference picture the studio made)."""

from __future__ import annotations

import streamlit as st

from components import model_form, state
from components.text import literal
from kie import catalog
from kie.pngmeta import RestoredSettings, read_settings

RESTORE_NOTE = "gen_restore_note"  # (what Restore says about the model, the model it chose instead)


def restore_settings(found: RestoredSettings) -> None:
    """Put a studio picture's model, prompt and settings back into the Generate form (a callback: before the
    widgets). A model the catalogue no longer lists leaves the form's model and says so."""
    request = found.request
    state.set_value("gen_prompt", request.prompt)
    if st.session_state.get("gen_mode") == "batch":
        state.set_value("gen_mode", "single")
    if model_form.set_form("gen", request.model, request.settings()):
        st.session_state["gen_restored"] = f"{found.task_id or 'a picture'} ({catalog.name_of(request.model)})"
        st.session_state.pop("gen_restore_error", None)
        # The picture named a model the studio does not offer: say so, and which one took its settings.
        st.session_state[RESTORE_NOTE] = (found.notice, request.model) if found.notice else None
    else:
        st.session_state["gen_restored"] = found.task_id or "a picture"
        st.session_state["gen_restore_error"] = (f"The prompt is back, but the model {literal(request.model, 60)} "
                                                 "is not offered here any more: choose a model.")


def restore_note() -> None:
    """Generate's note after a Restore whose picture named a model the studio does not offer; shown while the form
    keeps the model chosen instead."""
    note, model = st.session_state.get(RESTORE_NOTE) or (None, None)
    if note and st.session_state.get(model_form.model_key("gen")) == model:
        st.warning(literal(note), icon=":material/swap_horiz:")


def restore_from_upload() -> None:
    """Generate's "Restore settings from an image": read the settings a studio PNG carries."""
    upload = st.session_state.get("gen_restore_file")
    if upload is None:
        return
    found = read_settings(upload.getvalue())
    if found is None:
        st.session_state["gen_restore_error"] = ("This picture carries no 4o Image Studio settings. Choose a PNG "
                                                 "downloaded from the studio (Download PNG or a ZIP).")
    else:
        st.session_state.pop("gen_restore_error", None)
        restore_settings(found)


def restore_box() -> None:
    """Generate's "Restore settings from an image": the upload, what went wrong, and what came back."""
    with st.expander("Restore settings from an image"):
        st.file_uploader("A PNG downloaded from the studio", type=["png"], key="gen_restore_file",
                         on_change=restore_from_upload,
                         help="Pictures the studio hands out carry their model, prompt and settings; this puts them "
                              "back here.")
        if message := st.session_state.get("gen_restore_error"):
            st.error(message, icon=":material/image_not_supported:")
    if restored := st.session_state.pop("gen_restored", None):
        st.toast(f"Settings restored from {literal(restored, 80, one_line=True)}.",
                 icon=":material/settings_backup_restore:")
    restore_note()
