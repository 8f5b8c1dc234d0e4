"""The prompt library beside Generate's prompt box: saved prompts with their settings, and recent prompts."""

from __future__ import annotations

import time
from dataclasses import dataclass

import streamlit as st

from components import model_form, state
from components.session import SessionContext
from components.text import literal, plain
from kie import catalog, errors, library
from kie.errors import RequestInvalid
from kie.library import field  # a store row's column, typed row or dict
from kie.models import GenerateRequest, Task
from kie.request import clean_prompt
from kie.store import SavedPrompt, Store, TaskQuery

RECENT = 20
RECENT_LOOKED_AT = 100  # tasks read at a time to find RECENT different prompts
RECENT_SCAN = 5_000  # at most this many
MESSAGE = "lib_message"  # (kind, text) of the last change, shown in the popover
FORM = "gen"  # the Generate page's model form


def tags_of(text: str) -> str:
    """Comma-separated tags, trimmed, without empty or repeated ones."""
    return ", ".join(library.tags_of(text))


def label_of(saved: SavedPrompt) -> str:
    return f"{field(saved, 'name')} · {field(saved, 'tags')}" if field(saved, "tags") else field(saved, "name")


def _form_request() -> GenerateRequest:
    """The Generate form as a request: its model, prompt and that model's options (from the catalogue)."""
    spec = model_form.chosen_model(FORM)
    return GenerateRequest.build(spec.id, clean_prompt(st.session_state.get("gen_prompt", "")),
                                 model_form.current_options(FORM, spec))


def _save(store: Store) -> None:
    request = _form_request()
    try:  # the limits live in kie.library, so that every way of saving is held to them
        name = library.save_prompt(store, st.session_state.get("lib_name") or "",
                                   st.session_state.get("lib_tags", ""), request, time.time())
    except RequestInvalid as refused:
        st.session_state[MESSAGE] = ("error", literal(refused.detail))  # it may quote a tag
        return
    st.session_state["lib_name"] = st.session_state["lib_tags"] = ""
    st.session_state[MESSAGE] = ("success", f"Saved “{literal(name)}” with {catalog.name_of(request.model)} and its "
                                            "settings.")


def _use_saved(store: Store) -> None:
    chosen = next((p for p in store.prompts() if field(p, "id") == st.session_state.get("lib_pick")), None)
    if chosen is None:
        st.session_state[MESSAGE] = ("error", "That prompt is no longer in the library.")
        return
    try:
        request = GenerateRequest.from_dict(field(chosen, "request") or {})
    except (TypeError, ValueError, errors.RequestInvalid):
        request = GenerateRequest(prompt=str((field(chosen, "request") or {}).get("prompt") or ""))
    state.set_value("gen_prompt", request.prompt)
    # A setting the form cannot show (an old or hand-made entry) leaves the form's own value.
    if model_form.set_form(FORM, request.model, request.settings()):
        st.session_state[MESSAGE] = ("success", f"Using “{literal(field(chosen, 'name'))}”: prompt, "
                                                f"{literal(catalog.name_of(request.model))} and its settings "
                                                "filled in.")
    else:
        st.session_state[MESSAGE] = ("error", f"Using “{literal(field(chosen, 'name'))}”: its model "
                                              f"{literal(request.model, 60)} is not offered here any more, so only "
                                              "the prompt was filled in.")


@dataclass(frozen=True)
class RecentPrompt:
    """A line of Recent prompts: the prompt (or a batch's template), and where it came from."""

    prompt: str
    note: str = ""
    template: bool = False  # a batch's template: "Use" opens it in Batch mode


def recent_prompts(store: Store, limit: int = RECENT) -> list[RecentPrompt]:
    """Recent prompts, newest first: each prompt once; a batch once, as its template when a template made it (one
    line however many batches and prompts that template made), else as its first prompt noted with its name. Your
    own prompts and the batches are read apart, so batches never crowd out the person's own prompts."""
    dated: list[tuple[float, RecentPrompt]] = []
    seen: set[str] = set()
    for offset in range(0, RECENT_SCAN, RECENT_LOOKED_AT):  # your own tasks, until `limit` different prompts
        tasks: list[Task] = store.query(TaskQuery(in_batch=False, demo=False), limit=RECENT_LOOKED_AT, offset=offset)
        for task in tasks:
            if (prompt := task.prompt.strip()) and prompt not in seen and len(seen) < limit:
                seen.add(prompt)
                dated.append((task.created_at, RecentPrompt(prompt)))
        if len(tasks) < RECENT_LOOKED_AT or len(seen) >= limit:
            break
    templates: set[str] = set()
    for batch_id in store.latest_batches(limit):
        newest = store.query(TaskQuery(batch_id=batch_id, demo=False), limit=1)
        batch = store.batch(batch_id)
        if not newest or not newest[0].prompt.strip():
            continue
        name = (field(batch, "name") if batch else None) or batch_id
        template = ((field(batch, "template") if batch else None) or "").strip()
        if template in templates:
            continue
        if template:
            templates.add(template)
            entry = RecentPrompt(template, f"template of the batch “{name}”", True)
        else:
            entry = RecentPrompt(newest[0].prompt.strip(), f"from the batch “{name}”")
        dated.append((newest[0].created_at, entry))
    dated.sort(key=lambda pair: -pair[0])
    return [entry for _, entry in dated][:limit]


def _use_recent(entry: RecentPrompt) -> None:
    if entry.template:  # a template goes back to Batch mode, where its variables' values are asked for
        state.set_value("gen_mode", "batch")
        state.set_value("batch_source", "template")
        state.set_value("batch_template", entry.prompt)
    else:
        state.set_value("gen_prompt", entry.prompt)
    st.session_state.pop(MESSAGE, None)


def _delete(store: Store) -> None:
    chosen = st.session_state.get("lib_pick")
    name = next((field(p, "name") for p in store.prompts() if field(p, "id") == chosen), None)
    if chosen and store.delete_prompt(chosen):
        st.session_state[MESSAGE] = ("success", f"Deleted “{literal(name)}”.")
    st.session_state["lib_pick"] = None


def prompt_library(ctx: SessionContext) -> None:
    """A "Library" popover: use or delete saved prompts, reuse a recent prompt, save the current one.

    Prompts are the person's own under sign-in (`ctx.workspace.store`), else the workspace's.
    """
    store = ctx.workspace.store
    saved = {field(p, "id"): p for p in store.prompts()}
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
                  help="Keeps the prompt with its model and that model's settings")
        recent = recent_prompts(store)
        st.markdown(f"**Recent prompts** ({len(recent)})")
        if not recent:
            st.caption("Prompts you send show here.")
        with st.container(height=240 if len(recent) > 4 else "content"):
            for index, entry in enumerate(recent):
                text, use_col = st.columns([5, 1], vertical_alignment="center")
                prompt = entry.prompt
                short = len(prompt) <= 120
                text.text(prompt if short else prompt[:119] + "…", help=None if short else literal(prompt))
                if entry.note:
                    text.text(entry.note)
                use_col.button("Use", key=f"lib_recent_{index}", on_click=_use_recent, args=(entry,),
                               type="tertiary", help="Open this template in Batch mode" if entry.template else
                               "Put this prompt in the prompt box")
