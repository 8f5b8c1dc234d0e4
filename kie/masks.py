"""Masks: what the mask canvas sends (strokes in canvas units, as JSON text from a browser), checked and bounded,
then drawn afresh as the API's mask at the source picture's pixels (black = change, white = keep), and its PNG.

Pictures themselves (uploads, thumbnails) are kie.images."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from itertools import pairwise

from PIL import Image, ImageChops, ImageDraw

from kie.browser_input import BrowserInputError, parse_json_value

# What the mask canvas sends: its strokes in canvas units (the canvas's nominal size, not the screen's pixels), as
# JSON text. It comes from a browser, so its size is bounded before anything is drawn: a drawing beyond a bound is
# refused with a message (never cut short: the mask would not be what was painted). bench/images.py measures the
# worst drawing these bounds let through and what long sessions of painting cost (bench/RESULTS.md).
PAINT_TOOLS = ("brush", "eraser", "rect", "poly")
MAX_CANVAS_SIDE = 4096
MAX_DRAWING_BYTES = 2_000_000  # the JSON text: MAX_POINTS points at about 14 characters each, and room to spare
MAX_DRAWING_DEPTH = 5  # {"strokes": [{"points": [[x, y]]}]} nests 5 levels
MAX_STROKES = 2_000
MAX_POINTS = 100_000  # as sent, over all strokes; 400 long strokes of a small brush send about 75,000
MAX_CORNERS = 1_000  # of one polygon: its corners are clicked one by one
SIMPLIFY = 0.5  # canvas units (half a screen pixel at the canvas's nominal size): see _corners
# The work of drawing a mask, in canvas units² (Drawing.cost), about 4-6 ns each at 4096x4096 whatever is drawn:
BRUSH_OVERHEAD = 20  # every disc and every piece of a line costs a little whatever its size: as if this much wider
LINE_ROWS = 80  # a line costs its rows too: a thin line costs about what its length times 80 units of width would
POLY_ROW = 24  # a polygon's fill crosses every edge with every row: this much per corner and row
# A long session of painting costs well under this (200 strokes of the usual brush, 56 million; 60 strokes
# scribbled with the largest, 72 million); the worst drawing within it takes 0.5-0.75 s to draw at 4096x4096.
MAX_PAINT_COST = 100_000_000
PAINT_COST_SIDE = 4096  # sources up to this longer side get the whole budget, larger ones proportionally less
ADVICE = "Press Clear or Undo some strokes."


class DrawingError(ValueError):
    """A drawing the app will not use: the message says why and what to do (Clear, or Undo some strokes)."""


@dataclass(frozen=True)
class Stroke:
    """One mark on the canvas: a brush or eraser line `width` wide, a rectangle (two corners) or a polygon."""

    tool: str
    width: float
    points: tuple[tuple[float, float], ...]


def paint_budget(source_size: tuple[int, int]) -> float:
    """The most drawing work (Drawing.cost) a mask for a source of this size may take: the time to draw it grows
    with the source's pixels, so a source larger than 4096 px gets a smaller share."""
    longest = max(source_size)
    return MAX_PAINT_COST * min(1.0, (PAINT_COST_SIDE / longest) ** 2) if longest > 0 else MAX_PAINT_COST


