"""Toys, balls, instruments and things for sport: each drawn through a Pen in its own units (base 0, top 1)."""

from __future__ import annotations

import math

from kie.simulator.art.drawings.parts import BLACK, WHITE, WOOD
from kie.simulator.art.pen import RGB, Pen, darker, lighter


def teddy(p: Pen, c: RGB) -> None:
    """A teddy bear sitting."""
    light = lighter(c, 0.4)
    for side in (-1, 1):
        p.oval(side * 0.2, 0.1, 0.13, 0.1, c)
        p.oval(side * 0.2, 0.1, 0.07, 0.06, light, edge=False)
    p.oval(0, 0.32, 0.26, 0.26, c)
    p.oval(0, 0.3, 0.15, 0.16, light, edge=False)
    for side in (-1, 1):
        p.oval(side * 0.3, 0.38, 0.08, 0.14, c)
        p.oval(side * 0.17, 0.86, 0.08, 0.08, c)
        p.oval(side * 0.17, 0.86, 0.04, 0.04, light, edge=False)
    p.oval(0, 0.7, 0.22, 0.2, c)
    p.oval(0, 0.64, 0.09, 0.07, light, edge=False)
    p.oval(0, 0.67, 0.035, 0.025, BLACK, edge=False)
    for side in (-1, 1):
        p.oval(side * 0.08, 0.75, 0.025, 0.03, BLACK, edge=False)
    p.rect(-0.12, 0.5, 0.12, 0.55, (210, 50, 60), radius=0.02)


def ball(p: Pen, c: RGB) -> None:
    """A football (soccer ball): white with black patches."""
    p.oval(0, 0.5, 0.5, 0.5, c)
    p.star(0.0, 0.5, 0.16, BLACK, points=5, inner=0.8)
    for k in range(5):
        a = math.radians(90 + k * 72)
        p.star(0.4 * math.cos(a), 0.5 + 0.4 * math.sin(a), 0.1, BLACK, points=5, inner=0.8)


def basketball(p: Pen, c: RGB) -> None:
    """A basketball."""
    p.oval(0, 0.5, 0.5, 0.5, c)
    p.line([(-0.5, 0.5), (0.5, 0.5)], BLACK, 0.02)
    p.line([(0.0, 0.0), (0.0, 1.0)], BLACK, 0.02)
    p.arc(-0.62, 0.5, 0.42, -50, 50, BLACK, 0.02)
    p.arc(0.62, 0.5, 0.42, 130, 230, BLACK, 0.02)


def beachball(p: Pen, c: RGB) -> None:
    """A striped beach ball."""
    p.oval(0, 0.5, 0.5, 0.5, WHITE)
    for k, col in enumerate((c, (250, 210, 60), (60, 140, 220))):
        a = k * 120
        p.poly([(0.0, 0.5)] + [(0.49 * math.cos(math.radians(a + d)), 0.5 + 0.49 * math.sin(math.radians(a + d)))
                               for d in range(0, 61, 10)], col, edge=False)
    p.oval(0, 0.5, 0.08, 0.08, WHITE)


def partyballoon(p: Pen, c: RGB) -> None:
    """A party balloon on its string."""
    p.line([(0.0, 0.0), (0.04, 0.15), (-0.03, 0.3), (0.0, 0.42)], (120, 120, 130), 0.012)
    p.poly([(-0.04, 0.4), (0.04, 0.4), (0.0, 0.45)], darker(c, 0.2))
    p.oval(0, 0.72, 0.24, 0.29, c)
    p.oval(-0.09, 0.82, 0.05, 0.08, lighter(c, 0.5), edge=False)


def frisbee(p: Pen, c: RGB) -> None:
    """A flying disc, tilted."""
    p.oval(0, 0.3, 0.5, 0.18, darker(c, 0.2))
    p.oval(0, 0.34, 0.46, 0.14, c, edge=False)
    p.oval(0, 0.36, 0.28, 0.07, lighter(c, 0.25), edge=False)


