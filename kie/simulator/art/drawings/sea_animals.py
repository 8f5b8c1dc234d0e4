"""Animals of the sea: each drawn through a Pen in its own units (base 0, top 1)."""

from __future__ import annotations

from kie.simulator.art.drawings.parts import BLACK, WHITE, eye
from kie.simulator.art.pen import RGB, Pen, darker, lighter


def shark(p: Pen, c: RGB) -> None:
    """A shark: a fin, a pale belly, a row of teeth."""
    p.poly([(-0.4, 0.4), (-0.62, 0.7), (-0.56, 0.4), (-0.62, 0.14)], c)
    p.poly([(-0.05, 0.56), (0.08, 0.86), (0.16, 0.54)], c)
    p.poly([(-0.5, 0.4), (-0.2, 0.58), (0.3, 0.58), (0.6, 0.42), (0.5, 0.3), (0.0, 0.24), (-0.4, 0.3)], c)
    p.poly([(-0.3, 0.34), (0.0, 0.26), (0.5, 0.32), (0.56, 0.38), (0.3, 0.4), (-0.2, 0.4)], WHITE, edge=False)
    p.line([(0.36, 0.36), (0.52, 0.38)], darker(c, 0.5), 0.012)
    for u in (0.1, 0.16, 0.22):
        p.line([(u, 0.42), (u - 0.02, 0.52)], darker(c, 0.25), 0.01)
    p.poly([(0.0, 0.3), (0.16, 0.16), (0.14, 0.3)], c)
    eye(p, 0.42, 0.47, 0.02)


def dolphin(p: Pen, c: RGB) -> None:
    """A dolphin leaping."""
    p.poly([(-0.46, 0.2), (-0.3, 0.48), (-0.05, 0.66), (0.25, 0.7), (0.42, 0.62), (0.58, 0.6), (0.44, 0.54),
            (0.22, 0.52), (0.0, 0.42), (-0.3, 0.22)], c)
    p.poly([(-0.05, 0.62), (0.0, 0.78), (0.1, 0.66)], c)
    p.poly([(-0.46, 0.2), (-0.58, 0.12), (-0.4, 0.06), (-0.36, 0.18)], c)
    p.poly([(0.0, 0.44), (0.22, 0.54), (0.44, 0.56), (0.2, 0.48)], lighter(c, 0.5), edge=False)
    eye(p, 0.34, 0.6, 0.018)


def octopus(p: Pen, c: RGB) -> None:
    """An octopus with curling arms."""
    for k in range(6):
        u = -0.38 + k * 0.15
        p.line([(u * 0.6, 0.3), (u, 0.12), (u + 0.08 * (-1) ** k, 0.02)], c, 0.06)
    p.oval(0, 0.58, 0.3, 0.34, c)
    for side in (-1, 1):
        p.oval(side * 0.11, 0.55, 0.07, 0.08, WHITE, edge=False)
        p.oval(side * 0.11, 0.54, 0.035, 0.04, BLACK, edge=False)
    for u, v in ((-0.12, 0.78), (0.1, 0.82), (0.0, 0.7)):
        p.oval(u, v, 0.03, 0.03, lighter(c, 0.3), edge=False)


def crab(p: Pen, c: RGB) -> None:
    """A crab with its claws up."""
    for side in (-1, 1):
        for k in range(3):
            p.line([(side * 0.2, 0.2), (side * (0.42 + k * 0.03), 0.14 - k * 0.05)], darker(c, 0.1), 0.025)
        p.line([(side * 0.22, 0.32), (side * 0.36, 0.52)], c, 0.035)
        p.oval(side * 0.38, 0.62, 0.1, 0.12, c)
        p.poly([(side * 0.36, 0.7), (side * 0.4, 0.8), (side * 0.44, 0.66)], lighter(c, 0.5), edge=False)
        p.line([(side * 0.08, 0.4), (side * 0.1, 0.52)], c, 0.015)
        p.oval(side * 0.1, 0.54, 0.035, 0.035, WHITE)
        p.oval(side * 0.1, 0.54, 0.015, 0.015, BLACK, edge=False)
    p.oval(0, 0.26, 0.3, 0.18, c)


def seal(p: Pen, c: RGB) -> None:
    """A seal on the ice, its nose up."""
    p.poly([(-0.5, 0.1), (-0.6, 0.2), (-0.56, 0.04)], c)
    p.poly([(-0.5, 0.08), (-0.2, 0.32), (0.2, 0.5), (0.38, 0.62), (0.5, 0.56), (0.36, 0.3), (0.0, 0.0),
            (-0.45, 0.0)], c)
    p.poly([(0.0, 0.2), (0.12, 0.0), (0.18, 0.2)], darker(c, 0.1))
    p.oval(0.5, 0.57, 0.03, 0.025, BLACK, edge=False)
    eye(p, 0.38, 0.58, 0.02)


def jellyfish(p: Pen, c: RGB) -> None:
    """A jellyfish trailing its tentacles."""
    for k in range(5):
        u = -0.2 + k * 0.1
        p.line([(u, 0.5), (u + 0.05, 0.3), (u - 0.03, 0.14), (u + 0.02, 0.0)], lighter(c, 0.3), 0.02)
    p.poly([(-0.3, 0.5), (-0.26, 0.7), (-0.12, 0.82), (0.12, 0.82), (0.26, 0.7), (0.3, 0.5)], c)
    p.oval(-0.1, 0.68, 0.06, 0.04, lighter(c, 0.5), edge=False)