@dataclass(frozen=True)
class Drawing:
    """Everything painted on a canvas of `size` (canvas units), oldest stroke first (an eraser takes paint away)."""

    size: tuple[int, int]
    strokes: tuple[Stroke, ...]

    @classmethod
    def from_text(cls, raw: object, *, budget: float = MAX_PAINT_COST) -> Drawing | None:
        """A drawing from the JSON text the canvas sends, or None when it is not a drawing.

        Raises `DrawingError` when it is beyond a bound: its length and nesting are checked before it is decoded,
        the rest by `from_json`.
        """
        try:
            value = parse_json_value(raw, max_bytes=MAX_DRAWING_BYTES, max_depth=MAX_DRAWING_DEPTH,
                                     what="The painting")
        except BrowserInputError as error:
            raise DrawingError(f"{error} {ADVICE}") from None
        return cls.from_json(value, budget=budget)

    @classmethod
    def from_json(cls, value: object, *, budget: float = MAX_PAINT_COST) -> Drawing | None:
        """A drawing from what the browser sent (decoded), or None when there is none.

        It comes from a browser, so it is checked like any input: unknown tools, broken points and numbers
        outside the canvas are dropped or clamped. Too many strokes or points, a polygon with too many corners, or
        more drawing work than `budget` raise `DrawingError`, so nothing sent can make the server draw for long.
        Nothing here recurses: a value nested deeper than a drawing is simply not one.
        """
        if not isinstance(value, dict):
            return None
        try:
            width, height = int(value.get("width")), int(value.get("height"))
        except (TypeError, ValueError):
            return None
        if not (0 < width <= MAX_CANVAS_SIDE and 0 < height <= MAX_CANVAS_SIDE):
            return None
        raw = value.get("strokes")
        raw = raw if isinstance(raw, list) else []
        if len(raw) > MAX_STROKES:
            raise DrawingError(f"The painting has {len(raw):,} marks; the most is {MAX_STROKES:,}. {ADVICE}")
        sent = sum(len(item["points"]) for item in raw if isinstance(item, dict) and isinstance(item.get("points"),
                                                                                                 list))
        if sent > MAX_POINTS:
            raise DrawingError(f"The painting is too detailed to use ({sent:,} points; the most is {MAX_POINTS:,}). "
                               f"{ADVICE}")
        strokes, cost = [], 0.0
        for item in raw:
            if (stroke := _stroke(item, width, height)) is not None:
                strokes.append(stroke)
                cost += _stroke_cost(stroke, (width, height))
                if cost > budget:  # no need to read the rest
                    raise DrawingError(f"The painting is too large to use (more paint than one mask can take). "
                                       f"{ADVICE}")
        return cls((width, height), tuple(strokes))

    def to_json(self) -> dict:
        return {"width": self.size[0], "height": self.size[1],
                "strokes": [{"tool": s.tool, "width": s.width, "points": [list(p) for p in s.points]}
                            for s in self.strokes]}

    def cost(self) -> float:
        """The work of drawing this with `painted`, in canvas units² (at 4096x4096 about 4-6 ns each)."""
        return sum(_stroke_cost(stroke, self.size) for stroke in self.strokes)

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
            else:  # a round brush: a line with a disc at every corner (round ends and joins)
                radius = stroke.width * (sx + sy) / 4
                if len(points) > 1:
                    draw.line(points, fill=fill, width=max(1, round(radius * 2)))
                for x, y in points:
                    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=fill)
        return out


def _stroke_cost(stroke: Stroke, canvas: tuple[int, int]) -> float:
    """The work of drawing one stroke with `Drawing.painted`, in canvas units².

    A brush line costs a disc at every corner and its band (length times width) and rows, every disc and piece
    as if the brush were BRUSH_OVERHEAD wider; a rectangle its area on the
    canvas; a polygon its corners times its height (Pillow crosses every edge with every row) and its box. Not
    the length alone: a thousand points on one spot have no length and cost a thousand discs.
    """
    xs, ys = [x for x, _ in stroke.points], [y for _, y in stroke.points]
    box = _inside(min(xs), max(xs), canvas[0]) * _inside(min(ys), max(ys), canvas[1])
    if stroke.tool == "rect":
        return box + BRUSH_OVERHEAD ** 2
    if stroke.tool == "poly":
        rows = _inside(min(ys), max(ys), canvas[1]) + BRUSH_OVERHEAD
        return len(stroke.points) * rows * POLY_ROW + box + BRUSH_OVERHEAD ** 2
    reach = stroke.width + BRUSH_OVERHEAD
    length = sum(math.dist(a, b) for a, b in pairwise(stroke.points))
    disc = math.pi / 4 * stroke.width ** 2 + 2 * BRUSH_OVERHEAD * reach  # and the piece of line that ends there
    return len(stroke.points) * disc + length * (stroke.width + LINE_ROWS)


