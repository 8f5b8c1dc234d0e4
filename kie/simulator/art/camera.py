"""The tilted camera (a Dutch angle): the whole scene, horizon and subjects alike, turned a few degrees.

The picture is drawn on a canvas large enough to cover the asked size once turned (`canvas_for`), turned about its
centre and cut back to the asked size (`turn`); where each subject is drawn is turned with it (`turn_boxes`), so what
a picture shows can still be counted. Variants lean one way or the other (`angle_for`).
"""

from __future__ import annotations

import math

from PIL import Image

TILT_DEGREES = 7.0  # enough to read as a tilted camera, little enough that nothing named leaves the frame
Box = tuple[int, int, int, int]


def angle_for(index: int) -> float:
    """How far variant `index` leans (degrees, counter-clockwise): even variants to the left, odd to the right."""
    return TILT_DEGREES if index % 2 == 0 else -TILT_DEGREES


def canvas_for(size: tuple[int, int], degrees: float) -> tuple[int, int]:
    """The canvas that still covers a `size` frame turned by `degrees`: no corner of the frame shows empty."""
    a = math.radians(abs(degrees))
    w, h = size
    return math.ceil(w * math.cos(a) + h * math.sin(a)) + 2, math.ceil(w * math.sin(a) + h * math.cos(a)) + 2


def _turned_point(x: float, y: float, centre: tuple[float, float], degrees: float) -> tuple[float, float]:
    """Where the pixel at (x, y) lands when the picture is turned `degrees` counter-clockwise about `centre`."""
    a = math.radians(degrees)
    dx, dy = x - centre[0], y - centre[1]
    return centre[0] + dx * math.cos(a) + dy * math.sin(a), centre[1] - dx * math.sin(a) + dy * math.cos(a)


def turn(image: Image.Image, size: tuple[int, int], degrees: float, *, smooth: bool = False) -> Image.Image:
    """`image` (drawn at `canvas_for(size, degrees)`, in its own pixels) turned by `degrees` about its centre and cut
    to `size` about it, in one pass that reads only the pixels kept. Nearest pixels keep flat colours flat (a drawing
    made at twice its size is smoothed when it is reduced); `smooth` blends them, for a drawing made at its size."""
    a = math.radians(degrees)
    cos, sin = math.cos(a), math.sin(a)
    cx, cy, ox, oy = image.width / 2, image.height / 2, size[0] / 2, size[1] / 2
    # Each pixel of the picture reads the canvas where turning it back by `degrees` lands.
    back = (cos, -sin, cx - cos * ox + sin * oy, sin, cos, cy - sin * ox - cos * oy)
    resample = Image.Resampling.BILINEAR if smooth else Image.Resampling.NEAREST
    return image.transform(size, Image.Transform.AFFINE, back, resample=resample)


def turn_boxes(boxes: list[Box], canvas: tuple[int, int], size: tuple[int, int], degrees: float) -> list[Box]:
    """Boxes on the `canvas` as they are once it is turned and cut to `size` (`turn`): the box round each one's
    four turned corners, kept inside the picture."""
    centre = (canvas[0] / 2, canvas[1] / 2)
    left, top = (canvas[0] - size[0]) // 2, (canvas[1] - size[1]) // 2
    moved = []
    for x0, y0, x1, y1 in boxes:
        corners = [_turned_point(x, y, centre, degrees) for x in (x0, x1) for y in (y0, y1)]
        xs, ys = [c[0] - left for c in corners], [c[1] - top for c in corners]
        moved.append((max(0, math.floor(min(xs))), max(0, math.floor(min(ys))),
                      min(size[0], math.ceil(max(xs))), min(size[1], math.ceil(max(ys)))))
    return moved
