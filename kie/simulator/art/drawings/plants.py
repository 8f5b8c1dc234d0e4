"""Plants: each drawn through a Pen in its own units (base 0, top 1)."""

from __future__ import annotations

import math

from kie.simulator.art.drawings.parts import LEAF, WHITE, WOOD
from kie.simulator.art.pen import RGB, Pen, darker, lighter


def tree(p: Pen, c: RGB) -> None:
    """A tree, drawn in its own units (base 0, top 1)."""
    p.poly([(-0.07, 0), (-0.04, 0.5), (0.04, 0.5), (0.08, 0)], WOOD)
    p.line([(0.0, 0.36), (0.16, 0.52)], WOOD, 0.03)
    for u, v, r in ((-0.22, 0.56, 0.22), (0.22, 0.58, 0.22), (0.0, 0.78, 0.24), (-0.12, 0.72, 0.2),
                    (0.14, 0.74, 0.2)):
        p.oval(u, v, r, r * 0.95, c)
    p.oval(-0.06, 0.84, 0.1, 0.08, lighter(c, 0.2), edge=False)


def pine(p: Pen, c: RGB) -> None:
    """A pine, drawn in its own units (base 0, top 1)."""
    p.rect(-0.05, 0, 0.05, 0.16, WOOD)
    for k in range(4):
        base, width = 0.12 + k * 0.2, 0.48 - k * 0.1
        p.poly([(-width, base), (0.0, base + 0.34), (width, base)], darker(c, 0.05 * k))


def palm(p: Pen, c: RGB) -> None:
    """A palm, drawn in its own units (base 0, top 1)."""
    trunk = (170, 130, 80)
    pts = [(0.0, 0.0), (0.04, 0.3), (0.1, 0.55), (0.18, 0.74)]
    p.line(pts, trunk, 0.06)
    for i in range(1, 4):
        u, v = pts[i]
        p.line([(u - 0.04, v), (u + 0.04, v)], darker(trunk, 0.25), 0.015)
    top = (0.18, 0.76)
    for du, dv in ((-0.42, -0.1), (-0.3, 0.16), (0.0, 0.22), (0.3, 0.12), (0.4, -0.14), (-0.1, -0.2)):
        tip = (top[0] + du, top[1] + dv)
        mid = (top[0] + du * 0.5, top[1] + max(dv, 0) * 0.5 + 0.08)
        p.poly([top, (mid[0], mid[1] + 0.05), tip, (mid[0], mid[1] - 0.04)], c)
    for du in (-0.04, 0.04):
        p.oval(top[0] + du, top[1] - 0.04, 0.035, 0.035, (120, 80, 40), edge=False)


def flower(p: Pen, c: RGB) -> None:
    """A flower, drawn in its own units (base 0, top 1)."""
    p.line([(0.0, 0.0), (0.02, 0.6)], (70, 140, 60), 0.03)
    p.poly([(0.01, 0.2), (0.26, 0.38), (0.08, 0.3)], LEAF)
    p.poly([(0.01, 0.32), (-0.24, 0.46), (-0.06, 0.4)], LEAF)
    for i in range(8):
        a = i * math.pi / 4
        p.oval(0.02 + 0.15 * math.cos(a), 0.74 + 0.15 * math.sin(a), 0.1, 0.1, c)
    p.oval(0.02, 0.74, 0.09, 0.09, (250, 200, 60))


def sunflower(p: Pen, c: RGB) -> None:
    """A sunflower, drawn in its own units (base 0, top 1)."""
    petals = c if c != WOOD else (250, 200, 40)
    p.line([(0.0, 0.0), (0.0, 0.7)], (70, 140, 60), 0.035)
    p.poly([(0.0, 0.3), (0.3, 0.44), (0.04, 0.4)], LEAF)
    p.poly([(0.0, 0.44), (-0.28, 0.56), (-0.04, 0.54)], LEAF)
    for i in range(14):
        a = i * math.pi / 7
        u, v = 0.25 * math.cos(a), 0.78 + 0.21 * math.sin(a)
        p.poly([(0.1 * math.cos(a + 0.3), 0.78 + 0.1 * math.sin(a + 0.3)), (u, v),
                (0.1 * math.cos(a - 0.3), 0.78 + 0.1 * math.sin(a - 0.3))], petals)
    p.oval(0, 0.78, 0.12, 0.11, (110, 70, 30))


def cactus(p: Pen, c: RGB) -> None:
    """A cactus, drawn in its own units (base 0, top 1)."""
    p.rect(-0.1, 0, 0.1, 0.95, c, radius=0.1)
    p.rect(-0.34, 0.42, -0.22, 0.74, c, radius=0.06)
    p.rect(-0.34, 0.38, -0.04, 0.5, c, radius=0.06)
    p.rect(0.22, 0.5, 0.34, 0.86, c, radius=0.06)
    p.rect(0.04, 0.46, 0.34, 0.58, c, radius=0.06)
    for u in (-0.04, 0.04):
        p.line([(u, 0.1), (u, 0.88)], darker(c, 0.2), 0.01)
    p.oval(0.0, 0.95, 0.05, 0.04, (240, 120, 150), edge=False)


