"""Dishes: bowls and plates with what is in or on them, each drawn through a Pen in its own units (base 0,
top 1)."""

from __future__ import annotations

from kie.simulator.art.drawings.parts import WHITE
from kie.simulator.art.pen import RGB, Pen, darker, lighter


def bowl_body(p: Pen, c: RGB, rim: float = 0.5, top: float = 0.55) -> None:
    """A bowl seen a little from above: its body, its rim; what it holds is drawn between the two."""
    p.poly([(-rim, top), (-rim * 0.9, top * 0.55), (-rim * 0.55, 0.08), (rim * 0.55, 0.08), (rim * 0.9, top * 0.55),
            (rim, top)], c)
    p.rect(-rim * 0.35, 0.0, rim * 0.35, 0.09, darker(c, 0.2), radius=0.02)
    p.rect(-rim * 0.95, top * 0.62, rim * 0.95, top * 0.7, lighter(c, 0.3), edge=False)


def bowl_top(p: Pen, fill: RGB, rim: float = 0.5, top: float = 0.55) -> None:
    p.oval(0, top, rim, 0.1, darker(fill, 0.1))
    p.oval(0, top + 0.005, rim * 0.92, 0.08, fill, edge=False)


def ramen(p: Pen, c: RGB) -> None:
    """A bowl of ramen: broth, noodles, an egg, a slice of pork, greens."""
    bowl_body(p, c)
    bowl_top(p, (220, 170, 100))
    for k in range(5):
        u = -0.32 + k * 0.15
        p.arc(u, 0.57, 0.06, 200, 340, (250, 225, 150), 0.018)
        p.arc(u + 0.07, 0.55, 0.05, 20, 160, (250, 225, 150), 0.018)
    p.oval(0.18, 0.6, 0.1, 0.05, WHITE)
    p.oval(0.18, 0.6, 0.05, 0.028, (245, 170, 40), edge=False)
    p.oval(-0.2, 0.6, 0.12, 0.045, (200, 120, 100))
    p.oval(-0.2, 0.6, 0.08, 0.025, (235, 180, 160), edge=False)
    for u in (-0.02, 0.04):
        p.rect(u, 0.57, u + 0.05, 0.64, (70, 140, 70), edge=False)
    p.rect(0.3, 0.56, 0.36, 0.66, (40, 60, 45), edge=False)  # nori
    for u in (-0.08, 0.06):  # steam
        p.line([(u, 0.68), (u + 0.05, 0.78), (u - 0.02, 0.88), (u + 0.03, 0.98)], (240, 240, 240), 0.015)


def soup(p: Pen, c: RGB) -> None:
    """A bowl of soup, steaming."""
    bowl_body(p, (235, 230, 220))
    bowl_top(p, c)
    for u, v in ((-0.2, 0.56), (0.1, 0.58), (0.25, 0.55)):
        p.oval(u, v, 0.05, 0.02, lighter(c, 0.35), edge=False)
    for u in (-0.1, 0.08):
        p.line([(u, 0.66), (u + 0.05, 0.76), (u - 0.02, 0.86), (u + 0.03, 0.96)], (240, 240, 240), 0.015)


def salad(p: Pen, c: RGB) -> None:
    """A bowl of salad: leaves, tomatoes, cucumber."""
    bowl_body(p, c)
    for u, v, r, col in ((-0.3, 0.6, 0.14, (90, 170, 70)), (-0.05, 0.66, 0.16, (120, 190, 80)),
                         (0.22, 0.62, 0.15, (70, 150, 60)), (0.05, 0.58, 0.14, (140, 200, 90))):
        p.oval(u, v, r, r * 0.6, col)
    for u, v in ((-0.15, 0.64), (0.15, 0.7), (0.3, 0.6)):
        p.oval(u, v, 0.05, 0.045, (220, 50, 45))
    for u, v in ((-0.28, 0.66), (0.0, 0.74)):
        p.oval(u, v, 0.045, 0.03, (210, 235, 170))


def rice(p: Pen, c: RGB) -> None:
    """A bowl of rice."""
    bowl_body(p, c)
    p.poly([(-0.46, 0.56), (-0.3, 0.7), (0.0, 0.76), (0.3, 0.7), (0.46, 0.56)], (250, 250, 245))
    for u, v in ((-0.2, 0.64), (0.0, 0.7), (0.15, 0.66), (0.3, 0.6), (-0.32, 0.6)):
        p.oval(u, v, 0.02, 0.012, (225, 225, 220), edge=False)


def cereal(p: Pen, c: RGB) -> None:
    """A bowl of cereal with milk."""
    bowl_body(p, c)
    bowl_top(p, (250, 248, 240))
    for u, v in ((-0.3, 0.57), (-0.12, 0.6), (0.05, 0.56), (0.22, 0.6), (0.34, 0.56), (-0.02, 0.62)):
        p.oval(u, v, 0.05, 0.03, (220, 160, 70))


