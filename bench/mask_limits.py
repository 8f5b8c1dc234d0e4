"""The mask canvas's bounds: the worst drawing they let through, long sessions of painting, what they refuse.

    python -m bench.mask_limits

A drawing comes from the browser as JSON text; the server decodes and checks it (`Drawing.from_text`) once per
change, then draws the mask at the source's pixels (`build_mask`). Both are timed here as CPU seconds of this
process (the machine is shared: CPU time is what the server pays, wall time also waits for others).
"""

from __future__ import annotations

import json
import math
import random
import time

from PIL import Image, ImageDraw

from bench.common import table
from kie.masks import MAX_PAINT_COST, Drawing, DrawingError, build_mask, paint_budget

CANVAS = (620, 620)  # the canvas of a square source, in canvas units
SOURCE = (4096, 4096)


def mouse_stroke(rng: random.Random, length: float, *, scribble: bool = False,
                 size: tuple[int, int] = CANVAS) -> list[list[float]]:
    """A stroke as the canvas records a mouse: a wandering curve, an event every 1-2.5 units, each at a whole screen
    pixel (the canvas shown 600 px wide), rounded to 0.1 unit and kept when 0.5 unit or more from the last."""
    width, height = size
    x, y = rng.uniform(50, width - 50), rng.uniform(50, height - 50)
    heading, bend, travelled, points = rng.uniform(0, 2 * math.pi), 0.0, 0.0, []
    while travelled < length:
        step = rng.uniform(0.8, 2.5)
        bend = max(-0.08, min(0.08, bend + rng.gauss(0, 0.02)))
        if scribble and rng.random() < 0.01:  # back and forth over an area
            heading += math.pi * rng.uniform(0.8, 1.0)
        heading += bend * step
        x, y = x + step * math.cos(heading), y + step * math.sin(heading)
        if not (0 < x < width and 0 < y < height):
            heading += math.pi
            x, y = min(max(x, 1), width - 1), min(max(y, 1), height - 1)
        point = [round(round(x * 600 / width) * width / 600, 1), round(round(y * 600 / width) * width / 600, 1)]
        if not points or math.dist(point, points[-1]) >= 0.5:
            points.append(point)
        travelled += step
    return points


def session(brush: int, strokes: int, *, scribble: bool = False, seed: int = 1) -> dict:
    """A session of painting: `strokes` strokes 100-500 units long with one brush size, as the canvas sends it."""
    rng = random.Random(seed)
    return {"width": CANVAS[0], "height": CANVAS[1],
            "strokes": [{"tool": "brush", "width": brush, "points": mouse_stroke(rng, rng.uniform(100, 500),
                                                                                 scribble=scribble)}
                        for _ in range(strokes)]}


SESSIONS = [("200 strokes, usual brush (40)", 40, 200, False), ("200 strokes scribbled, usual brush", 40, 200, True),
            ("400 strokes, small brush (10)", 10, 400, False), ("100 strokes scribbled, brush 80", 80, 100, True),
            ("60 strokes scribbled, largest brush (120)", 120, 60, True)]


def _filled(make, budget: float) -> dict:
    """As many strokes from `make(rng)` as fit in `budget` (at most 2,000)."""
    rng, strokes, total = random.Random(7), [], 0.0
    while len(strokes) < 2_000:
        stroke = make(rng)
        total += Drawing.from_json({"width": CANVAS[0], "height": CANVAS[1], "strokes": [stroke]},
                                   budget=math.inf).cost()  # a drawing's cost is the sum of its strokes'
        if total > budget:
            break
        strokes.append(stroke)
    return {"width": CANVAS[0], "height": CANVAS[1], "strokes": strokes}


