"""Small copies of stored pictures, made so that no stored file can break a page or take the server's memory.

Whatever sits in the store (a result saved by an older version, a file cut short, an HTML page saved as `0.png`,
an empty file, a decompression bomb) is read the same way:

- the header alone is read first: only PNG, JPEG and WebP are opened (never a format whose decoder runs other
  programs), and a picture over the pixel cap (`kie.images.MAX_PIXELS`, the uploads' cap) is refused from its
  width and height without decoding a pixel;
- a JPEG is decoded at 1/2 to 1/8 of its size (`draft`, the decoder's own scaling), any other picture whole but
  within the cap (at most 160 MB of pixels at the 40-MP cap), one large decode at a time per process, then scaled
  down through `reduce`;
- anything that goes wrong is an `Unshowable` whose sentence a page can show, never a traceback.

The small copy is kept through the store's thumbnail files (`Store.save_thumb`, shared with every replica), so a
large result costs its decode once, not per view. A file that cannot be shown is remembered here (by path,
modification time and size) so a damaged one is not read again on every rerun either.
"""

from __future__ import annotations

import io
import logging
import threading
import warnings
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image, ImageOps

from kie.images import MAX_PIXELS

log = logging.getLogger(__name__)

SHOWN_FORMATS = ("PNG", "JPEG", "WEBP")  # what the service sends and the app stores; MPO is JPEG's plugin too
LARGE_DECODE = 16_000_000  # pixels decoded at once above which a decode waits for the one under way to end
MISSING = "This image is no longer in the local cache."
DAMAGED = "the file is damaged or not a picture"
EMPTY = "the file is empty"
REMEMBERED = 1024  # files that could not be shown, remembered by path, time and size

_large_decode = threading.Lock()
_refused: OrderedDict[tuple, Unshowable] = OrderedDict()
_refused_lock = threading.Lock()


class Unshowable(ValueError):
    """A stored file that cannot be shown. `reason` is why, in words ("the file is damaged or not a picture");
    `sentence` is what a page shows in the picture's place."""

    def __init__(self, reason: str, sentence: str | None = None) -> None:
        self.reason = reason
        self.sentence = sentence or f"This picture cannot be shown: {reason}."
        super().__init__(self.sentence)


def too_large(width: int, height: int, max_pixels: int) -> Unshowable:
    return Unshowable(f"at {width}×{height} pixels ({width * height / 1e6:.0f} MP) it is too large to show safely "
                      f"(the most is {max_pixels / 1e6:.0f} MP)")


@contextmanager
def opened(source: bytes | Path, max_pixels: int = MAX_PIXELS) -> Iterator[Image.Image]:
    """The picture in `source` with only its header read: PNG, JPEG or WebP, at most `max_pixels`; `Unshowable`
    otherwise. Nothing is decoded yet."""
    if isinstance(source, Path):
        try:
            if source.stat().st_size == 0:
                raise Unshowable(EMPTY)
        except FileNotFoundError:
            raise Unshowable("it is no longer in the local cache", MISSING) from None
        except OSError:  # a folder in its place, no permission, a broken disk: nothing the page can show
            raise Unshowable(DAMAGED) from None
    elif not source:
        raise Unshowable(EMPTY)
    with warnings.catch_warnings():
        # Pillow warns from 89 MP and refuses from 179 MP; the cap below is lower and says more.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(source if isinstance(source, Path) else io.BytesIO(source), formats=SHOWN_FORMATS)
        except Image.DecompressionBombError:
            raise Unshowable("it has far too many pixels to show safely") from None
        except Exception:  # not a picture (an HTML page), or a header cut short: Pillow raises many kinds
            raise Unshowable(DAMAGED) from None
    with image:
        width, height = image.size
        if width * height > max_pixels:
            raise too_large(width, height, max_pixels)
        yield image


def size_of(source: bytes | Path, max_pixels: int = MAX_PIXELS) -> tuple[int, int]:
    """Width and height from the header alone; `Unshowable` for anything the pages could not show."""
    with opened(source, max_pixels) as image:
        return image.size


def decoded(image: Image.Image, size: int) -> Image.Image:
    """Decode an opened picture for a copy no larger than `size` px a side: a JPEG at the smallest of its
    decoder's scales (1/2, 1/4, 1/8) still at least that size, anything else whole (within the cap), one large
    decode at a time."""
    image.draft(None, (size, size))  # JPEG only (the DCT's own scaling, a fair area average); others ignore it
    large = image.width * image.height > LARGE_DECODE
    if large:
        _large_decode.acquire()
    try:
        image.load()
    except Exception:  # cut short, a broken chunk or checksum, a decoder error
        raise Unshowable(DAMAGED) from None
    finally:
        if large:
            _large_decode.release()
    return image


def _transparent(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def thumbnail_bytes(source: bytes | Path, size: int, max_pixels: int = MAX_PIXELS) -> bytes:
    """A copy no larger than `size` px a side, upright: JPEG, or PNG where the picture has transparency (a removed
    background stays so). `Unshowable` for anything that is not a picture the pages can show."""
    with opened(source, max_pixels) as image:
        transparent = _transparent(image)
        image = decoded(image, size)
        if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
            image = image.point(lambda v: v / 257).convert("L")  # 16-bit grey to 8-bit
        elif image.mode not in ("RGB", "RGBA", "L"):
            image = image.convert("RGBA" if transparent else "RGB")  # palette, CMYK, grey with alpha
        try:
            image.thumbnail((size, size), Image.Resampling.LANCZOS, reducing_gap=2.0)  # `reduce` first, then smooth
            image = ImageOps.exif_transpose(image)
        except Exception:
            raise Unshowable(DAMAGED) from None
        out = io.BytesIO()
        if transparent:
            image.convert("RGBA").save(out, format="PNG", optimize=True)
        else:
            image.convert("RGB" if image.mode != "L" else "L").save(out, format="JPEG", quality=80, optimize=True)
        return out.getvalue()


def _identity(path: Path, max_pixels: int) -> tuple | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return str(path), stat.st_mtime_ns, stat.st_size, max_pixels


def remembered(path: Path, max_pixels: int = MAX_PIXELS) -> Unshowable | None:
    """Why the file at `path` could not be shown the last time it was tried, if it has not changed since."""
    key = _identity(path, max_pixels)
    with _refused_lock:
        return _refused.get(key) if key else None


def small_copy(path: Path, size: int, max_pixels: int = MAX_PIXELS) -> bytes:
    """`thumbnail_bytes` of a stored file, remembering a file that cannot be shown (until it changes), so a
    damaged or oversized one is refused from memory on later views rather than read again."""
    if (known := remembered(path, max_pixels)) is not None:
        raise known
    try:
        return thumbnail_bytes(path, size, max_pixels)
    except Unshowable as refused:
        key = _identity(path, max_pixels)
        if key is not None:  # a missing file is not remembered: it may come back (an object store's cache)
            log.info("a stored file cannot be shown: %s (%s)", path.name, refused.reason)
            with _refused_lock:
                _refused[key] = refused
                while len(_refused) > REMEMBERED:
                    _refused.popitem(last=False)
        raise


def forget() -> None:
    """Forget every file remembered as unshowable (tests; a file that changes is forgotten anyway)."""
    with _refused_lock:
        _refused.clear()


__all__ = ["DAMAGED", "EMPTY", "MISSING", "SHOWN_FORMATS", "Unshowable", "decoded", "forget", "opened", "remembered",
           "size_of", "small_copy", "thumbnail_bytes", "too_large"]
