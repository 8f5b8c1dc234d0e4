"""The prompt library beside Generate's prompt box: saved prompts with their settings, and recent prompts."""

from __future__ import annotations

import time

import streamlit as st

from components import state
from components.session import StudioSession
from components.text import literal, plain
from kie import library
from kie.errors import RequestInvalid
from kie.models import FALLBACK_MODELS, N_VARIANTS, SIZES, GenerateRequest, clean_prompt
from kie.store import SavedPrompt, Store

RECENT = 20
MESSAGE = "lib_message"  # (kind, text) of the last change, shown in the popover
# The Generate form's widgets and the request field each one holds.
FORM = {"gen_prompt": "prompt", "gen_size": "size", "gen_n": "n_variants", "gen_enhance": "is_enhance",
        "gen_fallback": "enable_fallback", "gen_fallback_model": "fallback_model", "gen_upload_cn": "upload_cn"}
ALLOWED = {"size": SIZES, "n_variants": N_VARIANTS, "fallback_model": FALLBACK_MODELS}


def tags_of(text: str) -> str:
    """Comma-separated tags, trimmed, without empty or repeated ones."""
    return ", ".join(library.tags_of(text))


def label_of(saved: SavedPrompt) -> str:
    return f"{saved.name} · {saved.tags}" if saved.tags else saved.name


def _form_request() -> GenerateRequest:
    defaults = GenerateRequest()
    values = {field: st.session_state.get(key, getattr(defaults, field)) for key, field in FORM.items()}
    values["prompt"] = clean_prompt(values["prompt"])
    return GenerateRequest(**values)


def _save(store: Store) -> None:
    try:  # the limits live in kie.library, so that every way of saving is held to them
        name = library.save_prompt(store, st.session_state.get("lib_name") or "",
                                   st.session_state.get("lib_tags", ""), _form_request(), time.time())
    except RequestInvalid as refused:
        st.session_state[MESSAGE] = ("error", literal(refused.detail))  # it may quote a tag
        return
    st.session_state["lib_name"] = st.session_state["lib_tags"] = ""
    st.session_state[MESSAGE] = ("success", f"Saved “{literal(name)}” with its settings.")


def _use_saved(store: Store) -> None:
    chosen = next((p for p in store.prompts() if p.id == st.session_state.get("lib_pick")), None)
    if chosen is None:
        st.session_state[MESSAGE] = ("error", "That prompt is no longer in the library.")
        return
    request = chosen.request or {}
    for key, field in FORM.items():
        value = request.get(field)
        # A setting the form cannot show (an old or hand-made entry) leaves the form's own value.
        if value is None or (field in ALLOWED and value not in ALLOWED[field]):
            continue
        state.set_value(key, value)
    st.session_state[MESSAGE] = ("success", f"Using “{literal(chosen.name)}”: prompt and settings filled in.")


def _use_recent(prompt: str) -> None:
    state.set_value("gen_prompt", prompt)
    st.session_state.pop(MESSAGE, None)


def _delete(store: Store) -> None:
    chosen = st.session_state.get("lib_pick")
    name = next((p.name for p in store.prompts() if p.id == chosen), None)
    if chosen and store.delete_prompt(chosen):
        st.session_state[MESSAGE] = ("success", f"Deleted “{literal(name)}”.")
    st.session_state["lib_pick"] = None


def prompt_library(conn: StudioSession) -> None:
    """A "Library" popover: use or delete saved prompts, reuse a recent prompt, save the current one.

    Prompts are the person's own under sign-in (`conn.studio.store`), else the workspace's.
    """
    store = conn.studio.store
    saved = {p.id: p for p in store.prompts()}
    with st.popover("Library", icon=":material/bookmarks:", help="Saved prompts and your recent prompts"):
        if found := st.session_state.pop(MESSAGE, None):
            (st.error if found[0] == "error" else st.success)(found[1])  # Markdown: names escaped when made
        if st.session_state.get("lib_pick") not in saved:
            st.session_state["lib_pick"] = None
        st.selectbox("Saved prompts", list(saved), format_func=lambda i: plain(label_of(saved[i])), key="lib_pick",
                     index=None, placeholder="Type to search names and tags" if saved else "Nothing saved yet")
        use, delete = st.columns(2)
        picked = st.session_state.get("lib_pick") is not None
        use.button("Use", key="lib_use", icon=":material/input:", disabled=not picked, on_click=_use_saved,
                   args=(store,), help="Fill in the prompt and its settings")
        delete.button("Delete", key="lib_delete", icon=":material/delete:", disabled=not picked, on_click=_delete,
                      args=(store,))
        st.markdown("**Save current prompt…**")
        st.text_input("Name", key="lib_name", max_chars=library.MAX_NAME_CHARS, placeholder="Misty lake, golden hour")
        st.text_input("Tags", key="lib_tags", placeholder="comma, separated")
        st.button("Save", key="lib_save", icon=":material/bookmark_add:", on_click=_save, args=(store,),
                  help="Keeps the prompt with the aspect ratio, number of images and the other settings")
        recent = store.recent_prompts(RECENT)
        st.markdown(f"**Recent prompts** ({len(recent)})")
        if not recent:
            st.caption("Prompts you send show here.")
        with st.container(height=240 if len(recent) > 4 else "content"):
            for index, prompt in enumerate(recent):
                text, use_col = st.columns([5, 1], vertical_alignment="center")
                short = len(prompt) <= 120
                text.text(prompt if short else prompt[:119] + "…", help=None if short else literal(prompt))
                use_col.button("Use", key=f"lib_recent_{index}", on_click=_use_recent, args=(prompt,),
                               type="tertiary", help="Put this prompt in the prompt box")
