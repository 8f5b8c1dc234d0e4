"""Small copies of stored pictures, made once and kept through the store, and drawing one (or, in its place, a
sentence saying why there is none). Every page shows pictures through here, never the stored files themselves."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

import streamlit as st

from kie.models import Task
from kie.store import Store
from kie.thumbnails import MISSING, Unshowable, small_copy

CARD_IMAGE_SIZE = 1024  # px: the card shows a picture at the column's width; the viewer shows the same file
TILE_IMAGE_SIZE = 256
THUMB_WIDTH = 150  # px: a reference picture, or a picture to choose in the picker, shown as a thumbnail

Shown = Path | Unshowable  # a small copy's file, or why the picture cannot be shown (a sentence for the page)


def thumbnail(store: Store, task: Task, name: str, size: int = 512) -> Shown:
    """The kept small copy of a result picture, made once; `Unshowable` if it is gone, damaged or too large."""
    return cached_thumbnail(store, task.task_id, f"{size}a-{name}", partial(store.image_path, task.task_id, name),
                            size)


def input_thumbnail(store: Store, name: str, size: int = 512) -> Shown:
    """The kept small copy of an input picture (an edit's source or mask, a reference)."""
    return cached_thumbnail(store, "inputs", f"{size}a-{name}", partial(store.input_path, name), size)


def cached_thumbnail(store: Store, folder: str, name: str, source: Callable[[], Path], size: int) -> Shown:
    """A small copy made once and kept through the store (an object store shares it with every replica), so a
    large picture is decoded on its first view only. Whatever the stored file is (gone, cut short, not a picture,
    far too large), the answer is a copy or a sentence, never an error (kie/thumbnails.py)."""
    thumb = store.thumb_path(folder, name)
    if thumb.exists():
        return thumb  # the full image is not even fetched
    try:
        content = small_copy(source(), size)
    except Unshowable as refused:
        return refused
    return store.save_thumb(folder, name, content)


def shown(path: Shown | None) -> bool:
    """Whether a thumbnail answer is a picture to draw (not a sentence in its place, not gone)."""
    return isinstance(path, Path) and path.exists()


def picture(path: Shown | None, **kwargs) -> None:
    """A kept small copy, or in its place a sentence saying why there is none (gone, damaged, too large)."""
    if shown(path):
        st.image(str(path), **kwargs)
        return
    sentence = path.sentence if isinstance(path, Unshowable) else MISSING
    label = kwargs.get("caption")  # already Markdown-safe where it is people's text (a reference's label)
    st.caption(f":material/broken_image: {f'{label}: ' if label else ''}:grey[{sentence}]")
