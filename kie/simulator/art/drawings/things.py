"""Stationery, tools and things for outdoors: each drawn through a Pen in its own units (base 0, top 1)."""

from __future__ import annotations

from kie.simulator.art.drawings.kitchen import basket
from kie.simulator.art.drawings.parts import WHITE, WOOD
from kie.simulator.art.pen import RGB, Pen, darker, lighter


def notebook(p: Pen, c: RGB) -> None:
    """A spiral notebook, open to a lined page."""
    p.rect(-0.44, 0.0, 0.44, 0.62, c, radius=0.02)
    p.rect(-0.4, 0.03, 0.4, 0.6, (252, 250, 242), edge=False)
    for k in range(6):
        v = 0.1 + k * 0.08
        p.line([(-0.34, v), (0.36, v)], (170, 200, 230), 0.006)
    p.line([(-0.28, 0.03), (-0.28, 0.6)], (230, 120, 120), 0.006)
    for k in range(7):
        p.arc(-0.42, 0.07 + k * 0.08, 0.03, 90, 270, (120, 120, 130), 0.012)


def pen(p: Pen, c: RGB) -> None:
    """A pen at a slant."""
    p.line([(-0.45, 0.05), (0.35, 0.45)], c, 0.07)
    p.line([(0.2, 0.38), (0.3, 0.36)], (200, 200, 210), 0.02)
    p.poly([(0.35, 0.48), (0.5, 0.5), (0.38, 0.41)], (60, 60, 70))


def pencil(p: Pen, c: RGB) -> None:
    """A pencil at a slant."""
    p.line([(-0.45, 0.05), (0.3, 0.42)], c, 0.08)
    p.line([(-0.45, 0.05), (-0.38, 0.085)], (240, 150, 160), 0.08)
    p.poly([(0.28, 0.47), (0.5, 0.52), (0.33, 0.36)], (240, 210, 160))
    p.poly([(0.44, 0.505), (0.5, 0.52), (0.46, 0.47)], (60, 60, 60), edge=False)


def envelope(p: Pen, c: RGB) -> None:
    """A letter in its envelope, with a stamp."""
    p.rect(-0.5, 0.0, 0.5, 0.66, c, radius=0.02)
    p.poly([(-0.5, 0.66), (0.0, 0.3), (0.5, 0.66)], darker(c, 0.08))
    p.rect(0.28, 0.44, 0.42, 0.6, (220, 70, 70), edge=False)


def gift(p: Pen, c: RGB) -> None:
    """A present wrapped with a ribbon and a bow."""
    ribbon = (250, 215, 80) if c[0] > 150 and c[1] < 150 else (220, 50, 60)
    p.rect(-0.42, 0.0, 0.42, 0.6, c)
    p.rect(-0.46, 0.56, 0.46, 0.72, lighter(c, 0.1))
    p.rect(-0.06, 0.0, 0.06, 0.72, ribbon, edge=False)
    for side in (-1, 1):
        p.oval(side * 0.14, 0.8, 0.14, 0.08, ribbon)
    p.oval(0, 0.77, 0.05, 0.05, darker(ribbon, 0.15))


def key(p: Pen, c: RGB) -> None:
    """A key."""
    p.arc(-0.3, 0.3, 0.18, 0, 360, c, 0.07)
    p.line([(-0.12, 0.3), (0.48, 0.3)], c, 0.07)
    for u in (0.3, 0.42):
        p.line([(u, 0.3), (u, 0.16)], c, 0.05)


def globe(p: Pen, c: RGB) -> None:
    """A globe on a stand."""
    p.oval(0, 0.03, 0.22, 0.04, WOOD)
    p.line([(0.0, 0.04), (0.0, 0.2)], WOOD, 0.04)
    p.arc(0.0, 0.56, 0.42, -120, 120, (200, 160, 60), 0.02)
    p.oval(0, 0.56, 0.36, 0.36, c)
    for u, v, rx, ry in ((-0.12, 0.66, 0.14, 0.1), (0.14, 0.46, 0.1, 0.14), (-0.18, 0.4, 0.06, 0.08)):
        p.oval(u, v, rx, ry, (110, 180, 90), edge=False)


