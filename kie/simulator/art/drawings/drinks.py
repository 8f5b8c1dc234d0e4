"""Drinks: each drawn through a Pen in its own units (base 0, top 1)."""

from __future__ import annotations

from kie.simulator.art.drawings.parts import WHITE
from kie.simulator.art.pen import RGB, Pen, darker, lighter


def glass(p: Pen, c: RGB) -> None:
    """A tall glass of a drink (lemonade, juice, milk, water: its colour says which) with a straw."""
    p.line([(0.08, 0.5), (0.2, 1.0)], (230, 80, 80), 0.03)
    p.poly([(-0.26, 0.85), (0.26, 0.85), (0.2, 0.0), (-0.2, 0.0)], (225, 238, 245))
    p.poly([(-0.24, 0.68), (0.24, 0.68), (0.19, 0.03), (-0.19, 0.03)], c, edge=False)
    p.rect(-0.18, 0.15, -0.12, 0.6, lighter(c, 0.5), edge=False)
    if c[0] > 200 and c[1] > 180 and c[2] < 150:  # lemonade: a slice of lemon on the rim
        p.oval(0.24, 0.82, 0.1, 0.1, (250, 225, 80))
        p.oval(0.24, 0.82, 0.07, 0.07, (252, 245, 170), edge=False)
    for u, v in ((-0.08, 0.5), (0.06, 0.35), (0.0, 0.58)):
        p.rect(u - 0.05, v - 0.05, u + 0.05, v + 0.05, lighter(c, 0.65), edge=False)


def wine(p: Pen, c: RGB) -> None:
    """A glass of wine on its stem."""
    clear = (225, 238, 245)
    p.oval(0, 0.03, 0.2, 0.03, clear)
    p.rect(-0.02, 0.03, 0.02, 0.45, clear, edge=False)
    p.poly([(-0.24, 0.95), (0.24, 0.95), (0.22, 0.65), (0.1, 0.47), (-0.1, 0.47), (-0.22, 0.65)], clear)
    p.poly([(-0.23, 0.72), (0.23, 0.72), (0.21, 0.63), (0.1, 0.5), (-0.1, 0.5), (-0.21, 0.63)], c, edge=False)
    p.line([(-0.16, 0.6), (-0.18, 0.88)], WHITE, 0.02)


def beer(p: Pen, c: RGB) -> None:
    """A mug of beer with foam."""
    p.arc(0.3, 0.45, 0.14, -80, 80, (220, 235, 240), 0.05)
    p.rect(-0.3, 0.0, 0.3, 0.8, (220, 235, 240), radius=0.03)
    p.rect(-0.26, 0.04, 0.26, 0.72, c, edge=False)
    for u in (-0.2, 0.0, 0.2):
        p.oval(u, 0.8, 0.13, 0.1, WHITE)
    for u, v in ((-0.1, 0.3), (0.1, 0.5), (0.0, 0.15)):
        p.oval(u, v, 0.02, 0.02, lighter(c, 0.5), edge=False)


def teacup(p: Pen, c: RGB) -> None:
    """A cup of tea on its saucer, a tea bag's tag hanging out."""
    p.oval(0, 0.04, 0.5, 0.06, darker(c, 0.08))
    p.arc(0.34, 0.28, 0.1, -80, 80, c, 0.04)
    p.poly([(-0.36, 0.45), (0.36, 0.45), (0.24, 0.07), (-0.24, 0.07)], c)
    p.oval(0, 0.45, 0.36, 0.06, (180, 110, 50))
    p.line([(0.1, 0.46), (0.2, 0.3)], (240, 240, 240), 0.008)
    p.rect(0.16, 0.22, 0.24, 0.3, (240, 200, 80), edge=False)
    for u in (-0.1, 0.08):
        p.line([(u, 0.55), (u + 0.05, 0.65), (u - 0.02, 0.75), (u + 0.03, 0.85)], (235, 235, 235), 0.02)


def cocoa(p: Pen, c: RGB) -> None:
    """A mug of hot chocolate with whipped cream and marshmallows."""
    p.arc(0.32, 0.35, 0.13, -80, 80, c, 0.05)
    p.rect(-0.3, 0.0, 0.3, 0.62, c, radius=0.05)
    for u, v, r in ((-0.18, 0.66, 0.12), (0.0, 0.72, 0.15), (0.18, 0.66, 0.12), (0.05, 0.82, 0.1)):
        p.oval(u, v, r, r * 0.8, (252, 250, 245))
    p.line([(-0.1, 0.8), (0.1, 0.86)], (120, 70, 40), 0.02)
    for u in (-0.12, 0.1):
        p.rect(u - 0.035, 0.7, u + 0.035, 0.76, (245, 200, 210), edge=False)
    p.rect(-0.3, 0.25, 0.3, 0.32, lighter(c, 0.35), edge=False)


def bottle(p: Pen, c: RGB) -> None:
    """A bottle (of water: its colour says what is in it) with a label and a cap."""
    p.rect(-0.2, 0.0, 0.2, 0.62, c, radius=0.06)
    p.poly([(-0.2, 0.6), (0.2, 0.6), (0.09, 0.82), (-0.09, 0.82)], c)
    p.rect(-0.08, 0.82, 0.08, 0.97, (60, 110, 200), radius=0.02)
    p.rect(-0.2, 0.2, 0.2, 0.42, (240, 240, 245), edge=False)
    p.rect(-0.14, 0.28, 0.14, 0.34, (60, 110, 200), edge=False)
    p.rect(-0.15, 0.05, -0.1, 0.55, lighter(c, 0.5), edge=False)

