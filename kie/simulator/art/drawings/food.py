"""Food, for a table: each drawn through a Pen in its own units (base 0, top 1)."""

from __future__ import annotations

from kie.simulator.art.drawings.parts import LEAF, WHITE, WOOD
from kie.simulator.art.pen import RGB, Pen, darker, lighter


def apple(p: Pen, c: RGB) -> None:
    """A apple, drawn in its own units (base 0, top 1)."""
    p.oval(-0.16, 0.42, 0.3, 0.4, c)
    p.oval(0.16, 0.42, 0.3, 0.4, c)
    p.oval(-0.22, 0.56, 0.07, 0.12, lighter(c, 0.5), edge=False)
    p.line([(0.0, 0.74), (0.04, 0.94)], WOOD, 0.03)
    p.poly([(0.04, 0.86), (0.26, 0.96), (0.12, 0.82)], LEAF)


def cake(p: Pen, c: RGB) -> None:
    """A cake, drawn in its own units (base 0, top 1)."""
    p.oval(0, 0.04, 0.52, 0.06, (235, 235, 240))
    p.rect(-0.4, 0.06, 0.4, 0.56, (245, 220, 180))
    p.rect(-0.4, 0.27, 0.4, 0.33, c, edge=False)
    p.rect(-0.4, 0.5, 0.4, 0.6, c)
    for u in (-0.3, -0.1, 0.1, 0.3):
        p.oval(u, 0.49, 0.05, 0.07, c, edge=False)
    for u in (-0.2, 0.0, 0.2):
        p.rect(u - 0.02, 0.6, u + 0.02, 0.8, (120, 180, 230), edge=False)
        p.oval(u, 0.85, 0.025, 0.045, (250, 190, 60), edge=False)


def coffee(p: Pen, c: RGB) -> None:
    """A coffee, drawn in its own units (base 0, top 1)."""
    cup = c if c != WOOD else WHITE
    p.oval(0, 0.04, 0.5, 0.07, darker(cup, 0.08))
    p.arc(0.32, 0.36, 0.12, -80, 80, cup, 0.05)
    p.poly([(-0.34, 0.6), (0.34, 0.6), (0.26, 0.08), (-0.26, 0.08)], cup)
    p.oval(0, 0.6, 0.34, 0.06, (110, 70, 40))
    p.rect(-0.3, 0.3, 0.3, 0.36, darker(cup, 0.15), edge=False)
    for u in (-0.1, 0.08):
        p.line([(u, 0.7), (u + 0.05, 0.8), (u - 0.02, 0.9), (u + 0.03, 0.98)], (235, 235, 235), 0.02)


def pizza(p: Pen, c: RGB) -> None:
    """A pizza, drawn in its own units (base 0, top 1)."""
    p.oval(0, 0.3, 0.5, 0.3, (215, 160, 80))
    p.oval(0, 0.31, 0.44, 0.25, (245, 200, 90), edge=False)
    for u, v in ((-0.24, 0.32), (0.0, 0.42), (0.22, 0.3), (-0.06, 0.2), (0.14, 0.16), (-0.24, 0.18)):
        p.oval(u, v, 0.06, 0.04, (190, 50, 40), edge=False)
    for u, v in ((-0.12, 0.3), (0.1, 0.34), (0.28, 0.22)):
        p.oval(u, v, 0.025, 0.015, (60, 130, 50), edge=False)


def banana(p: Pen, c: RGB) -> None:
    """A banana, drawn in its own units (base 0, top 1)."""
    yellow = c if c != WOOD else (250, 215, 60)
    p.poly([(-0.5, 0.7), (-0.3, 0.34), (0.0, 0.2), (0.3, 0.26), (0.5, 0.5), (0.44, 0.52), (0.26, 0.4),
            (0.0, 0.36), (-0.26, 0.48), (-0.44, 0.76)], yellow)
    p.rect(-0.52, 0.68, -0.44, 0.8, WOOD, edge=False)


def icecream(p: Pen, c: RGB) -> None:
    """A ice cream, drawn in its own units (base 0, top 1)."""
    p.poly([(-0.18, 0.5), (0.18, 0.5), (0.0, 0.0)], (220, 170, 100))
    p.line([(-0.12, 0.42), (0.06, 0.1)], (180, 130, 70), 0.01)
    p.line([(0.12, 0.42), (-0.06, 0.1)], (180, 130, 70), 0.01)
    p.oval(0, 0.6, 0.22, 0.15, c)
    p.oval(0, 0.8, 0.18, 0.14, (250, 240, 220))
    p.oval(0.02, 0.95, 0.05, 0.05, (200, 30, 50))


def burger(p: Pen, c: RGB) -> None:
    """A burger, drawn in its own units (base 0, top 1)."""
    bun = (220, 150, 70)
    p.rect(-0.46, 0.04, 0.46, 0.2, bun, radius=0.08)
    p.rect(-0.48, 0.2, 0.48, 0.34, (100, 60, 40), radius=0.06)
    p.poly([(-0.46, 0.34), (0.46, 0.34), (0.36, 0.28), (0.1, 0.3), (-0.3, 0.28)], (250, 200, 60))
    p.rect(-0.5, 0.34, 0.5, 0.4, (100, 180, 70), radius=0.03)
    p.poly([(-0.46, 0.4), (-0.36, 0.72), (0.0, 0.8), (0.36, 0.72), (0.46, 0.4)], bun)
    for u, v in ((-0.2, 0.62), (0.0, 0.7), (0.2, 0.62), (0.1, 0.52), (-0.12, 0.52)):
        p.oval(u, v, 0.02, 0.012, (250, 240, 210), edge=False)


def donut(p: Pen, c: RGB) -> None:
    """A donut, drawn in its own units (base 0, top 1)."""
    icing = c if c != WOOD else (240, 140, 180)
    p.oval(0, 0.34, 0.5, 0.32, (215, 150, 80))
    p.oval(0, 0.38, 0.44, 0.26, icing, edge=False)
    p.oval(0, 0.38, 0.14, 0.08, (250, 245, 235))
    for i, (u, v) in enumerate(((-0.3, 0.4), (-0.16, 0.54), (0.12, 0.54), (0.3, 0.42), (0.24, 0.26),
                                (-0.2, 0.24))):
        p.rect(u - 0.03, v - 0.01, u + 0.03, v + 0.01, ((90, 170, 230), (250, 230, 80), WHITE)[i % 3],
               edge=False)