def drum(p: Pen, c: RGB) -> None:
    """A drum with two sticks."""
    p.rect(-0.4, 0.0, 0.4, 0.5, c, radius=0.04)
    for k in range(5):
        u = -0.36 + k * 0.18
        p.line([(u, 0.06), (u + 0.09, 0.44)], (240, 220, 160), 0.015)
    p.oval(0, 0.5, 0.4, 0.1, (245, 240, 230))
    p.line([(-0.2, 0.55), (-0.45, 0.95)], WOOD, 0.025)
    p.line([(0.2, 0.55), (0.45, 0.95)], WOOD, 0.025)


def violin(p: Pen, c: RGB) -> None:
    """A violin."""
    p.rect(-0.03, 0.55, 0.03, 0.92, BLACK, edge=False)
    p.oval(0.0, 0.95, 0.05, 0.05, darker(c, 0.3))
    p.oval(0, 0.2, 0.2, 0.18, c)
    p.oval(0, 0.46, 0.16, 0.14, c)
    p.rect(-0.12, 0.3, 0.12, 0.36, c, edge=False)
    for side in (-1, 1):
        p.arc(side * 0.07, 0.32, 0.04, 0, 360, darker(c, 0.5), 0.01)


def skateboard(p: Pen, c: RGB) -> None:
    """A skateboard, side on."""
    p.poly([(-0.5, 0.26), (-0.44, 0.2), (0.44, 0.2), (0.5, 0.26), (0.46, 0.28), (-0.46, 0.28)], c)
    for u in (-0.3, 0.3):
        p.rect(u - 0.06, 0.14, u + 0.06, 0.2, (170, 170, 180), edge=False)
        p.oval(u - 0.05, 0.08, 0.06, 0.06, (240, 220, 120))
        p.oval(u + 0.05, 0.08, 0.06, 0.06, (240, 220, 120))


def surfboard(p: Pen, c: RGB) -> None:
    """A surfboard standing on its tail."""
    p.poly([(0.0, 1.0), (0.16, 0.8), (0.18, 0.3), (0.1, 0.0), (-0.1, 0.0), (-0.18, 0.3), (-0.16, 0.8)], c)
    p.line([(0.0, 0.05), (0.0, 0.95)], lighter(c, 0.6), 0.03)


def skis(p: Pen, c: RGB) -> None:
    """A pair of skis and poles, standing up."""
    for u, col in ((-0.2, c), (-0.05, darker(c, 0.15))):
        p.rect(u - 0.05, 0.0, u + 0.05, 0.95, col, radius=0.04)
    for u in (0.15, 0.3):
        p.line([(u, 0.0), (u, 0.85)], (90, 90, 100), 0.02)
        p.oval(u, 0.1, 0.05, 0.015, (60, 60, 70))


def sled(p: Pen, c: RGB) -> None:
    """A wooden sled."""
    p.line([(-0.5, 0.02), (0.4, 0.02), (0.5, 0.12)], (140, 140, 150), 0.03)
    for u in (-0.3, 0.0, 0.3):
        p.line([(u, 0.02), (u, 0.2)], (140, 140, 150), 0.025)
    p.rect(-0.46, 0.18, 0.44, 0.26, c, radius=0.02)


def toycar(p: Pen, c: RGB) -> None:
    """A toy car."""
    p.rect(-0.5, 0.1, 0.5, 0.4, c, radius=0.1)
    p.rect(-0.26, 0.38, 0.26, 0.66, c, radius=0.1)
    p.rect(-0.2, 0.42, 0.2, 0.6, (180, 215, 240), radius=0.05, edge=False)
    for u in (-0.28, 0.28):
        p.oval(u, 0.1, 0.12, 0.12, (40, 40, 46))
        p.oval(u, 0.1, 0.05, 0.05, (200, 200, 210), edge=False)