def _inside(low: float, high: float, side: int) -> float:
    """How much of [low, high] lies on a canvas side of length `side`."""
    return max(0.0, min(high, side) - max(low, 0.0))


def _stroke(item: object, width: int, height: int) -> Stroke | None:
    """One stroke as sent, checked; None when it is not one (an unknown tool, no usable points)."""
    if not isinstance(item, dict) or item.get("tool") not in PAINT_TOOLS:
        return None
    tool = item["tool"]
    points = _points(item.get("points"), width, height)
    if tool == "poly" and len(points) > MAX_CORNERS:
        raise DrawingError(f"A shape in the painting has {len(points):,} corners; the most is {MAX_CORNERS:,}. "
                           f"{ADVICE}")
    if not points or (tool == "poly" and len(points) < 3) or (tool == "rect" and len(points) != 2):
        return None
    stroke_width = _number(item.get("width"))
    stroke_width = 1.0 if stroke_width is None else min(max(stroke_width, 1.0), float(max(width, height)))
    if tool in ("brush", "eraser"):
        points = _corners(points, SIMPLIFY)
    return Stroke(tool, stroke_width, points)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _points(raw: object, width: int, height: int) -> tuple[tuple[float, float], ...]:
    """The [x, y] pairs of numbers in `raw`, clamped near the canvas (a stroke may run past the edge: it paints up to
    it); anything else is left out. One pass of plain checks: a drawing may send 100,000 of them."""
    if not isinstance(raw, list):
        return ()
    points, numbers, finite = [], (int, float), math.isfinite
    left, right, top, bottom = -float(width), 2.0 * width, -float(height), 2.0 * height
    for point in raw:
        if type(point) in (list, tuple) and len(point) == 2:
            x, y = point
            if type(x) in numbers and type(y) in numbers and finite(x) and finite(y):  # not True, NaN or "1"
                points.append((min(max(float(x), left), right), min(max(float(y), top), bottom)))
    return tuple(points)


def _corners(points: tuple[tuple[float, float], ...], tolerance: float) -> tuple[tuple[float, float], ...]:
    """The corners of a line: the points it keeps when each point it drops lies within `tolerance` of the line
    through the corners around it, and within 1.5 times that of the piece between them (where the line turns back).
    A "sleeve": each point narrows the directions the piece may take; one pass, so any number of points costs little.

    A mouse sends a point every unit or so along a stroke, and drawing a disc of the brush at each was most of a
    mask's cost; at half a canvas unit, what is dropped is less than half a screen pixel where it was painted.
    """
    if len(points) < 3:
        return points
    kept = [points[0]]
    anchor, last = points[0], points[0]
    reference, low, high, farthest = None, -math.inf, math.inf, 0.0
    for point in points[1:]:
        dx, dy = point[0] - anchor[0], point[1] - anchor[1]
        distance = math.hypot(dx, dy)
        if distance > tolerance or reference is not None:
            angle = math.atan2(dy, dx)
            if reference is None:
                reference = angle
            turn = (angle - reference + math.pi) % (2 * math.pi) - math.pi
            if distance >= farthest - tolerance and (distance <= tolerance or low <= turn <= high):
                if distance > tolerance:  # every later point must lie in this point's reach too
                    half = math.asin(tolerance / distance)
                    low, high = max(low, turn - half), min(high, turn + half)
            else:  # the sleeve ends (it turned, or came back): `last` is a corner
                kept.append(last)
                anchor = last
                dx, dy = point[0] - anchor[0], point[1] - anchor[1]
                distance = math.hypot(dx, dy)
                reference, low, high, farthest = None, -math.inf, math.inf, 0.0
                if distance > tolerance:
                    reference = math.atan2(dy, dx)
                    low = -(high := math.asin(tolerance / distance))
            farthest = max(farthest, distance)
        last = point
    if last != kept[-1]:
        kept.append(last)
    return tuple(kept)


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
