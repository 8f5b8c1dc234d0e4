"""Pictures: read and normalise uploads safely, fit them in a box, make thumbnails (masks are kie.masks)."""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 25 * 1024 * 1024  # the provider's limit for source and mask files
MAX_PIXELS = 40_000_000  # 4096x4096 and most camera photos pass; 10000x10000 does not
ACCEPTED_TYPES = ("jpg", "jpeg", "png", "webp", "jfif")
FORMAT_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "MPO": "JPEG"}
SIZE_RATIOS = {"1:1": 1.0, "3:2": 1.5, "2:3": 2 / 3}
RESULT_PIXELS = {"1:1": (1024, 1024), "3:2": (1536, 1024), "2:3": (1024, 1536)}


class ImageError(ValueError):
    """A picture the app cannot use; the message names the problem and what to do."""


@dataclass(frozen=True)
class Picture:
    """A normalised picture: upright, RGB or RGBA, 8 bits per channel; `png` is what gets uploaded."""

    image: Image.Image
    png: bytes
    original_format: str

    @property
    def size(self) -> tuple[int, int]:
        return self.image.size


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def load_picture(content: bytes, *, name: str = "the file", max_bytes: int = MAX_UPLOAD_BYTES,
                 max_pixels: int = MAX_PIXELS) -> Picture:
    """Read an uploaded picture, or raise `ImageError` with a message for the person who gave it."""
    if not content:
        raise ImageError(f"{name} is empty (0 bytes). Choose a JPEG, PNG or WebP picture.")
    if len(content) > max_bytes:
        raise ImageError(f"{name} is {_megabytes(len(content))}; the most is {_megabytes(max_bytes)}. "
                         "Shrink or compress it and try again.")
    damaged = (f"{name} is damaged or cut off (truncated). Save it again and re-upload.")
    with warnings.catch_warnings():
        # Opening reads only the header; the pixel cap below says more than Pillow's warning would.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(content))
            fmt = image.format or ""
        except Image.DecompressionBombError:
            raise ImageError(f"{name} has far too many pixels to open safely. Use a smaller picture.") from None
        except UnidentifiedImageError:
            raise ImageError(_unreadable(content, name)) from None
        except Exception:
            raise ImageError(damaged if _looks_like_picture(content) else _unreadable(content, name)) from None
    if fmt not in FORMAT_NAMES:
        hint = " (an animated GIF)" if fmt == "GIF" else ""
        raise ImageError(f"{name} is a {fmt or 'unknown'} file{hint}; the service takes JPEG, PNG or WebP. "
                         "Convert it and try again.")
    if getattr(image, "n_frames", 1) > 1 and fmt != "MPO":
        raise ImageError(f"{name} is animated; use a still picture.")
    width, height = image.size
    if width * height > max_pixels:
        raise ImageError(f"{name} is {width}x{height} pixels ({width * height / 1e6:.0f} MP); the most is "
                         f"{max_pixels / 1e6:.0f} MP. Scale it down and try again.")
    try:
        image.load()
    except Exception:
        raise ImageError(damaged) from None
    image = _normalise(image)
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1)
    return Picture(image=image, png=out.getvalue(), original_format=FORMAT_NAMES[fmt])


def _looks_like_picture(content: bytes) -> bool:
    return content.startswith((b"\x89PNG", b"\xff\xd8\xff")) or content[8:12] == b"WEBP"


def _unreadable(content: bytes, name: str) -> str:
    head = content[:256].lstrip().lower()
    if head.startswith(b"<?xml") or b"<svg" in head:
        return f"{name} is an SVG drawing; the service takes JPEG, PNG or WebP. Export it as PNG first."
    if content[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc", b"ftypavif"):
        return f"{name} is a HEIC/AVIF photo, which the service does not take. Export it as JPEG or PNG first."
    if _looks_like_picture(content):
        return f"{name} is damaged or cut off (truncated). Save it again and re-upload."
    return f"{name} is not a picture the app can read. Choose a JPEG, PNG or WebP file."


def _normalise(image: Image.Image) -> Image.Image:
    """Upright (EXIF orientation applied) and in RGB, or RGBA when it has transparency, 8 bits."""
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.point(lambda v: v / 257).convert("L")  # 16-bit grey to 8-bit
    if image.mode == "CMYK":
        image = image.convert("RGB")
    target = "RGBA" if has_alpha else "RGB"
    if image.mode != target:
        image = image.convert(target)
    image.info.pop("exif", None)
    return image


def nearest_size(width: int, height: int) -> str:
    """The API aspect ratio (1:1, 3:2, 2:3) nearest to a picture's shape."""
    ratio = width / height
    return min(SIZE_RATIOS, key=lambda k: abs(math.log(ratio / SIZE_RATIOS[k])))


def fit_within(width: int, height: int, max_width: int, max_height: int | None = None) -> tuple[int, int]:
    """Display size that keeps the aspect ratio within a box (never scaled up)."""
    scale = min(1.0, max_width / width, (max_height or height) / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def thumbnail_jpeg(content: bytes, size: int = 256) -> bytes:
    """A small JPEG for galleries."""
    with Image.open(io.BytesIO(content)) as image:
        image.draft("RGB", (size * 2, size * 2))
        image = image.convert("RGB")
        image.thumbnail((size, size), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=80, optimize=True)
        return out.getvalue()


def image_size(content: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(content)) as image:
        return image.size
