"""Objects: each drawn through a Pen in its own units (base 0, top 1)."""

from __future__ import annotations

import math

from kie.simulator.art.drawings.parts import BLACK, WOOD
from kie.simulator.art.pen import RGB, Pen, darker, lighter


def umbrella(p: Pen, c: RGB) -> None:
    """A umbrella, drawn in its own units (base 0, top 1)."""
    p.line([(0.0, 0.8), (0.0, 0.12), (0.05, 0.04), (0.1, 0.1)], darker(WOOD, 0.2), 0.025)
    p.poly([(-0.5, 0.56), (-0.4, 0.76), (-0.2, 0.9), (0.0, 0.94), (0.2, 0.9), (0.4, 0.76), (0.5, 0.56),
            (0.34, 0.6), (0.17, 0.56), (0.0, 0.6), (-0.17, 0.56), (-0.34, 0.6)], c)
    p.poly([(0.0, 0.94), (-0.17, 0.56), (0.0, 0.6)], darker(c, 0.15), edge=False)
    p.poly([(0.0, 0.94), (0.34, 0.6), (0.17, 0.56)], darker(c, 0.15), edge=False)


def lamp(p: Pen, c: RGB) -> None:
    """A lamp, drawn in its own units (base 0, top 1)."""
    p.oval(0, 0.03, 0.26, 0.04, darker(c, 0.3))
    p.rect(-0.03, 0.04, 0.03, 0.6, darker(c, 0.2))
    p.oval(0, 0.54, 0.14, 0.12, (255, 240, 190), edge=False)
    p.poly([(-0.3, 0.54), (-0.18, 0.96), (0.18, 0.96), (0.3, 0.54)], c)


def chair(p: Pen, c: RGB) -> None:
    """A chair, drawn in its own units (base 0, top 1)."""
    for u in (-0.28, 0.28):
        p.rect(u - 0.03, 0, u + 0.03, 0.48, darker(c, 0.2))
    p.rect(-0.3, 0.42, 0.3, 0.5, c)
    p.rect(-0.28, 0.5, -0.22, 1.0, c)
    p.rect(0.22, 0.5, 0.28, 1.0, c)
    for v in (0.64, 0.8, 0.94):
        p.rect(-0.24, v, 0.24, v + 0.05, c)


def book(p: Pen, c: RGB) -> None:
    """A book, drawn in its own units (base 0, top 1)."""
    p.rect(-0.48, 0.0, 0.48, 0.12, darker(c, 0.2), radius=0.02)
    p.rect(-0.44, 0.12, 0.44, 0.24, (90, 140, 110), radius=0.02)
    pages = (250, 245, 230)
    p.poly([(-0.46, 0.3), (-0.02, 0.26), (-0.02, 0.72), (-0.46, 0.78)], c)
    p.poly([(0.46, 0.3), (0.02, 0.26), (0.02, 0.72), (0.46, 0.78)], c)
    p.poly([(-0.42, 0.34), (0.0, 0.3), (0.0, 0.72), (-0.42, 0.76)], pages)
    p.poly([(0.42, 0.34), (0.0, 0.3), (0.0, 0.72), (0.42, 0.76)], darker(pages, 0.05))
    for k in range(5):
        v = 0.42 + k * 0.06
        p.line([(-0.36, v + 0.03), (-0.06, v)], (170, 170, 180), 0.008)
        p.line([(0.06, v), (0.36, v + 0.03)], (170, 170, 180), 0.008)


def clock(p: Pen, c: RGB) -> None:
    """A clock, drawn in its own units (base 0, top 1)."""
    for side in (-1, 1):
        p.oval(side * 0.26, 0.86, 0.12, 0.1, c)
        p.line([(side * 0.26, 0.06), (side * 0.32, 0.0)], c, 0.04)
    p.oval(0, 0.48, 0.42, 0.42, c)
    p.oval(0, 0.48, 0.34, 0.34, (252, 250, 242), edge=False)
    for k in range(12):
        a = k * math.pi / 6
        p.oval(0.28 * math.cos(a), 0.48 + 0.28 * math.sin(a), 0.015, 0.015, BLACK, edge=False)
    p.line([(0.0, 0.48), (0.0, 0.72)], BLACK, 0.025)
    p.line([(0.0, 0.48), (0.16, 0.4)], BLACK, 0.025)


