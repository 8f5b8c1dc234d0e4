"""Fruit and vegetables: each drawn through a Pen in its own units (base 0, top 1)."""

from __future__ import annotations

from kie.simulator.art.drawings.parts import LEAF, WOOD
from kie.simulator.art.pen import RGB, Pen, darker, lighter


def orange(p: Pen, c: RGB) -> None:
    """A round fruit with a leaf (an orange, a lemon, a peach: its colour says which)."""
    p.oval(0, 0.42, 0.42, 0.42, c)
    p.oval(-0.15, 0.55, 0.1, 0.07, lighter(c, 0.4), edge=False)
    for u, v in ((0.1, 0.3), (-0.12, 0.24), (0.2, 0.5)):
        p.oval(u, v, 0.012, 0.012, darker(c, 0.15), edge=False)
    p.line([(0.0, 0.82), (0.02, 0.9)], WOOD, 0.025)
    p.poly([(0.02, 0.86), (0.24, 0.95), (0.12, 0.8)], LEAF)


def lemon(p: Pen, c: RGB) -> None:
    """A lemon: an oval with pointed ends."""
    p.poly([(-0.5, 0.3), (-0.42, 0.38), (-0.2, 0.56), (0.2, 0.56), (0.42, 0.38), (0.5, 0.3), (0.42, 0.22),
            (0.2, 0.04), (-0.2, 0.04), (-0.42, 0.22)], c)
    p.oval(-0.12, 0.4, 0.12, 0.06, lighter(c, 0.45), edge=False)


def pear(p: Pen, c: RGB) -> None:
    """A pear."""
    p.oval(0, 0.3, 0.34, 0.3, c)
    p.oval(0, 0.62, 0.2, 0.22, c)
    p.oval(-0.1, 0.4, 0.07, 0.1, lighter(c, 0.4), edge=False)
    p.line([(0.0, 0.82), (0.05, 0.98)], WOOD, 0.03)


def strawberry(p: Pen, c: RGB) -> None:
    """A strawberry with its green top and seeds."""
    p.poly([(-0.4, 0.7), (-0.36, 0.4), (-0.12, 0.05), (0.0, 0.0), (0.12, 0.05), (0.36, 0.4), (0.4, 0.7),
            (0.2, 0.82), (-0.2, 0.82)], c)
    for u, v in ((-0.2, 0.55), (0.0, 0.6), (0.2, 0.55), (-0.1, 0.35), (0.1, 0.35), (0.0, 0.15), (-0.25, 0.7),
                 (0.25, 0.7)):
        p.oval(u, v, 0.025, 0.035, (250, 220, 120), edge=False)
    for a in (-0.3, -0.1, 0.1, 0.3):
        p.poly([(0.0, 0.8), (a, 0.92), (a * 0.5, 0.78)], (70, 150, 60))


def grapes(p: Pen, c: RGB) -> None:
    """A bunch of grapes."""
    p.line([(0.0, 0.85), (0.05, 1.0)], WOOD, 0.03)
    p.poly([(0.03, 0.9), (0.3, 1.0), (0.2, 0.85)], LEAF)
    rows = ((0.8, (-0.24, -0.08, 0.08, 0.24)), (0.62, (-0.16, 0.0, 0.16)), (0.46, (-0.16, 0.0, 0.16)),
            (0.3, (-0.08, 0.08)), (0.15, (0.0,)))
    for v, us in rows:
        for u in us:
            p.oval(u, v, 0.1, 0.1, c)
            p.oval(u - 0.03, v + 0.03, 0.025, 0.025, lighter(c, 0.4), edge=False)


def watermelon(p: Pen, c: RGB) -> None:
    """A slice of watermelon."""
    p.poly([(-0.5, 0.5), (0.5, 0.5), (0.35, 0.2), (0.0, 0.02), (-0.35, 0.2)], (60, 140, 60))
    p.poly([(-0.46, 0.5), (0.46, 0.5), (0.31, 0.23), (0.0, 0.07), (-0.31, 0.23)], (230, 245, 200), edge=False)
    p.poly([(-0.43, 0.5), (0.43, 0.5), (0.28, 0.25), (0.0, 0.1), (-0.28, 0.25)], c, edge=False)
    for u, v in ((-0.2, 0.4), (0.0, 0.3), (0.2, 0.4), (-0.1, 0.22), (0.1, 0.22)):
        p.oval(u, v, 0.02, 0.03, (40, 30, 30), edge=False)