def plate_under(p: Pen, c: RGB = WHITE, r: float = 0.5) -> None:
    """The plate a dish stands on."""
    p.oval(0, 0.08, r, 0.08, darker(c, 0.12))
    p.oval(0, 0.09, r * 0.8, 0.055, c, edge=False)


def plate(p: Pen, c: RGB) -> None:
    """An empty plate."""
    plate_under(p, c)
    p.oval(0, 0.09, 0.25, 0.03, darker(c, 0.05), edge=False)


def bowl(p: Pen, c: RGB) -> None:
    """An empty bowl."""
    bowl_body(p, c)
    bowl_top(p, lighter(c, 0.5))


def pasta(p: Pen, c: RGB) -> None:
    """A plate of spaghetti with tomato sauce and basil."""
    plate_under(p)
    p.oval(0, 0.2, 0.34, 0.15, (240, 205, 120))
    for k in range(6):
        p.arc(-0.2 + k * 0.08, 0.2, 0.09, 20, 200, (225, 185, 100), 0.014)
    p.oval(0, 0.28, 0.18, 0.08, c)
    p.oval(-0.05, 0.3, 0.06, 0.03, lighter(c, 0.2), edge=False)
    p.poly([(0.05, 0.34), (0.13, 0.38), (0.1, 0.32)], (60, 140, 60), edge=False)


def sushi(p: Pen, c: RGB) -> None:
    """Sushi on a wooden board: nigiri and maki."""
    p.rect(-0.5, 0.02, 0.5, 0.1, (190, 140, 90), radius=0.02)
    p.rect(-0.45, 0.0, -0.35, 0.03, (150, 105, 65), edge=False)
    p.rect(0.35, 0.0, 0.45, 0.03, (150, 105, 65), edge=False)
    for u in (-0.3, 0.0):
        p.oval(u, 0.18, 0.13, 0.07, (250, 250, 245))
        p.poly([(u - 0.15, 0.2), (u - 0.1, 0.28), (u + 0.12, 0.28), (u + 0.16, 0.2)], c)
        p.line([(u - 0.08, 0.24), (u + 0.1, 0.26)], lighter(c, 0.4), 0.012)
    p.rect(0.2, 0.1, 0.42, 0.3, (40, 60, 45), radius=0.04)
    p.oval(0.31, 0.3, 0.11, 0.04, (250, 250, 245))
    p.oval(0.31, 0.3, 0.05, 0.02, (240, 120, 60), edge=False)


def steak(p: Pen, c: RGB) -> None:
    """A steak on a plate with a sprig of herbs."""
    plate_under(p)
    p.poly([(-0.35, 0.14), (-0.2, 0.3), (0.15, 0.32), (0.34, 0.2), (0.2, 0.1), (-0.2, 0.08)], c)
    for k in range(3):
        u = -0.15 + k * 0.13
        p.line([(u, 0.13), (u + 0.1, 0.27)], darker(c, 0.35), 0.02)
    p.poly([(0.22, 0.24), (0.36, 0.32), (0.3, 0.22)], (60, 140, 60), edge=False)


def dumplings(p: Pen, c: RGB) -> None:
    """Dumplings in a bamboo steamer."""
    p.rect(-0.48, 0.0, 0.48, 0.22, (200, 160, 100), radius=0.04)
    for v in (0.06, 0.14):
        p.line([(-0.46, v), (0.46, v)], (170, 130, 80), 0.012)
    for u in (-0.28, 0.0, 0.28):
        p.oval(u, 0.28, 0.15, 0.1, c)
        for k in (-1, 0, 1):
            p.line([(u + k * 0.04, 0.36), (u + k * 0.05, 0.3)], darker(c, 0.15), 0.01)


def fruit(p: Pen, c: RGB) -> None:
    """A bowl of fruit: apples, an orange, bananas, grapes."""
    p.poly([(-0.32, 0.62), (0.32, 0.62), (0.26, 0.74), (-0.26, 0.74)], (250, 215, 60))  # banana
    for u, v, r, col in ((-0.28, 0.5, 0.14, (210, 40, 45)), (0.26, 0.5, 0.13, (240, 140, 40)),
                         (0.0, 0.56, 0.15, (120, 190, 60)), (-0.12, 0.46, 0.12, (240, 150, 40))):
        p.oval(u, v, r, r, col)
    for u, v in ((0.12, 0.64), (0.2, 0.6), (0.16, 0.54)):
        p.oval(u, v, 0.05, 0.05, (120, 60, 140))
    bowl_body(p, c, top=0.5)

