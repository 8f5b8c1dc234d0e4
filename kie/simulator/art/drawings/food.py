"""Food, for a table: each drawn through a Pen in its own units (base 0, top 1)."""

from __future__ import annotations

import math

from kie.simulator.art.drawings.dishes import plate_under
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


def croissant(p: Pen, c: RGB) -> None:
    """A croissant: a crescent of rolled pastry in bands, fat in the middle, tapering to its two horns."""
    dark = darker(c, 0.3)

    def at(a: float, r: float) -> tuple[float, float]:
        return 0.5 * r * math.cos(math.radians(a)), 0.02 + 0.34 * r * math.sin(math.radians(a))

    bands = 7
    edges = [172 - k * (164 / bands) for k in range(bands + 1)]
    order = sorted(range(bands), key=lambda k: -abs(k - (bands - 1) / 2))  # the middle band on top
    for k in order:
        a0, a1 = edges[k] + 3, edges[k + 1] - 3
        mid = (k + 0.5) / bands
        thick = 0.14 + 0.72 * math.sin(math.pi * mid) ** 1.2
        pts = [at(a0, 1 + thick * 0.55), at((a0 + a1) / 2, 1 + thick * 0.62), at(a1, 1 + thick * 0.55),
               at(a1, 1 - thick * 0.45), at((a0 + a1) / 2, 1 - thick * 0.5), at(a0, 1 - thick * 0.45)]
        p.poly(pts, c if k % 2 == 0 else darker(c, 0.08))
        p.line([at(a1 + 1, 1 - thick * 0.4), at(a1 + 1, 1 + thick * 0.5)], dark, 0.014)
    p.oval(*at(95, 1.25), 0.1, 0.035, lighter(c, 0.4), edge=False)


def bread(p: Pen, c: RGB) -> None:
    """A loaf of bread with scored top."""
    p.rect(-0.48, 0.0, 0.48, 0.3, darker(c, 0.1), radius=0.1)
    p.oval(0, 0.34, 0.48, 0.22, c)
    for u in (-0.25, 0.0, 0.25):
        p.line([(u - 0.08, 0.3), (u + 0.08, 0.44)], lighter(c, 0.4), 0.03)


def baguette(p: Pen, c: RGB) -> None:
    """A baguette lying on its side."""
    p.poly([(-0.5, 0.06), (-0.45, 0.18), (0.45, 0.24), (0.5, 0.12), (0.44, 0.04), (-0.44, 0.0)], c)
    for k in range(5):
        u = -0.34 + k * 0.17
        p.line([(u - 0.06, 0.1), (u + 0.06, 0.18)], lighter(c, 0.4), 0.02)


def sandwich(p: Pen, c: RGB) -> None:
    """A sandwich cut in a triangle: bread, lettuce, tomato, cheese."""
    bread_c = (235, 200, 140)
    p.poly([(-0.45, 0.04), (0.45, 0.04), (-0.25, 0.6)], darker(bread_c, 0.15))
    p.poly([(-0.43, 0.12), (0.41, 0.12), (0.45, 0.16), (-0.41, 0.2)], (100, 180, 70))
    p.poly([(-0.42, 0.2), (0.36, 0.18), (0.4, 0.24), (-0.4, 0.26)], (220, 60, 50))
    p.poly([(-0.42, 0.26), (0.34, 0.24), (0.36, 0.29), (-0.4, 0.31)], (250, 210, 80))
    p.poly([(-0.43, 0.3), (0.33, 0.3), (-0.24, 0.7), (-0.45, 0.66)], bread_c)
    p.poly([(-0.4, 0.34), (0.25, 0.34), (-0.22, 0.64), (-0.4, 0.61)], lighter(bread_c, 0.35), edge=False)


