"""Choosing a picture: an upload, an image from the history, or a URL.

What is chosen is normalised (kie.images), kept in the workspace's input cache, and handed to
`on_pick(PickedPicture)`; only its cache name lives in session state, never its bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from components.session import SessionContext
from components.text import literal, show_message
from components.thumbs import THUMB_WIDTH, picture, thumbnail
from kie.fetch import FetchError, fetch_limited
from kie.images import ACCEPTED_TYPES, MAX_UPLOAD_BYTES, ImageError, Picture, load_picture
from kie.models import Task
from kie.pngmeta import RestoredSettings, read_settings
from kie.store import TaskQuery
from kie.thumbnails import Unshowable, size_of


@dataclass(frozen=True)
class PickedPicture:
    name: str  # file in the workspace's input cache (content-addressed PNG)
    width: int
    height: int
    label: str


def keep(ctx: SessionContext, picture: Picture, label: str) -> PickedPicture:
    name = ctx.store.save_input(picture.png, ".png")
    return PickedPicture(name=name, width=picture.size[0], height=picture.size[1], label=label)


def _error_key(key: str) -> str:
    return f"{key}_error"


def _take(ctx: SessionContext, key: str, content: bytes, label: str, on_pick: Callable[[PickedPicture], None]) -> None:
    try:
        picture = load_picture(content, name=label)
    except ImageError as error:
        st.session_state[_error_key(key)] = str(error)
        return
    st.session_state.pop(_error_key(key), None)
    on_pick(keep(ctx, picture, label))


def _from_upload(ctx: SessionContext, key: str, on_pick) -> None:
    files = st.session_state.get(f"{key}_upload")
    if not files:
        return
    st.session_state.pop(f"{key}_restorable", None)
    for f in files if isinstance(files, list) else [files]:
        if f.size > MAX_UPLOAD_BYTES:
            st.session_state[_error_key(key)] = (f"{f.name} is {f.size / 1024 / 1024:.1f} MB; the most is 25 MB. "
                                                 "Shrink or compress it and try again.")
            continue
        content = f.getvalue()
        if settings := read_settings(content):  # a picture made by the studio carries its prompt and settings
            st.session_state[f"{key}_restorable"] = settings
        _take(ctx, key, content, f.name, on_pick)


def _from_url(ctx: SessionContext, key: str, on_pick) -> None:
    url = (st.session_state.get(f"{key}_url") or "").strip()
    if not url:
        st.session_state[_error_key(key)] = "Paste the address of a picture first."
        return
    try:
        content = fetch_limited(url, allowed_hosts=ctx.client.trusted_hosts)
    except FetchError as error:
        st.session_state[_error_key(key)] = str(error)
        return
    _take(ctx, key, content, url.rsplit("/", 1)[-1].split("?")[0][:60] or "picture", on_pick)


def _from_history(ctx: SessionContext, key: str, task: Task, index: int, on_pick) -> None:
    path = ctx.store.image_path(task.task_id, task.images[index])
    try:
        size_of(path)  # the header alone first: gone, empty, not a picture or too large is refused unread
    except Unshowable as refused:
        st.session_state[_error_key(key)] = f"That picture cannot be used: {refused.reason}."
        return
    _take(ctx, key, path.read_bytes(), f"{(task.prompt or task.task_id)[:40]} #{index + 1}", on_pick)


HISTORY_PAGE = 8  # thumbnails shown at first; "Show more" adds as many again


def _more(key: str) -> None:
    st.session_state[f"{key}_shown"] = st.session_state.get(f"{key}_shown", HISTORY_PAGE) + HISTORY_PAGE


def history_grid(ctx: SessionContext, key: str, on_pick: Callable[[PickedPicture], None]) -> None:
    """Finished pictures of the whole history as thumbnails (a row of as many as fit), newest first, searched by a
    word of the prompt."""
    search = st.text_input("Search your pictures", key=f"{key}_search", placeholder="a word of the prompt",
                           on_change=lambda: st.session_state.pop(f"{key}_shown", None))
    query = TaskQuery(states=("success",), search=search or "")
    total = ctx.store.count(query)
    shown = st.session_state.get(f"{key}_shown", HISTORY_PAGE)
    tasks = [t for t in ctx.store.query(query, limit=shown) if t.images]
    if not tasks:
        st.caption("No finished picture matches that word." if search else "Finished tasks show here.")
        return
    with st.container(horizontal=True, gap="small", key=f"{key}_thumbs"):  # thumbnails, as many a row as fit
        for task in tasks:
            with st.container(border=True, width=THUMB_WIDTH + 32, key=f"{key}_pick_{task.task_id}"):
                picture(thumbnail(ctx.store, task, task.images[0], 256), width="stretch")
                st.caption(literal(task.prompt or "(references)", 50))
                with st.container(horizontal=True, gap="small"):
                    for index in range(len(task.images)):
                        st.button("Use" if len(task.images) == 1 else f"Use {index + 1}",
                                  key=f"{key}_use_{task.task_id}_{index}", on_click=_from_history,
                                  args=(ctx, key, task, index, on_pick), icon=":material/check:")
    if total > shown:
        st.button(f"Show more ({total - shown} older)", key=f"{key}_more", on_click=_more, args=(key,),
                  icon=":material/expand_more:")


def picture_picker(ctx: SessionContext, key: str, on_pick: Callable[[PickedPicture], None], *,
                   multiple: bool = False, on_restore: Callable[[RestoredSettings], None] | None = None) -> None:
    """Three ways to choose a picture; any problem shows under the picker and changes nothing."""
    # The history's thumbnails are drawn only while their tab is open (a rerun tells which one is).
    upload, history, url = st.tabs(["Upload", "From history", "From URL"], key=f"{key}_tabs", on_change="rerun")
    with upload:
        # No type filter here: every file goes through kie.images, whose refusals say what to do next.
        st.file_uploader(
            "Pictures" if multiple else "Picture", accept_multiple_files=multiple,
            key=f"{key}_upload", on_change=_from_upload, args=(ctx, key, on_pick),
            help=f"{', '.join(t.upper() for t in ACCEPTED_TYPES)}; up to 25 MB.",
        )
    if history.open:
        with history:
            history_grid(ctx, key, on_pick)
    with url:
        st.text_input("Picture URL", key=f"{key}_url", placeholder="https://example.com/photo.jpg")
        st.button("Fetch", key=f"{key}_fetch", on_click=_from_url, args=(ctx, key, on_pick),
                  icon=":material/download:")
    if on_restore and (found := st.session_state.get(f"{key}_restorable")):
        st.info(f"This picture was made by the studio: “{literal(found.prompt, 80)}”.", icon=":material/info:")
        st.button("Restore its settings", key=f"{key}_restore", on_click=on_restore, args=(found,),
                  icon=":material/settings_backup_restore:")
    if message := st.session_state.get(_error_key(key)):
        show_message(message, "error", icon=":material/image_not_supported:")