def trophy(p: Pen, c: RGB) -> None:
    """A trophy cup."""
    p.rect(-0.24, 0.0, 0.24, 0.12, darker(WOOD, 0.1))
    p.rect(-0.05, 0.12, 0.05, 0.36, c, edge=False)
    for side in (-1, 1):
        p.arc(side * 0.3, 0.7, 0.12, 90 if side > 0 else -90, 270 if side < 0 else 90, c, 0.035)
    p.poly([(-0.32, 0.92), (0.32, 0.92), (0.22, 0.5), (0.0, 0.36), (-0.22, 0.5)], c)
    p.star(0.0, 0.68, 0.1, lighter(c, 0.5))


def flag(p: Pen, c: RGB) -> None:
    """A flag on its pole."""
    p.line([(-0.4, 0.0), (-0.4, 1.0)], (120, 110, 100), 0.03)
    p.poly([(-0.38, 0.96), (0.2, 0.92), (0.5, 0.98), (0.5, 0.58), (0.2, 0.52), (-0.38, 0.56)], c)
    p.poly([(-0.38, 0.8), (0.5, 0.84), (0.5, 0.72), (-0.38, 0.68)], lighter(c, 0.6), edge=False)


def sword(p: Pen, c: RGB) -> None:
    """A sword standing on its point."""
    p.poly([(-0.05, 0.7), (0.05, 0.7), (0.05, 0.08), (0.0, 0.0), (-0.05, 0.08)], c)
    p.rect(-0.2, 0.7, 0.2, 0.76, (200, 160, 60))
    p.rect(-0.035, 0.76, 0.035, 0.94, darker(WOOD, 0.1), edge=False)
    p.oval(0.0, 0.96, 0.05, 0.05, (200, 160, 60))


def bucket(p: Pen, c: RGB) -> None:
    """A bucket with a handle."""
    p.arc(0.0, 0.7, 0.3, 10, 170, (120, 120, 130), 0.025)
    p.poly([(-0.36, 0.7), (0.36, 0.7), (0.28, 0.0), (-0.28, 0.0)], c)
    p.oval(0, 0.7, 0.36, 0.06, darker(c, 0.2))


def wateringcan(p: Pen, c: RGB) -> None:
    """A watering can."""
    p.poly([(0.2, 0.2), (0.5, 0.6), (0.54, 0.56), (0.28, 0.12)], c)
    p.rect(0.46, 0.56, 0.56, 0.64, darker(c, 0.2), radius=0.02)
    p.arc(-0.1, 0.5, 0.18, 30, 150, darker(c, 0.15), 0.04)
    p.rect(-0.32, 0.0, 0.22, 0.5, c, radius=0.05)


def shovel(p: Pen, c: RGB) -> None:
    """A garden spade."""
    p.line([(0.0, 0.3), (0.0, 0.92)], WOOD, 0.04)
    p.rect(-0.1, 0.9, 0.1, 0.96, darker(WOOD, 0.2), radius=0.02)
    p.poly([(-0.16, 0.32), (0.16, 0.32), (0.14, 0.08), (0.0, 0.0), (-0.14, 0.08)], c)


def hammer(p: Pen, c: RGB) -> None:
    """A hammer."""
    p.rect(-0.04, 0.0, 0.04, 0.75, WOOD, radius=0.02)
    p.poly([(-0.3, 0.7), (0.2, 0.7), (0.3, 0.76), (0.2, 0.9), (-0.3, 0.9)], c)


def scissors(p: Pen, c: RGB) -> None:
    """A pair of scissors."""
    p.poly([(-0.02, 0.4), (0.06, 1.0), (0.08, 0.4)], (200, 204, 212))
    p.poly([(0.02, 0.4), (-0.06, 1.0), (-0.08, 0.4)], (180, 184, 192))
    for side in (-1, 1):
        p.arc(side * 0.14, 0.2, 0.13, 0, 360, c, 0.05)