def cherry(p: Pen, c: RGB) -> None:
    """Two cherries on their stalks."""
    p.line([(-0.18, 0.3), (0.0, 0.9)], (90, 120, 50), 0.025)
    p.line([(0.18, 0.28), (0.0, 0.9)], (90, 120, 50), 0.025)
    p.poly([(0.0, 0.9), (0.3, 0.96), (0.15, 0.82)], LEAF)
    for u, v in ((-0.2, 0.2), (0.2, 0.18)):
        p.oval(u, v, 0.2, 0.2, c)
        p.oval(u - 0.07, v + 0.07, 0.05, 0.04, lighter(c, 0.45), edge=False)


def pineapple(p: Pen, c: RGB) -> None:
    """A pineapple with its crown of leaves."""
    for a in (-0.22, -0.1, 0.0, 0.1, 0.22):
        p.poly([(-0.06, 0.6), (a, 1.0), (0.06, 0.6)], (70, 150, 70))
    p.oval(0, 0.32, 0.3, 0.32, c)
    for k in range(-2, 3):
        p.line([(k * 0.12 - 0.15, 0.08), (k * 0.12 + 0.15, 0.58)], darker(c, 0.3), 0.012)
        p.line([(k * 0.12 + 0.15, 0.08), (k * 0.12 - 0.15, 0.58)], darker(c, 0.3), 0.012)


def carrot(p: Pen, c: RGB) -> None:
    """A carrot, lying down."""
    p.poly([(-0.5, 0.12), (0.3, 0.24), (0.32, 0.0)], c)
    for k in range(4):
        u = -0.3 + k * 0.15
        p.line([(u, 0.08 + k * 0.015), (u + 0.05, 0.12 + k * 0.015)], darker(c, 0.25), 0.012)
    for a in (0.12, 0.22, 0.32):
        p.poly([(0.3, 0.14), (0.5, 0.14 + a), (0.36, 0.1)], (70, 150, 60))


def tomato(p: Pen, c: RGB) -> None:
    """A tomato."""
    p.oval(0, 0.36, 0.44, 0.36, c)
    p.oval(-0.16, 0.48, 0.1, 0.06, lighter(c, 0.45), edge=False)
    p.star(0.0, 0.72, 0.14, (70, 140, 60), points=5, inner=0.35)


def broccoli(p: Pen, c: RGB) -> None:
    """A head of broccoli."""
    p.poly([(-0.1, 0.0), (0.1, 0.0), (0.08, 0.4), (-0.08, 0.4)], lighter(c, 0.3))
    for u, v, r in ((-0.25, 0.55, 0.18), (0.25, 0.55, 0.18), (0.0, 0.72, 0.22), (-0.12, 0.5, 0.16),
                    (0.12, 0.5, 0.16)):
        p.oval(u, v, r, r * 0.9, c)


def corn(p: Pen, c: RGB) -> None:
    """A cob of corn in its husk."""
    p.oval(0, 0.5, 0.16, 0.45, c)
    for v in (0.2, 0.35, 0.5, 0.65, 0.8):
        p.line([(-0.12, v), (0.12, v)], darker(c, 0.2), 0.012)
    p.poly([(-0.05, 0.0), (-0.32, 0.5), (-0.14, 0.3)], (110, 170, 80))
    p.poly([(0.05, 0.0), (0.32, 0.55), (0.14, 0.3)], (90, 150, 70))


def avocado(p: Pen, c: RGB) -> None:
    """Half an avocado with its stone."""
    p.oval(0, 0.3, 0.3, 0.3, (60, 90, 40))
    p.oval(0, 0.62, 0.2, 0.22, (60, 90, 40))
    p.oval(0, 0.3, 0.25, 0.25, c, edge=False)
    p.oval(0, 0.6, 0.15, 0.18, c, edge=False)
    p.oval(0, 0.3, 0.12, 0.12, (140, 90, 50))


def pumpkin(p: Pen, c: RGB) -> None:
    """A pumpkin."""
    for u, r in ((-0.28, 0.24), (0.28, 0.24), (-0.12, 0.28), (0.12, 0.28)):
        p.oval(u, 0.34, r, 0.34, darker(c, 0.08) if abs(u) > 0.2 else c)
    p.rect(-0.04, 0.64, 0.05, 0.82, (100, 120, 50), radius=0.02)

