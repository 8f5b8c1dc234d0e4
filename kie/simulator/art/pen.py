"""A pen that draws shapes in a subject's own units: x across (0 at the centre), y up (0 at the base, 1 at the top).

Every subject is drawn through one, so placing, scaling and mirroring a subject (a variant's pose) is the pen's
job, and a model's look (outlines, colour grading) is applied to every shape in one place.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PIL import ImageDraw

RGB = tuple[int, int, int]
Point = tuple[float, float]


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """The colour a share `t` of the way from `a` to `b`."""
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def darker(c: RGB, t: float = 0.25) -> RGB:
    """`c` a share `t` of the way to black."""
    return mix(c, (0, 0, 0), t)


def lighter(c: RGB, t: float = 0.25) -> RGB:
    """`c` a share `t` of the way to white."""
    return mix(c, (255, 255, 255), t)


class Pen:
    """Draws on `draw` with the subject's base centre at (x, y) in pixels and `s` pixels for one unit of height."""

    def __init__(self, draw: ImageDraw.ImageDraw, x: float, y: float, s: float, *, flip: bool = False,
                 tone: Callable[[RGB], RGB] = lambda c: c, outline: RGB | None = None, line: float = 0.0,
                 shade: str = "flat", width: int | None = None):
        self.draw, self.x, self.y, self.s = draw, x, y, s
        self.dir = -1 if flip else 1
        self.tone = tone
        self.outline = outline  # a model's look: crisp dark edges round every shape
        self.line_share = line
        self.width = (width if width is not None else max(1, round(s * line))) if outline else 0
        self.shade = shade  # a model's look: flat, soft (a highlight on round shapes) or cel (a hard shadow side)

    def sub(self, u: float, v: float, s: float, flip: bool = False) -> Pen:
        """A pen for a part drawn inside this one: its base at (u, v), `s` of these units to one of its own.

        The part keeps this pen's look, outline width and facing (a mirrored group mirrors its parts).
        """
        x, y = self.at(u, v)
        return Pen(self.draw, x, y, self.s * s, flip=(self.dir < 0) != flip, tone=self.tone, outline=self.outline,
                   line=self.line_share, shade=self.shade, width=self.width)

    def px(self, units: float) -> float:
        """`units` of this pen in pixels."""
        return units * self.s

    def at(self, u: float, v: float) -> Point:
        """The pixel for the subject's point (u, v)."""
        return self.x + self.dir * u * self.s, self.y - v * self.s

    def _box(self, u0: float, v0: float, u1: float, v1: float) -> tuple[float, float, float, float]:
        (x0, y0), (x1, y1) = self.at(u0, v0), self.at(u1, v1)
        return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)

    def _style(self, colour: RGB, edge: bool) -> dict:
        if edge and self.outline is not None:
            return {"fill": self.tone(colour), "outline": self.outline, "width": self.width}
        return {"fill": self.tone(colour)}

    def oval(self, u: float, v: float, rx: float, ry: float, colour: RGB, edge: bool = True) -> None:
        """An ellipse centred on (u, v) with radii rx, ry (units), shaded as the look says."""
        box = self._box(u - rx, v - ry, u + rx, v + ry)
        big = edge and min(box[2] - box[0], box[3] - box[1]) > 14
        if big and self.shade == "cel":  # a hard shadow crescent low on the side away from the light
            x0, y0, x1, y1 = box
            cx, cy, rx_, ry_ = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2
            px, py, f = cx - rx_ * 0.7071, cy - ry_ * 0.7071, 0.86  # shrunk about the upper-left edge: inside
            lx, ly = px + f * (cx - px), py + f * (cy - py)
            self.draw.ellipse(box, fill=self.tone(darker(colour, 0.22)))
            self.draw.ellipse((lx - rx_ * f, ly - ry_ * f, lx + rx_ * f, ly + ry_ * f), fill=self.tone(colour))
            if self.outline is not None:
                self.draw.ellipse(box, outline=self.outline, width=self.width)
            return
        self.draw.ellipse(box, **self._style(colour, edge))
        if big and self.shade == "soft":  # a soft highlight up on the lit side
            x0, y0, x1, y1 = box
            w, h = x1 - x0, y1 - y0
            self.draw.ellipse((x0 + w * 0.2, y0 + h * 0.14, x0 + w * 0.46, y0 + h * 0.36),
                              fill=self.tone(lighter(colour, 0.16)))

    def rect(self, u0: float, v0: float, u1: float, v1: float, colour: RGB, edge: bool = True,
             radius: float = 0.0) -> None:
        """A rectangle between two corners (units), its corners rounded by `radius` units."""
        box = self._box(u0, v0, u1, v1)
        r = min(radius * self.s, (box[2] - box[0]) / 2, (box[3] - box[1]) / 2) if radius else 0
        big = edge and min(box[2] - box[0], box[3] - box[1]) > 14
        if big and self.shade == "cel":  # the lower side in shadow
            x0, y0, x1, y1 = box
            self._rect(box, r, {"fill": self.tone(darker(colour, 0.2))})
            self._rect((x0, y0, x1, y1 - (y1 - y0) * 0.14), r, {"fill": self.tone(colour)})
            if self.outline is not None:
                self._rect(box, r, {"outline": self.outline, "width": self.width})
            return
        self._rect(box, r, self._style(colour, edge))

    def _rect(self, box: tuple[float, float, float, float], r: float, style: dict) -> None:
        if r >= 1:
            self.draw.rounded_rectangle(box, radius=int(r), **style)
        else:
            self.draw.rectangle(box, **style)

    def poly(self, points: Sequence[Point], colour: RGB, edge: bool = True) -> None:
        """A filled polygon through the subject's points."""
        style = self._style(colour, edge)
        self.draw.polygon([self.at(u, v) for u, v in points], fill=style["fill"], outline=style.get("outline"),
                          width=style.get("width", 1))

    def line(self, points: Sequence[Point], colour: RGB, width: float) -> None:
        """A line `width` units thick through the points, with round joints."""
        w = max(1, round(width * self.s))
        self.draw.line([self.at(u, v) for u, v in points], fill=self.tone(colour), width=w, joint="curve")
        for u, v in (points[0], points[-1]):  # round caps
            x, y = self.at(u, v)
            self.draw.ellipse((x - w / 2 + 0.5, y - w / 2 + 0.5, x + w / 2 - 0.5, y + w / 2 - 0.5),
                              fill=self.tone(colour))

    def arc(self, u: float, v: float, r: float, start: float, end: float, colour: RGB, width: float) -> None:
        """A circular arc round (u, v), angles in degrees counter-clockwise from the subject's right."""
        steps = max(6, int(abs(end - start) / 10))
        points = [(u + r * math.cos(math.radians(start + (end - start) * i / steps)),
                   v + r * math.sin(math.radians(start + (end - start) * i / steps))) for i in range(steps + 1)]
        self.line(points, colour, width)

    def text(self, u: float, v: float, height: float, words: str, colour: RGB) -> None:
        """`words` centred on (u, v), `height` units tall (a label on the fallback object)."""
        from kie.simulator.art.lettering import font  # only the fallback object writes

        size = max(6, round(height * self.s))
        x, y = self.at(u, v)
        self.draw.text((x, y), words, fill=self.tone(colour), font=font(size), anchor="mm")

    def star(self, u: float, v: float, r: float, colour: RGB, points: int = 5, inner: float = 0.45) -> None:
        """A star of `points` points centred on (u, v)."""
        pts = [(u + r * (1 if i % 2 == 0 else inner) * math.sin(i * math.pi / points),
                v + r * (1 if i % 2 == 0 else inner) * math.cos(i * math.pi / points)) for i in range(2 * points)]
        self.poly(pts, colour, edge=False)
