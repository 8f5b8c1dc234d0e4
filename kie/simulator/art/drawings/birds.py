"""Birds (beside the bird, owl, duck and penguin of animals.py): each drawn through a Pen in its own units
(base 0, top 1)."""

from __future__ import annotations

import math

from kie.simulator.art.drawings.parts import BLACK, LEAF, WHITE, WOOD, eye
from kie.simulator.art.pen import RGB, Pen, darker


def chicken(p: Pen, c: RGB) -> None:
    """A hen with a red comb."""
    p.line([(-0.05, 0.0), (-0.05, 0.2)], (240, 170, 40), 0.025)
    p.line([(0.07, 0.0), (0.07, 0.2)], (240, 170, 40), 0.025)
    p.poly([(-0.3, 0.4), (-0.5, 0.8), (-0.42, 0.45)], darker(c, 0.1))
    p.oval(-0.02, 0.38, 0.32, 0.22, c)
    p.oval(0.24, 0.6, 0.14, 0.15, c)
    p.oval(-0.06, 0.38, 0.16, 0.1, darker(c, 0.1))
    for u in (0.18, 0.25, 0.32):
        p.oval(u, 0.76, 0.045, 0.05, (220, 40, 40))
    p.poly([(0.36, 0.62), (0.48, 0.58), (0.36, 0.55)], (245, 170, 40))
    p.oval(0.35, 0.52, 0.03, 0.045, (220, 40, 40))
    eye(p, 0.28, 0.64, 0.022)


def chick(p: Pen, c: RGB) -> None:
    """A fluffy yellow chick."""
    p.line([(-0.08, 0.0), (-0.08, 0.12)], (240, 150, 40), 0.03)
    p.line([(0.08, 0.0), (0.08, 0.12)], (240, 150, 40), 0.03)
    p.oval(0, 0.38, 0.32, 0.3, c)
    p.oval(0.05, 0.74, 0.2, 0.2, c)
    p.oval(-0.16, 0.4, 0.14, 0.1, darker(c, 0.08))
    p.poly([(0.22, 0.76), (0.34, 0.72), (0.22, 0.68)], (245, 150, 40))
    eye(p, 0.12, 0.8, 0.03)


def flamingo(p: Pen, c: RGB) -> None:
    """A flamingo on one leg."""
    p.line([(0.0, 0.0), (0.0, 0.45)], darker(c, 0.1), 0.02)
    p.line([(0.0, 0.3), (-0.1, 0.36), (0.0, 0.42)], darker(c, 0.1), 0.02)
    p.oval(-0.04, 0.54, 0.22, 0.12, c)
    p.poly([(-0.24, 0.56), (-0.4, 0.64), (-0.22, 0.5)], darker(c, 0.15))
    p.line([(0.14, 0.56), (0.2, 0.72), (0.08, 0.86), (0.14, 0.96)], c, 0.035)
    p.oval(0.18, 0.96, 0.06, 0.05, c)
    p.poly([(0.22, 0.98), (0.32, 0.9), (0.24, 0.93)], BLACK)
    eye(p, 0.18, 0.98, 0.012)


def parrot(p: Pen, c: RGB) -> None:
    """A parrot perched on a branch: bright feathers, a hooked beak, a long tail."""
    p.line([(-0.5, 0.1), (0.5, 0.14)], WOOD, 0.05)
    p.poly([(0.42, 0.13), (0.5, 0.22), (0.48, 0.12)], LEAF)
    p.poly([(-0.1, 0.36), (-0.24, -0.1), (-0.1, -0.08), (0.04, 0.34)], (60, 110, 220))
    p.oval(0.02, 0.46, 0.17, 0.26, c)
    p.oval(-0.06, 0.44, 0.12, 0.2, (250, 210, 60))
    p.oval(-0.08, 0.36, 0.08, 0.12, (60, 110, 220), edge=False)
    p.oval(0.06, 0.76, 0.14, 0.14, c)
    p.oval(0.12, 0.76, 0.06, 0.05, WHITE, edge=False)
    p.poly([(0.18, 0.78), (0.3, 0.72), (0.26, 0.62), (0.18, 0.7)], (60, 60, 60))
    p.oval(0.12, 0.77, 0.02, 0.02, BLACK, edge=False)
    for u in (-0.02, 0.08):
        p.line([(u, 0.22), (u, 0.12)], (90, 90, 90), 0.02)


def peacock(p: Pen, c: RGB) -> None:
    """A peacock with its tail fanned out."""
    for k in range(11):
        a = math.pi * (0.1 + 0.8 * k / 10)
        u, v = 0.46 * math.cos(a), 0.3 + 0.62 * math.sin(a)
        p.line([(0.0, 0.3), (u, v)], (60, 130, 90), 0.03)
        p.oval(u, v, 0.07, 0.07, (60, 160, 110))
        p.oval(u, v, 0.035, 0.035, (40, 80, 170), edge=False)
    p.oval(0, 0.3, 0.12, 0.2, c)
    p.line([(0.02, 0.45), (0.04, 0.62)], c, 0.05)
    p.oval(0.05, 0.64, 0.05, 0.05, c)
    p.poly([(0.09, 0.64), (0.14, 0.62), (0.09, 0.6)], (240, 170, 40))
    for du in (-0.02, 0.02):
        p.line([(0.04 + du, 0.68), (0.04 + du * 2, 0.76)], c, 0.008)
    p.line([(0.0, 0.0), (0.0, 0.12)], (150, 130, 110), 0.02)


def swan(p: Pen, c: RGB) -> None:
    """A swan gliding, its neck curved."""
    p.poly([(-0.46, 0.3), (-0.3, 0.1), (0.2, 0.08), (0.36, 0.22), (0.1, 0.34), (-0.3, 0.38)], c)
    p.poly([(-0.36, 0.34), (-0.52, 0.5), (-0.1, 0.36)], darker(c, 0.08))
    p.line([(0.24, 0.2), (0.34, 0.5), (0.26, 0.7), (0.32, 0.8)], c, 0.06)
    p.oval(0.34, 0.8, 0.06, 0.05, c)
    p.poly([(0.38, 0.82), (0.5, 0.76), (0.38, 0.77)], (240, 130, 40))
    p.oval(0.35, 0.82, 0.015, 0.015, BLACK, edge=False)