def _zigzag(width: float, step: float):
    def make(rng):
        x, y = rng.uniform(0, CANVAS[0] - step), rng.uniform(0, CANVAS[1] - step)
        points = [[x + k % 2 * step, y + k // 2 % 2 * step] for k in range(50)]
        return {"tool": "brush", "width": width, "points": points}
    return make


# Drawings made to take the most time for the cost they are allowed (about 60 kinds were tried, brush sizes 1 to 620:
# these were the slowest of each kind per unit of cost): each as large as the budget lets it be.
WORST = [
    ("lines across the canvas, top to bottom (brush 60)",
     lambda rng: {"tool": "brush", "width": 60, "points": [[rng.uniform(0, 620), 0], [rng.uniform(0, 620), 620]]}),
    ("random 50-point lines (brush 60)",
     lambda rng: {"tool": "brush", "width": 60, "points": [[rng.uniform(0, 620), rng.uniform(0, 620)]
                                                           for _ in range(50)]}),
    ("zigzags of 1-unit steps, every point a corner (brush 20)", _zigzag(20, 1)),
    ("dots (brush 300)", lambda rng: {"tool": "brush", "width": 300, "points": [[rng.uniform(0, 620),
                                                                               rng.uniform(0, 620)]]}),
    ("polygons of 1,000 random corners",
     lambda rng: {"tool": "poly", "points": [[rng.uniform(0, 620), rng.uniform(0, 620)] for _ in range(1000)]}),
    ("rectangles over the whole canvas", lambda rng: {"tool": "rect", "points": [[-620, -620], [1240, 1240]]}),
]


def _cpu(fn, repeat: int = 3) -> float:
    """Least CPU seconds of `fn()` over `repeat` runs."""
    best = math.inf
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def _every_point_mask(value: dict, size: tuple[int, int]) -> Image.Image:
    """The mask as drawn before the bounds: every point sent, a disc at each (for the before/after column)."""
    out = Image.new("L", size, 0)
    draw = ImageDraw.Draw(out)
    sx, sy = size[0] / value["width"], size[1] / value["height"]
    for stroke in value["strokes"]:
        points = [(x * sx, y * sy) for x, y in stroke["points"]]
        radius = stroke["width"] * (sx + sy) / 4
        draw.line(points, fill=255, width=max(1, round(radius * 2)))
        for x, y in points:
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=255)
    return out


def _row(label: str, value: dict, *, before: bool = False) -> list:
    text = json.dumps(value, separators=(",", ":"))
    drawing = Drawing.from_text(text)
    parse = _cpu(lambda: Drawing.from_text(text))
    draw = _cpu(lambda: build_mask(drawing, SOURCE))
    row = [label, f"{sum(len(s['points']) for s in value['strokes']):,}", f"{len(text) / 1e6:.2f} MB",
           f"{drawing.cost() / MAX_PAINT_COST:.0%}", round(parse * 1000), round(draw * 1000)]
    if before:
        row.append(round(_cpu(lambda: _every_point_mask(value, SOURCE), repeat=1) * 1000))
    return row


def worst_rows() -> list[list]:
    return [_row(label, _filled(make, MAX_PAINT_COST)) for label, make in WORST]


def session_rows() -> list[list]:
    return [_row(label, session(brush, count, scribble=scribble), before=True)
            for label, brush, count, scribble in SESSIONS]


def larger_source_rows() -> list[list]:
    """The budget shrinks with the source's pixels, so the worst drawing takes about as long on any source."""
    rows = []
    for side in (4096, 5000, 6324):  # 16.8, 25 and 40 megapixels (40 is the most an upload may have)
        budget = paint_budget((side, side))
        value = _filled(_zigzag(20, 1), budget)
        drawing = Drawing.from_text(json.dumps(value, separators=(",", ":")), budget=budget)
        rows.append([f"{side}x{side} ({side * side / 1e6:.0f} MP)", f"{budget / 1e6:.0f} million",
                     round(_cpu(lambda d=drawing, s=side: build_mask(d, (s, s))) * 1000)])
    return rows


def refused_rows() -> list[list]:
    rng = random.Random(3)
    issue = {"width": 620, "height": 620, "strokes": [
        {"tool": "brush", "width": 620, "points": [[round(rng.uniform(0, 620), 1), round(rng.uniform(0, 620), 1)]
                                                   for _ in range(50)]} for _ in range(2_000)]}
    cases = [("2,000 strokes of 50 points at full width (issue 24)", json.dumps(issue, separators=(",", ":"))),
             ("nested 5,000 levels deep", '{"width":620,"height":620,"strokes":' + "[" * 5000 + "]" * 5000 + "}"),
             ("660,000 empty strings (the slowest text to check)",
              '{"width":620,"height":620,"strokes":[' + '"",' * 660_000 + '""]}')]
    rows = []
    for label, text in cases:
        try:
            drawing = Drawing.from_text(text)
            message = f"accepted: {len(drawing.strokes) if drawing else 0} strokes to draw"
        except DrawingError as error:
            message = str(error)
        rows.append([label, f"{len(text) / 1e6:.2f} MB", round(_cpu(lambda t=text: _refuse(t)) * 1000, 1), message])
    return rows


def _refuse(text: str) -> None:
    try:
        Drawing.from_text(text)
    except DrawingError:
        pass


def run() -> str:
    return "\n\n".join([
        "## The mask canvas's bounds",
        "Command: `python -m bench.mask_limits`. Least CPU time of 3 runs (the machine is shared), a square "
        "picture: canvas 620x620 units, mask 4096x4096 px. *Checked* is `Drawing.from_text` (decode, check, simplify "
        "the lines, cost), *drawn* is `build_mask`; *share* is the drawing's cost over the budget "
        f"({MAX_PAINT_COST / 1e6:.0f} million canvas units²). Target: the worst drawing the bounds accept is drawn in "
        "under 1 s.",
        "### The worst drawings the bounds accept (each as large as the budget lets it be)",
        table(["drawing", "points sent", "JSON", "share", "checked (ms)", "drawn (ms)"], worst_rows()),
        "### Long sessions of painting (mouse-like strokes), and the same drawn as before the bounds",
        table(["session", "points sent", "JSON", "share", "checked (ms)", "drawn (ms)",
               "before: a disc at every point (ms)"], session_rows()),
        "### The worst zigzags on larger sources (the budget shrinks with the pixels)",
        table(["source", "budget (canvas units²)", "drawn (ms)"], larger_source_rows()),
        "### Refused, and how long refusing takes",
        table(["drawing", "JSON", "refused in (ms)", "message"], refused_rows()),
    ])


if __name__ == "__main__":
    print(run())