def paintbrush(p: Pen, c: RGB) -> None:
    """A paintbrush dipped in paint."""
    p.line([(-0.45, 0.0), (0.2, 0.6)], WOOD, 0.05)
    p.poly([(0.16, 0.58), (0.24, 0.66), (0.36, 0.82), (0.42, 0.9), (0.34, 0.72), (0.22, 0.54)], c)


def fishingrod(p: Pen, c: RGB) -> None:
    """A fishing rod with its reel and line."""
    p.line([(-0.5, 0.0), (0.4, 1.0)], c, 0.02)
    p.oval(-0.38, 0.16, 0.05, 0.05, (120, 120, 130))
    p.line([(0.4, 1.0), (0.46, 0.2)], (200, 200, 210), 0.006)
    p.oval(0.46, 0.18, 0.03, 0.03, (230, 60, 60), edge=False)


def campfire(p: Pen, c: RGB) -> None:
    """A campfire: logs and flames."""
    p.line([(-0.4, 0.04), (0.4, 0.16)], WOOD, 0.08)
    p.line([(-0.4, 0.16), (0.4, 0.04)], darker(WOOD, 0.2), 0.08)
    p.poly([(-0.3, 0.1), (-0.22, 0.5), (-0.1, 0.36), (0.0, 0.8), (0.1, 0.4), (0.22, 0.55), (0.3, 0.1)], c)
    p.poly([(-0.14, 0.1), (-0.06, 0.36), (0.02, 0.5), (0.08, 0.3), (0.14, 0.1)], (255, 220, 90), edge=False)
    for u, v in ((-0.15, 0.7), (0.2, 0.8), (0.05, 0.95)):
        p.oval(u, v, 0.015, 0.015, (255, 200, 80), edge=False)


def picnic(p: Pen, c: RGB) -> None:
    """A picnic: a checked blanket with a basket, a bottle and fruit."""
    p.poly([(-0.5, 0.0), (0.5, 0.0), (0.36, 0.22), (-0.36, 0.22)], WHITE)
    for k in range(5):
        u0 = -0.5 + k * 0.2
        p.poly([(u0, 0.0), (u0 + 0.1, 0.0), (u0 * 0.72 + 0.07, 0.22), (u0 * 0.72, 0.22)], c, edge=False)
    for v in (0.06, 0.15):
        p.rect(-0.46 + v * 0.5, v, 0.46 - v * 0.5, v + 0.04, lighter(c, 0.2), edge=False)
    b = p.sub(-0.1, 0.08, 0.36)
    basket(b, (200, 150, 90))
    p.rect(0.18, 0.1, 0.24, 0.36, (90, 150, 90), radius=0.02)
    p.rect(0.195, 0.36, 0.225, 0.42, (90, 150, 90), edge=False)
    p.oval(0.34, 0.14, 0.05, 0.05, (210, 40, 45))
    p.oval(0.28, 0.1, 0.045, 0.045, (240, 150, 40))


def crate(p: Pen, c: RGB, label: str = "") -> None:
    """A parcel with a paper tag: the stand-in for a thing the pictures cannot draw, the tag naming it."""
    p.poly([(-0.5, 0.62), (-0.3, 0.8), (0.5, 0.8), (0.3, 0.62)], lighter(c, 0.18))
    p.poly([(0.3, 0.0), (0.5, 0.18), (0.5, 0.8), (0.3, 0.62)], darker(c, 0.15))
    p.rect(-0.5, 0.0, 0.3, 0.62, c)
    p.poly([(-0.14, 0.62), (0.06, 0.8), (0.14, 0.8), (-0.06, 0.62)], darker(c, 0.2), edge=False)
    p.rect(-0.14, 0.42, -0.06, 0.62, darker(c, 0.2), edge=False)
    p.rect(-0.42, 0.14, 0.22, 0.38, (252, 250, 242), radius=0.02)
    if label:
        size = min(0.16, 0.6 / max(3, len(label)) * 1.7)
        p.text(-0.1, 0.26, size, label, (50, 48, 60))
    else:
        p.text(-0.1, 0.26, 0.18, "?", (50, 48, 60))

