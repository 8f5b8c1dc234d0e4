"""Small animals and insects: each drawn through a Pen in its own units (base 0, top 1)."""

from __future__ import annotations

import math

from kie.simulator.art.drawings.parts import BLACK, PINK, eye
from kie.simulator.art.pen import RGB, Pen, darker, lighter


def mouse(p: Pen, c: RGB) -> None:
    """A mouse with round ears and a long tail."""
    p.line([(-0.3, 0.1), (-0.45, 0.2), (-0.5, 0.42)], PINK, 0.02)
    p.oval(-0.02, 0.26, 0.32, 0.24, c)
    p.oval(0.3, 0.34, 0.16, 0.14, c)
    p.oval(0.2, 0.56, 0.11, 0.11, c)
    p.oval(0.2, 0.56, 0.06, 0.06, PINK, edge=False)
    p.oval(0.46, 0.33, 0.03, 0.03, PINK, edge=False)
    eye(p, 0.34, 0.38, 0.03)


def squirrel(p: Pen, c: RGB) -> None:
    """A squirrel sitting up with a bushy tail and an acorn."""
    p.oval(-0.28, 0.6, 0.2, 0.36, darker(c, 0.08))
    p.oval(-0.22, 0.85, 0.14, 0.14, darker(c, 0.08))
    p.oval(0.05, 0.3, 0.2, 0.28, c)
    p.oval(0.08, 0.28, 0.1, 0.18, lighter(c, 0.45), edge=False)
    p.oval(0.14, 0.64, 0.14, 0.13, c)
    p.poly([(0.06, 0.72), (0.08, 0.88), (0.14, 0.74)], c)
    p.oval(0.2, 0.42, 0.06, 0.07, (150, 100, 50))
    p.oval(0.2, 0.48, 0.065, 0.03, (110, 80, 40), edge=False)
    p.oval(0.06, 0.04, 0.1, 0.04, c)
    eye(p, 0.2, 0.67, 0.025)


def hedgehog(p: Pen, c: RGB) -> None:
    """A hedgehog: a dome of spines, a pointed nose."""
    for k in range(9):
        a = math.pi * (0.05 + 0.9 * k / 8)
        p.poly([(-0.05 + 0.3 * math.cos(a), 0.1 + 0.25 * math.sin(a)),
                (-0.05 + 0.5 * math.cos(a), 0.1 + 0.45 * math.sin(a)),
                (-0.05 + 0.3 * math.cos(a + 0.2), 0.1 + 0.25 * math.sin(a + 0.2))], darker(c, 0.2))
    p.oval(-0.05, 0.2, 0.4, 0.22, c)
    p.poly([(0.25, 0.3), (0.52, 0.14), (0.25, 0.08)], (220, 190, 150))
    p.oval(0.52, 0.14, 0.03, 0.03, BLACK, edge=False)
    eye(p, 0.3, 0.22, 0.022)


def bee(p: Pen, c: RGB) -> None:
    """A bee: striped body, wings, a sting."""
    for side in (-0.12, 0.08):
        p.oval(side, 0.7, 0.14, 0.2, (220, 235, 250))
    p.poly([(-0.44, 0.42), (-0.56, 0.4), (-0.44, 0.36)], BLACK)
    p.oval(0, 0.4, 0.42, 0.26, c)
    for u in (-0.22, 0.0, 0.2):
        p.rect(u - 0.06, 0.16, u + 0.06, 0.64, BLACK, edge=False)
    p.oval(0.38, 0.44, 0.14, 0.14, BLACK)
    p.line([(0.42, 0.56), (0.48, 0.74)], BLACK, 0.012)
    eye(p, 0.44, 0.46, 0.03)


def ladybug(p: Pen, c: RGB) -> None:
    """A ladybird: a red shell with black spots."""
    p.oval(0.34, 0.28, 0.14, 0.14, BLACK)
    p.oval(0, 0.32, 0.4, 0.32, c)
    p.line([(-0.02, 0.04), (0.02, 0.62)], BLACK, 0.015)
    for u, v in ((-0.2, 0.44), (0.18, 0.44), (-0.18, 0.2), (0.2, 0.2), (0.0, 0.56)):
        p.oval(u, v, 0.06, 0.06, BLACK, edge=False)


def snail(p: Pen, c: RGB) -> None:
    """A snail with a spiral shell."""
    body = (220, 200, 170)
    p.poly([(-0.5, 0.0), (0.4, 0.0), (0.42, 0.34), (0.34, 0.36), (0.3, 0.1), (-0.5, 0.08)], body)
    for u in (0.34, 0.42):
        p.line([(u - 0.02, 0.34), (u, 0.5)], body, 0.015)
        p.oval(u, 0.5, 0.02, 0.02, BLACK, edge=False)
    p.oval(-0.08, 0.34, 0.3, 0.3, c)
    for r in (0.2, 0.1):
        p.arc(-0.08, 0.34, r, 0, 300, darker(c, 0.3), 0.02)

