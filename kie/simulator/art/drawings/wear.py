"""Bags, clothes and things worn: each drawn through a Pen in its own units (base 0, top 1)."""

from __future__ import annotations

from kie.simulator.art.drawings.parts import BLACK, WHITE
from kie.simulator.art.pen import RGB, Pen, darker, lighter


def backpack(p: Pen, c: RGB) -> None:
    """A backpack with a front pocket."""
    p.arc(0.0, 0.82, 0.12, 0, 180, darker(c, 0.3), 0.04)
    p.rect(-0.36, 0.0, 0.36, 0.86, c, radius=0.16)
    p.rect(-0.26, 0.06, 0.26, 0.42, darker(c, 0.12), radius=0.08)
    p.line([(-0.2, 0.36), (0.2, 0.36)], darker(c, 0.4), 0.015)
    p.rect(-0.03, 0.28, 0.03, 0.36, (220, 220, 220), edge=False)


def handbag(p: Pen, c: RGB) -> None:
    """A handbag with its handle."""
    p.arc(0.0, 0.55, 0.22, 10, 170, darker(c, 0.2), 0.04)
    p.poly([(-0.46, 0.0), (0.46, 0.0), (0.36, 0.6), (-0.36, 0.6)], c)
    p.rect(-0.36, 0.44, 0.36, 0.52, darker(c, 0.15), edge=False)
    p.rect(-0.05, 0.4, 0.05, 0.5, (230, 200, 90), edge=False)


def suitcase(p: Pen, c: RGB) -> None:
    """A suitcase on wheels with its handle pulled up."""
    p.line([(-0.12, 0.8), (-0.12, 1.0), (0.12, 1.0), (0.12, 0.8)], (90, 90, 100), 0.025)
    p.rect(-0.32, 0.05, 0.32, 0.82, c, radius=0.05)
    for u in (-0.15, 0.0, 0.15):
        p.line([(u, 0.1), (u, 0.78)], darker(c, 0.15), 0.015)
    for u in (-0.24, 0.24):
        p.oval(u, 0.03, 0.04, 0.04, BLACK, edge=False)


def sneakers(p: Pen, c: RGB) -> None:
    """A pair of sneakers, side on."""
    for du, dark in ((-0.3, 0.18), (0.1, 0.0)):
        col = darker(c, dark)
        p.poly([(-0.34 + du, 0.06), (0.5 + du, 0.06), (0.5 + du, 0.18), (0.22 + du, 0.3), (0.0 + du, 0.46),
                (-0.3 + du, 0.46), (-0.36 + du, 0.2)], col)
        p.rect(-0.36 + du, 0.0, 0.52 + du, 0.09, WHITE, radius=0.03)
        for k in range(3):
            p.line([(-0.04 + du + k * 0.07, 0.36 - k * 0.04), (0.04 + du + k * 0.07, 0.4 - k * 0.04)], WHITE, 0.015)


def boots(p: Pen, c: RGB) -> None:
    """A pair of boots (rain boots, hiking boots)."""
    for du, dark in ((-0.2, 0.15), (0.12, 0.0)):
        col = darker(c, dark)
        p.poly([(-0.22 + du, 0.0), (0.38 + du, 0.0), (0.38 + du, 0.16), (0.1 + du, 0.24), (0.1 + du, 0.85),
                (-0.2 + du, 0.85)], col)
        p.rect(-0.23 + du, 0.8, 0.11 + du, 0.88, lighter(col, 0.2), radius=0.02)


def hat(p: Pen, c: RGB) -> None:
    """A hat with a wide brim and a band."""
    p.oval(0, 0.12, 0.5, 0.12, c)
    p.rect(-0.26, 0.12, 0.26, 0.62, c, radius=0.1)
    p.rect(-0.26, 0.14, 0.26, 0.26, darker(c, 0.35), edge=False)


def dress(p: Pen, c: RGB) -> None:
    """A dress on a hanger."""
    p.line([(-0.2, 0.82), (0.0, 0.92), (0.2, 0.82)], (120, 120, 130), 0.02)
    p.arc(0.0, 0.96, 0.04, 0, 200, (120, 120, 130), 0.015)
    p.poly([(-0.14, 0.85), (0.14, 0.85), (0.2, 0.55), (0.42, 0.0), (-0.42, 0.0), (-0.2, 0.55)], c)
    p.rect(-0.19, 0.52, 0.19, 0.57, darker(c, 0.25), edge=False)


def shirt(p: Pen, c: RGB) -> None:
    """A T-shirt laid flat."""
    p.poly([(-0.22, 0.9), (-0.5, 0.72), (-0.4, 0.54), (-0.28, 0.6), (-0.28, 0.0), (0.28, 0.0), (0.28, 0.6),
            (0.4, 0.54), (0.5, 0.72), (0.22, 0.9), (0.1, 0.86), (0.0, 0.82), (-0.1, 0.86)], c)


def crown(p: Pen, c: RGB) -> None:
    """A crown with jewels."""
    p.poly([(-0.46, 0.0), (0.46, 0.0), (0.5, 0.7), (0.25, 0.36), (0.0, 0.8), (-0.25, 0.36), (-0.5, 0.7)], c)
    for u, col in ((-0.25, (200, 40, 60)), (0.0, (60, 120, 220)), (0.25, (60, 170, 90))):
        p.oval(u, 0.15, 0.06, 0.06, col)
    for u, v in ((-0.5, 0.72), (0.0, 0.82), (0.5, 0.72)):
        p.oval(u, v, 0.05, 0.05, lighter(c, 0.4))

