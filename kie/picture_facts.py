"""What a stored picture is, read once: its size in pixels and whether any of it is see-through.

Pages ask on every rerun (a Showcase slide, a card, a tool's "1024 → 2048 px"), so each answer is remembered by the
file's path, modification time and size: a picture is read at most once while it stays the same. The size comes from
the header alone; transparency too for a picture whose mode has no alpha (most of them). Only a picture with an alpha
channel is decoded, once, through kie.thumbnails (its formats and pixel cap), to look for a pixel that is not fully
opaque. A file that cannot be read answers None (size) or False (transparency), never an error.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

from PIL import Image

from kie.thumbnails import Unshowable, decoded, opened

REMEMBERED = 4096  # answers kept (a few bytes each): far more than a page shows
ALPHA_MODES = ("RGBA", "LA", "PA", "RGBa", "La")

_answers: OrderedDict[tuple, object] = OrderedDict()
_lock = threading.Lock()


def _identity(path: Path, what: str) -> tuple | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return what, str(path), stat.st_mtime_ns, stat.st_size


def _remembered(key: tuple, work):
    with _lock:
        if key in _answers:
            _answers.move_to_end(key)
            return _answers[key]
    answer = work()
    with _lock:
        _answers[key] = answer
        while len(_answers) > REMEMBERED:
            _answers.popitem(last=False)
    return answer


def _alpha_below_opaque(image: Image.Image) -> bool:
    """Whether an opened picture has a pixel that is not fully opaque (decodes it, within the pixel cap)."""
    if image.mode not in ALPHA_MODES and "transparency" not in image.info:
        return False  # no alpha channel and no transparent colour: opaque, from the header alone
    image = decoded(image, max(image.size))
    rgba = image if image.mode in ALPHA_MODES else image.convert("RGBA")
    return rgba.getchannel("A").getextrema()[0] < 255


def _read_transparency(path: Path) -> bool:
    try:
        with opened(path) as image:
            return _alpha_below_opaque(image)
    except Unshowable:
        return False


def _read_size(path: Path) -> tuple[int, int] | None:
    try:
        with opened(path) as image:
            return image.size
    except Unshowable:
        return None


def has_transparency(path: Path | None) -> bool:
    """Whether the picture at `path` has any pixel that is not fully opaque (a removed background, a cut-out). A
    picture without an alpha channel is answered from its header; False for anything that is not a readable
    picture."""
    if path is None:
        return False
    key = _identity(path, "transparent")
    return False if key is None else bool(_remembered(key, lambda: _read_transparency(path)))


def pixel_size(path: Path | None) -> tuple[int, int] | None:
    """(width, height) of the picture at `path` from its header; None when it is missing or not a picture."""
    if path is None:
        return None
    key = _identity(path, "size")
    return None if key is None else _remembered(key, lambda: _read_size(path))  # type: ignore[return-value]


def forget() -> None:
    """Forget every answer (tests; a changed file is read afresh anyway)."""
    with _lock:
        _answers.clear()