def pancakes(p: Pen, c: RGB) -> None:
    """A stack of pancakes with butter and syrup on a plate."""
    plate_under(p)
    for k in range(4):
        v = 0.14 + k * 0.09
        p.oval(0, v, 0.36, 0.07, darker(c, 0.15))
        p.oval(0, v + 0.02, 0.35, 0.055, c, edge=False)
    p.oval(0, 0.47, 0.33, 0.06, (170, 90, 30))
    p.poly([(-0.2, 0.45), (-0.22, 0.3), (-0.18, 0.44)], (170, 90, 30), edge=False)
    p.rect(-0.06, 0.48, 0.08, 0.54, (250, 230, 140), radius=0.01)


def waffle(p: Pen, c: RGB) -> None:
    """A square waffle."""
    p.rect(-0.4, 0.0, 0.4, 0.5, c, radius=0.05)
    for k in range(1, 5):
        u = -0.4 + k * 0.16
        p.line([(u, 0.03), (u, 0.47)], darker(c, 0.25), 0.02)
        v = k * 0.1
        p.line([(-0.37, v), (0.37, v)], darker(c, 0.25), 0.02)


def cookie(p: Pen, c: RGB) -> None:
    """A chocolate chip cookie."""
    p.oval(0, 0.3, 0.48, 0.3, c)
    for u, v in ((-0.2, 0.35), (0.1, 0.42), (0.25, 0.25), (-0.05, 0.2), (-0.3, 0.18), (0.05, 0.32)):
        p.oval(u, v, 0.05, 0.04, (80, 45, 30), edge=False)


def muffin(p: Pen, c: RGB) -> None:
    """A muffin (or cupcake) in its paper case, with a cherry."""
    case = (230, 120, 140)
    p.poly([(-0.3, 0.45), (0.3, 0.45), (0.22, 0.0), (-0.22, 0.0)], case)
    for u in (-0.15, -0.05, 0.05, 0.15):
        p.line([(u * 1.3, 0.43), (u, 0.02)], darker(case, 0.2), 0.012)
    for u, v, r in ((-0.2, 0.52, 0.14), (0.2, 0.52, 0.14), (0.0, 0.6, 0.2), (-0.08, 0.72, 0.13),
                    (0.1, 0.72, 0.12)):
        p.oval(u, v, r, r * 0.85, c)
    p.oval(0.0, 0.86, 0.06, 0.06, (200, 30, 45))


def pie(p: Pen, c: RGB) -> None:
    """A pie with a lattice top."""
    p.poly([(-0.5, 0.3), (0.5, 0.3), (0.4, 0.0), (-0.4, 0.0)], (210, 160, 90))
    p.oval(0, 0.32, 0.5, 0.12, (225, 175, 100))
    p.oval(0, 0.33, 0.42, 0.09, c, edge=False)
    for u in (-0.24, 0.0, 0.24):
        p.line([(u - 0.08, 0.25), (u + 0.08, 0.41)], (235, 190, 115), 0.03)


def cheese(p: Pen, c: RGB) -> None:
    """A wedge of cheese with holes."""
    p.poly([(-0.5, 0.0), (0.5, 0.0), (0.5, 0.36), (-0.5, 0.2)], c)
    p.poly([(-0.5, 0.2), (0.5, 0.36), (0.3, 0.5), (-0.5, 0.22)], lighter(c, 0.25))
    for u, v, r in ((-0.2, 0.1, 0.06), (0.15, 0.2, 0.05), (0.35, 0.1, 0.04), (-0.38, 0.08, 0.03)):
        p.oval(u, v, r, r, darker(c, 0.15), edge=False)


def fries(p: Pen, c: RGB) -> None:
    """French fries in a red carton."""
    for k in range(8):
        u = -0.22 + k * 0.063
        p.rect(u - 0.025, 0.35, u + 0.025, 0.8 + 0.08 * ((k * 5) % 3) / 2, c, radius=0.01)
    p.poly([(-0.3, 0.55), (0.3, 0.55), (0.24, 0.0), (-0.24, 0.0)], (210, 40, 40))
    p.arc(0.0, 0.55, 0.3, 200, 340, (180, 30, 30), 0.02)
    p.oval(0.0, 0.3, 0.08, 0.08, (250, 210, 60), edge=False)