def mushroom(p: Pen, c: RGB) -> None:
    """A mushroom, drawn in its own units (base 0, top 1)."""
    p.rect(-0.12, 0, 0.12, 0.5, (240, 230, 210), radius=0.08)
    p.poly([(-0.48, 0.42), (-0.4, 0.7), (-0.16, 0.86), (0.16, 0.86), (0.4, 0.7), (0.48, 0.42)], c)
    for u, v, r in ((-0.24, 0.58, 0.06), (0.06, 0.72, 0.07), (0.3, 0.54, 0.05), (-0.06, 0.52, 0.04)):
        p.oval(u, v, r, r, WHITE, edge=False)


def rose(p: Pen, c: RGB) -> None:
    """A rose: a spiralled bloom on a thorny stem."""
    p.line([(0.0, 0.0), (0.02, 0.62)], (60, 120, 50), 0.03)
    for v in (0.2, 0.4):
        p.poly([(0.01, v), (0.06, v + 0.04), (0.02, v + 0.02)], (60, 120, 50), edge=False)
    p.poly([(0.01, 0.28), (0.28, 0.42), (0.1, 0.36)], LEAF)
    p.poly([(-0.34, 0.86), (-0.3, 0.64), (-0.12, 0.56), (0.14, 0.56), (0.34, 0.64), (0.36, 0.86), (0.2, 0.96),
            (-0.18, 0.96)], c)
    for r in (0.2, 0.12, 0.05):
        p.arc(0.01, 0.78, r, 0, 300, darker(c, 0.25), 0.02)


def tulip(p: Pen, c: RGB) -> None:
    """A tulip: a cup of three petals on a stem with long leaves."""
    p.line([(0.0, 0.0), (0.0, 0.64)], (70, 140, 60), 0.03)
    p.poly([(0.0, 0.02), (-0.24, 0.46), (-0.06, 0.2)], LEAF)
    p.poly([(0.0, 0.02), (0.22, 0.5), (0.06, 0.2)], LEAF)
    p.poly([(-0.2, 0.9), (-0.2, 0.7), (-0.1, 0.6), (0.1, 0.6), (0.2, 0.7), (0.2, 0.9), (0.1, 0.8), (0.0, 0.94),
            (-0.1, 0.8)], c)
    p.poly([(-0.06, 0.64), (0.0, 0.9), (0.06, 0.64)], darker(c, 0.12), edge=False)


def bush(p: Pen, c: RGB) -> None:
    """A round green bush."""
    for u, v, r in ((-0.3, 0.3, 0.22), (0.3, 0.3, 0.22), (0.0, 0.45, 0.3), (-0.16, 0.22, 0.2), (0.16, 0.22, 0.2)):
        p.oval(u, v, r, r * 0.9, c)
    for u, v in ((-0.1, 0.6), (0.18, 0.42)):
        p.oval(u, v, 0.08, 0.06, lighter(c, 0.2), edge=False)


def bamboo(p: Pen, c: RGB) -> None:
    """Stalks of bamboo with leaves."""
    for u, top in ((-0.2, 0.9), (0.0, 1.0), (0.2, 0.85)):
        p.rect(u - 0.04, 0.0, u + 0.04, top, c, radius=0.02)
        for v in (0.2, 0.45, 0.7):
            if v < top:
                p.rect(u - 0.05, v, u + 0.05, v + 0.025, darker(c, 0.25), edge=False)
        p.poly([(u, top - 0.1), (u + 0.26, top - 0.02), (u + 0.06, top - 0.14)], lighter(c, 0.1))


def flowerbed(p: Pen, c: RGB) -> None:
    """A bed of many flowers of one colour (a garden of them)."""
    p.oval(0, 0.08, 0.52, 0.1, (110, 80, 50))
    spots = ((-0.42, 0.5, 0.9), (-0.28, 0.62, 1.0), (-0.12, 0.52, 0.9), (0.04, 0.66, 1.0), (0.2, 0.54, 0.9),
             (0.36, 0.64, 1.0), (-0.36, 0.3, 0.8), (-0.18, 0.36, 0.85), (0.0, 0.3, 0.8), (0.18, 0.36, 0.85),
             (0.38, 0.32, 0.8))
    for u, top, _ in spots:
        p.line([(u, 0.06), (u, top)], (70, 140, 60), 0.02)
        p.poly([(u, 0.12), (u + 0.08 * (-1) ** round(u * 10), 0.22), (u, 0.2)], LEAF, edge=False)
    for n, (u, top, k) in enumerate(spots):
        col = c if n % 3 else lighter(c, 0.15)
        for i in range(6):
            a = i * math.pi / 3
            p.oval(u + 0.055 * k * math.cos(a), top + 0.055 * k * math.sin(a), 0.045 * k, 0.045 * k, col)
        p.oval(u, top, 0.035 * k, 0.035 * k, (250, 210, 70))


def branch(p: Pen, c: RGB) -> None:
    """A branch with leaves (something perches on it)."""
    p.line([(-0.5, 0.3), (0.0, 0.36), (0.5, 0.3)], c, 0.05)
    p.line([(0.1, 0.35), (0.3, 0.55)], c, 0.03)
    for u, v in ((0.3, 0.58), (-0.3, 0.4), (0.45, 0.36), (0.2, 0.48)):
        p.poly([(u, v), (u + 0.1, v + 0.1), (u + 0.14, v)], LEAF)
