"""Pictures: read and normalise uploads safely, build masks from canvas strokes, make thumbnails."""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageDraw, ImageOps, UnidentifiedImageError

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


# -- masks -----------------------------------------------------------------------------------

# What the mask canvas sends: its strokes in canvas units (the canvas's nominal size, not the screen's pixels).
PAINT_TOOLS = ("brush", "eraser", "rect", "poly")
MAX_STROKES = 2_000
MAX_POINTS = 100_000  # over all strokes: a long session of painting is a few thousand
MAX_CANVAS_SIDE = 4096


@dataclass(frozen=True)
class Stroke:
    """One mark on the canvas: a brush or eraser line `width` wide, a rectangle (two corners) or a polygon."""

    tool: str
    width: float
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Drawing:
    """Everything painted on a canvas of `size` (canvas units), oldest stroke first (an eraser takes paint away)."""

    size: tuple[int, int]
    strokes: tuple[Stroke, ...]

    @classmethod
    def from_json(cls, value: object) -> Drawing | None:
        """A drawing from what the browser sent, or None when there is none.

        It comes from a browser, so it is checked like any input: unknown tools, broken points and numbers
        outside the canvas are dropped or clamped, and the counts are bounded, so nothing sent can make the
        server draw without end.
        """
        if not isinstance(value, dict):
            return None
        try:
            width, height = int(value.get("width")), int(value.get("height"))
        except (TypeError, ValueError):
            return None
        if not (0 < width <= MAX_CANVAS_SIDE and 0 < height <= MAX_CANVAS_SIDE):
            return None
        strokes, budget = [], MAX_POINTS
        raw = value.get("strokes")
        for item in raw[:MAX_STROKES] if isinstance(raw, list) else ():
            if not isinstance(item, dict) or item.get("tool") not in PAINT_TOOLS:
                continue
            points = _points(item.get("points"), width, height, budget)
            budget -= len(points)
            stroke_width = _number(item.get("width"))
            stroke_width = 1.0 if stroke_width is None else min(max(stroke_width, 1.0), float(max(width, height)))
            if points and (item["tool"] != "poly" or len(points) >= 3) and (item["tool"] != "rect" or
                                                                             len(points) == 2):
                strokes.append(Stroke(item["tool"], stroke_width, points))
        return cls((width, height), tuple(strokes))

    def to_json(self) -> dict:
        return {"width": self.size[0], "height": self.size[1],
                "strokes": [{"tool": s.tool, "width": s.width, "points": [list(p) for p in s.points]}
                            for s in self.strokes]}

    def painted(self, size: tuple[int, int]) -> Image.Image:
        """What is painted, drawn afresh at `size` (the source's pixels): 'L', 255 painted, 0 not, no grey."""
        out = Image.new("L", tuple(size), 0)
        draw = ImageDraw.Draw(out)
        sx, sy = size[0] / self.size[0], size[1] / self.size[1]
        for stroke in self.strokes:
            points = [(x * sx, y * sy) for x, y in stroke.points]
            fill = 0 if stroke.tool == "eraser" else 255
            if stroke.tool == "rect":
                (x0, y0), (x1, y1) = points
                draw.rectangle((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)), fill=fill)
            elif stroke.tool == "poly":
                draw.polygon(points, fill=fill)
            else:  # a round brush: a line with a disc at every point (round ends and joins)
                radius = stroke.width * (sx + sy) / 4
                if len(points) > 1:
                    draw.line(points, fill=fill, width=max(1, round(radius * 2)))
                for x, y in points:
                    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=fill)
        return out


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _points(raw: object, width: int, height: int, budget: int) -> tuple[tuple[float, float], ...]:
    points = []
    for point in raw if isinstance(raw, list) else ():
        if len(points) >= budget:
            break
        if isinstance(point, (list, tuple)) and len(point) == 2:
            x, y = _number(point[0]), _number(point[1])
            if x is not None and y is not None:  # a stroke may run past the edge: it paints up to it
                points.append((min(max(x, -width), 2.0 * width), min(max(y, -height), 2.0 * height)))
    return tuple(points)


def painted_area(canvas: Image.Image | bytes) -> Image.Image:
    """The canvas drawing as a bilevel 'L' image: 255 where something was painted, 0 elsewhere.

    Anything not fully transparent counts: strokes are drawn in a translucent colour.
    """
    if isinstance(canvas, (bytes, bytearray)):
        canvas = Image.open(io.BytesIO(canvas))
    if canvas.mode != "RGBA":
        canvas = canvas.convert("RGBA")
    alpha = canvas.getchannel("A")
    return alpha.point(lambda a: 255 if a > 0 else 0)


def build_mask(canvas: Drawing | Image.Image | bytes | None, source_size: tuple[int, int], *,
               invert: bool = False, base: Image.Image | None = None) -> Image.Image:
    """The API's mask for a drawing: the source's exact size, black (0) = change, white (255) = keep.

    A `Drawing` is drawn afresh at the source's pixels; a canvas picture is scaled with nearest neighbour. Either
    way the mask has no grey edge. `base` is an earlier
    mask (black = change) that the drawing adds to, when a past edit is reopened. With `invert`, the
    painting marks what to keep instead.
    """
    size = tuple(source_size)
    painted = Image.new("L", size, 0)
    if isinstance(canvas, Drawing):
        painted = canvas.painted(size)
    elif canvas is not None:
        painted = painted_area(canvas)
        if painted.size != size:
            painted = painted.resize(size, Image.Resampling.NEAREST)
    if base is not None:
        earlier = base.convert("L")
        if earlier.size != size:
            earlier = earlier.resize(size, Image.Resampling.NEAREST)
        painted = ImageChops.lighter(painted, earlier.point(lambda v: 255 if v < 128 else 0))
    # painted is 255 where the person painted; the mask is black there, unless inverted.
    return painted if invert else painted.point(lambda v: 255 - v)


def mask_png(mask: Image.Image) -> bytes:
    """Encode a mask as a greyscale PNG."""
    out = io.BytesIO()
    mask.convert("L").save(out, format="PNG", compress_level=1)
    return out.getvalue()


def mask_coverage(mask: Image.Image) -> float:
    """Share of the picture that the mask asks to change (black pixels), 0..1."""
    hist = mask.convert("L").histogram()
    total = mask.width * mask.height
    return hist[0] / total if total else 0.0


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