def hotdog(p: Pen, c: RGB) -> None:
    """A hot dog with mustard."""
    p.oval(0, 0.16, 0.48, 0.12, (230, 170, 90))
    p.oval(0, 0.26, 0.5, 0.08, c)
    p.line([(-0.4, 0.28), (-0.25, 0.33), (-0.1, 0.27), (0.05, 0.33), (0.2, 0.27), (0.35, 0.32)],
           (250, 210, 50), 0.025)
    p.oval(0, 0.22, 0.44, 0.08, (240, 185, 105), edge=False)


def taco(p: Pen, c: RGB) -> None:
    """A taco: a folded shell with lettuce, tomato and cheese."""
    p.poly([(-0.5, 0.05), (0.5, 0.05), (0.42, 0.3), (0.0, 0.5), (-0.42, 0.3)], (100, 170, 70))
    for u in (-0.25, 0.0, 0.2):
        p.oval(u, 0.36, 0.06, 0.05, (220, 50, 45))
    p.oval(0.1, 0.42, 0.05, 0.03, (250, 200, 60))
    p.poly([(-0.48, 0.0), (0.48, 0.0), (0.3, 0.3), (-0.3, 0.3)], c)
    p.arc(0.0, -0.3, 0.62, 55, 125, darker(c, 0.15), 0.02)


def egg(p: Pen, c: RGB) -> None:
    """A fried egg."""
    p.poly([(-0.48, 0.1), (-0.35, 0.26), (-0.1, 0.3), (0.2, 0.28), (0.45, 0.2), (0.42, 0.04), (0.0, 0.0)],
           (252, 250, 245))
    p.oval(-0.02, 0.17, 0.15, 0.09, c)
    p.oval(-0.06, 0.2, 0.05, 0.03, lighter(c, 0.5), edge=False)


def popcorn(p: Pen, c: RGB) -> None:
    """Popcorn in a striped box."""
    for u, v in ((-0.22, 0.62), (-0.08, 0.7), (0.08, 0.66), (0.22, 0.6), (0.0, 0.6), (-0.14, 0.78), (0.14, 0.76)):
        p.oval(u, v, 0.09, 0.08, (250, 240, 200))
    p.poly([(-0.3, 0.6), (0.3, 0.6), (0.22, 0.0), (-0.22, 0.0)], WHITE)
    for u in (-0.2, 0.0, 0.2):
        p.poly([(u - 0.05, 0.6), (u + 0.05, 0.6), (u * 0.75 + 0.04, 0.0), (u * 0.75 - 0.04, 0.0)], c, edge=False)


def chocolate(p: Pen, c: RGB) -> None:
    """A bar of chocolate, half unwrapped."""
    p.rect(-0.3, 0.0, 0.3, 0.9, c, radius=0.03)
    for v in (0.2, 0.4, 0.6):
        p.line([(-0.28, v), (0.28, v)], darker(c, 0.3), 0.015)
    p.line([(0.0, 0.05), (0.0, 0.85)], darker(c, 0.3), 0.015)
    p.rect(-0.32, 0.0, 0.32, 0.45, (200, 40, 60), radius=0.03)
    p.rect(-0.32, 0.18, 0.32, 0.26, (240, 200, 80), edge=False)


def pizzaslice(p: Pen, c: RGB) -> None:
    """A slice of pizza, its point down."""
    p.poly([(-0.34, 0.9), (0.34, 0.9), (0.0, 0.0)], (245, 200, 90))
    p.rect(-0.38, 0.86, 0.38, 1.0, (215, 150, 70), radius=0.06)
    for u, v in ((-0.12, 0.7), (0.12, 0.66), (0.0, 0.42), (0.04, 0.2)):
        p.oval(u, v, 0.07, 0.05, c, edge=False)
    p.oval(-0.05, 0.55, 0.03, 0.02, (60, 130, 50), edge=False)
    p.poly([(0.16, 0.5), (0.2, 0.38), (0.22, 0.52)], (250, 225, 130), edge=False)