def guitar(p: Pen, c: RGB) -> None:
    """A guitar, drawn in its own units (base 0, top 1)."""
    p.rect(-0.035, 0.5, 0.035, 0.9, darker(WOOD, 0.3))
    p.rect(-0.06, 0.88, 0.06, 1.0, darker(WOOD, 0.4), radius=0.02)
    p.oval(0, 0.2, 0.2, 0.2, c)
    p.oval(0, 0.46, 0.15, 0.14, c)
    p.oval(0, 0.36, 0.06, 0.06, BLACK, edge=False)
    p.rect(-0.08, 0.14, 0.08, 0.18, darker(c, 0.5), edge=False)
    for du in (-0.015, 0.015):
        p.line([(du, 0.16), (du, 0.96)], (230, 230, 230), 0.004)


def kite(p: Pen, c: RGB) -> None:
    """A kite, drawn in its own units (base 0, top 1)."""
    other = (250, 210, 70) if c != (250, 210, 70) else (60, 110, 200)
    p.line([(0.0, 0.3), (-0.14, 0.18), (0.06, 0.08), (-0.1, 0.0)], (90, 90, 100), 0.01)
    for u, v in ((-0.1, 0.2), (0.02, 0.1)):
        p.poly([(u - 0.04, v + 0.03), (u + 0.04, v - 0.03), (u + 0.04, v + 0.03), (u - 0.04, v - 0.03)], other)
    p.poly([(0.0, 1.0), (0.34, 0.68), (0.0, 0.3), (-0.34, 0.68)], c)
    p.poly([(0.0, 1.0), (0.34, 0.68), (0.0, 0.68)], other, edge=False)
    p.poly([(0.0, 0.3), (-0.34, 0.68), (0.0, 0.68)], other, edge=False)


def candle(p: Pen, c: RGB) -> None:
    """A candle, drawn in its own units (base 0, top 1)."""
    p.oval(0, 0.03, 0.3, 0.05, (200, 190, 170))
    p.rect(-0.16, 0.04, 0.16, 0.62, c)
    p.oval(0, 0.82, 0.16, 0.16, (255, 235, 170), edge=False)
    p.poly([(-0.06, 0.7), (0.0, 0.94), (0.06, 0.7), (0.0, 0.64)], (250, 170, 50), edge=False)
    p.line([(0.0, 0.62), (0.0, 0.68)], BLACK, 0.012)


def vase(p: Pen, c: RGB) -> None:
    """A vase, drawn in its own units (base 0, top 1)."""
    p.poly([(-0.12, 0.0), (-0.26, 0.22), (-0.2, 0.44), (-0.1, 0.56), (-0.12, 0.64), (0.12, 0.64), (0.1, 0.56),
            (0.2, 0.44), (0.26, 0.22), (0.12, 0.0)], c)
    p.rect(-0.24, 0.26, 0.24, 0.3, lighter(c, 0.4), edge=False)
    for u, v, col in ((-0.14, 0.86, (240, 100, 120)), (0.0, 0.96, (250, 210, 70)), (0.16, 0.84, (240, 240, 240))):
        p.line([(0.0, 0.62), (u, v)], (70, 140, 60), 0.015)
        p.oval(u, v, 0.07, 0.07, col)


def teapot(p: Pen, c: RGB) -> None:
    """A teapot, drawn in its own units (base 0, top 1)."""
    p.poly([(0.22, 0.3), (0.48, 0.62), (0.5, 0.56), (0.3, 0.2)], c)
    p.arc(-0.3, 0.38, 0.14, 90, 270, c, 0.05)
    p.oval(0, 0.3, 0.32, 0.28, c)
    p.oval(0, 0.56, 0.16, 0.05, darker(c, 0.15))
    p.oval(0, 0.64, 0.04, 0.04, darker(c, 0.15))
    p.rect(-0.3, 0.26, 0.3, 0.3, lighter(c, 0.4), edge=False)

