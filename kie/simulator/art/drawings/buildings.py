"""Buildings: each drawn through a Pen in its own units (base 0, top 1)."""

from __future__ import annotations

import math

from kie.simulator.art.drawings.parts import BLACK, WHITE, WOOD, windows
from kie.simulator.art.pen import RGB, Pen, darker, lighter


def house(p: Pen, c: RGB) -> None:
    """A house, drawn in its own units (base 0, top 1)."""
    wall = c
    roof = (170, 70, 55) if c != (170, 70, 55) else (90, 70, 70)
    p.rect(0.2, 0.62, 0.3, 0.94, darker(roof, 0.2))  # chimney
    p.rect(-0.42, 0, 0.42, 0.56, wall)
    p.rect(0.02, 0, 0.42, 0.56, darker(wall, 0.1), edge=False)
    p.poly([(-0.52, 0.54), (0.0, 0.92), (0.52, 0.54)], roof)
    p.rect(-0.1, 0, 0.1, 0.3, darker(WOOD, 0.1))
    p.oval(0.06, 0.15, 0.015, 0.015, (230, 200, 90), edge=False)
    for u in (-0.3, 0.22):
        p.rect(u, 0.28, u + 0.14, 0.44, (250, 220, 130))
        p.line([(u + 0.07, 0.28), (u + 0.07, 0.44)], darker(wall, 0.3), 0.012)
    p.oval(0.0, 0.68, 0.06, 0.06, (250, 220, 130))


def lighthouse(p: Pen, c: RGB) -> None:
    """A lighthouse, drawn in its own units (base 0, top 1)."""
    rock = (110, 105, 100)
    p.poly([(-0.5, 0), (-0.42, 0.1), (-0.2, 0.14), (0.2, 0.13), (0.45, 0.08), (0.5, 0)], rock)
    stripe = c if c != WHITE else (200, 50, 50)
    p.poly([(-0.16, 0.12), (-0.1, 0.74), (0.1, 0.74), (0.16, 0.12)], WHITE)
    for k in range(3):
        lo, hi = 0.18 + k * 0.2, 0.28 + k * 0.2
        p.poly([(-0.16 + 0.06 * (lo - 0.12) / 0.62, lo), (-0.16 + 0.06 * (hi - 0.12) / 0.62, hi),
                (0.16 - 0.06 * (hi - 0.12) / 0.62, hi), (0.16 - 0.06 * (lo - 0.12) / 0.62, lo)], stripe, edge=False)
    p.rect(-0.15, 0.74, 0.15, 0.77, BLACK)
    p.rect(-0.08, 0.77, 0.08, 0.88, (255, 230, 140))
    p.poly([(-0.11, 0.88), (0.0, 0.98), (0.11, 0.88)], stripe)
    p.rect(-0.03, 0.3, 0.03, 0.38, darker(WHITE, 0.4), edge=False)


def castle(p: Pen, c: RGB) -> None:
    """A castle, drawn in its own units (base 0, top 1)."""
    stone, roof = c, (70, 80, 140)
    p.rect(-0.42, 0, 0.42, 0.5, stone)
    for i in range(7):
        u = -0.42 + i * 0.14
        p.rect(u, 0.5, u + 0.08, 0.56, stone, edge=False)
    for u in (-0.5, 0.5):
        p.rect(u - 0.12, 0, u + 0.12, 0.72, darker(stone, 0.08))
        p.poly([(u - 0.15, 0.72), (u, 0.98), (u + 0.15, 0.72)], roof)
        p.rect(u - 0.03, 0.45, u + 0.03, 0.56, (40, 40, 60), radius=0.03)
    p.rect(-0.1, 0.5, 0.1, 0.82, stone)
    p.poly([(-0.13, 0.82), (0, 1.0), (0.13, 0.82)], roof)
    p.rect(-0.1, 0, 0.1, 0.26, (70, 50, 40), radius=0.1)
    p.rect(-0.03, 0.6, 0.03, 0.7, (250, 220, 130), radius=0.03)


def tower(p: Pen, c: RGB) -> None:
    """A tower, drawn in its own units (base 0, top 1)."""
    p.rect(-0.16, 0, 0.16, 0.86, c)
    p.rect(0.04, 0, 0.16, 0.86, darker(c, 0.12), edge=False)
    p.rect(-0.2, 0.82, 0.2, 0.9, c)
    for i in range(4):
        u = -0.2 + i * 0.12
        p.rect(u, 0.9, u + 0.07, 0.97, c, edge=False)
    for v in (0.25, 0.45, 0.65):
        p.rect(-0.03, v, 0.03, v + 0.08, (60, 50, 60), radius=0.03)
    p.rect(-0.07, 0, 0.07, 0.14, darker(WOOD, 0.2), radius=0.07)


def bridge(p: Pen, c: RGB) -> None:
    """A bridge, drawn in its own units (base 0, top 1)."""
    p.rect(-0.5, 0.5, 0.5, 0.6, c)
    p.rect(-0.5, 0.6, 0.5, 0.64, darker(c, 0.2))
    for u in (-0.34, -0.12, 0.12, 0.34):
        p.rect(u - 0.02, 0.6, u + 0.02, 0.72, darker(c, 0.2), edge=False)
    p.line([(-0.5, 0.72), (0.5, 0.72)], darker(c, 0.2), 0.02)
    for u0 in (-0.5, -0.166, 0.166):
        p.poly([(u0, 0.0), (u0, 0.5), (u0 + 0.333, 0.5), (u0 + 0.333, 0.0), (u0 + 0.3, 0.0), (u0 + 0.27, 0.22),
                (u0 + 0.166, 0.36), (u0 + 0.06, 0.22), (u0 + 0.033, 0.0)], darker(c, 0.08))


def barn(p: Pen, c: RGB) -> None:
    """A barn, drawn in its own units (base 0, top 1)."""
    trim = WHITE
    p.poly([(-0.45, 0), (-0.45, 0.52), (-0.36, 0.74), (0.0, 0.92), (0.36, 0.74), (0.45, 0.52), (0.45, 0)], c)
    p.poly([(-0.5, 0.5), (-0.38, 0.76), (0.0, 0.96), (0.38, 0.76), (0.5, 0.5), (0.44, 0.5), (0.34, 0.72),
            (0.0, 0.88), (-0.34, 0.72), (-0.44, 0.5)], darker(c, 0.4))
    p.rect(-0.18, 0, 0.18, 0.4, darker(c, 0.1))
    p.line([(-0.18, 0), (0.18, 0.4)], trim, 0.02)
    p.line([(-0.18, 0.4), (0.18, 0)], trim, 0.02)
    p.rect(-0.08, 0.56, 0.08, 0.7, trim)


def skyscraper(p: Pen, c: RGB) -> None:
    """A skyscraper, drawn in its own units (base 0, top 1)."""
    glass = c
    for u, w, h, shade in ((-0.32, 0.16, 0.62, 0.25), (0.22, 0.16, 0.72, 0.2), (0.0, 0.22, 1.0, 0.0)):
        body = darker(glass, shade)
        p.rect(u - w, 0, u + w, h, body)
        windows(p, u - w + 0.02, 0.04, u + w - 0.02, h - 0.03, 4, int(h * 18), lighter(body, 0.45),
                darker(body, 0.2))
    p.line([(0.0, 1.0), (0.0, 1.08)], darker(glass, 0.4), 0.012)


def windmill(p: Pen, c: RGB) -> None:
    """A windmill, drawn in its own units (base 0, top 1)."""
    p.poly([(-0.2, 0), (-0.12, 0.62), (0.12, 0.62), (0.2, 0)], c)
    p.poly([(-0.15, 0.62), (0.0, 0.76), (0.15, 0.62)], darker(c, 0.35))
    p.rect(-0.05, 0, 0.05, 0.16, darker(WOOD, 0.1), radius=0.05)
    hub = (0.0, 0.66)
    for du, dv in ((0.34, 0.34), (-0.34, 0.34), (0.34, -0.34), (-0.34, -0.34)):
        tip = (hub[0] + du, hub[1] + dv)
        p.poly([hub, (tip[0] + 0.05 * (1 if dv > 0 else -1), tip[1] - 0.05 * (1 if du > 0 else -1)), tip],
               (235, 230, 220))
        p.line([hub, tip], darker(WOOD, 0.2), 0.012)
    p.oval(*hub, 0.03, 0.03, BLACK)


def tent(p: Pen, c: RGB) -> None:
    """A tent, drawn in its own units (base 0, top 1)."""
    p.poly([(-0.5, 0), (0.0, 0.78), (0.5, 0)], c)
    p.poly([(0.0, 0.78), (0.5, 0), (0.2, 0)], darker(c, 0.15), edge=False)
    p.poly([(-0.14, 0), (0.0, 0.5), (0.14, 0)], darker(c, 0.55))
    p.line([(0.0, 0.78), (0.0, 0.88)], WOOD, 0.015)


def church(p: Pen, c: RGB) -> None:
    """A church, drawn in its own units (base 0, top 1)."""
    roof = (110, 80, 80)
    p.rect(-0.45, 0, 0.2, 0.44, c)
    p.poly([(-0.5, 0.42), (-0.12, 0.62), (0.25, 0.42)], roof)
    p.rect(0.12, 0, 0.36, 0.66, lighter(c, 0.05))
    p.poly([(0.1, 0.66), (0.24, 1.0), (0.38, 0.66)], roof)
    p.rect(0.19, 0.46, 0.29, 0.58, (250, 220, 130), radius=0.05)
    for u in (-0.36, -0.2, -0.04):
        p.rect(u, 0.16, u + 0.08, 0.32, (140, 170, 220), radius=0.04)
    p.rect(0.18, 0, 0.3, 0.2, darker(WOOD, 0.2), radius=0.06)


def pyramid(p: Pen, c: RGB) -> None:
    """A pyramid, drawn in its own units (base 0, top 1)."""
    p.poly([(-0.5, 0), (0.06, 0.64), (0.5, 0)], c)
    p.poly([(0.06, 0.64), (0.5, 0), (0.16, 0)], darker(c, 0.25), edge=False)
    for k in range(1, 6):
        v = k * 0.1
        p.line([(-0.5 + v * 0.875, v), (0.06 + (0.1 * (0.64 - v) / 0.64), v)], darker(c, 0.12), 0.006)


def igloo(p: Pen, c: RGB) -> None:
    """An igloo of snow blocks."""
    p.poly([(0.5 * math.cos(a * math.pi / 12), 0.5 * math.sin(a * math.pi / 12)) for a in range(13)], c)
    for v in (0.12, 0.25, 0.37):
        w = (0.25 - (v / 0.5) ** 2 * 0.25) ** 0.5 * 2 * 0.5 + 0.01
        p.line([(-w, v), (w, v)], darker(c, 0.12), 0.01)
    p.rect(0.18, 0.0, 0.48, 0.22, c, radius=0.1)
    p.rect(0.26, 0.0, 0.44, 0.16, (70, 90, 120), radius=0.08)


def shop(p: Pen, c: RGB) -> None:
    """A small shop with a striped awning and a window display."""
    p.rect(-0.46, 0.0, 0.46, 0.82, c)
    p.rect(-0.5, 0.82, 0.5, 0.9, darker(c, 0.2))
    for k in range(6):
        u = -0.5 + k * 0.1667
        p.poly([(u, 0.68), (u + 0.1667, 0.68), (u + 0.1667, 0.56), (u, 0.56)],
               (220, 60, 60) if k % 2 else (250, 245, 240))
    p.rect(-0.38, 0.1, 0.06, 0.5, (180, 215, 240))
    for u in (-0.3, -0.12):
        p.oval(u, 0.16, 0.06, 0.05, (240, 160, 60), edge=False)
    p.rect(0.14, 0.0, 0.36, 0.5, darker(WOOD, 0.1))
    p.rect(-0.2, 0.72, 0.2, 0.8, WHITE, edge=False)


def school(p: Pen, c: RGB) -> None:
    """A school with a clock and a flag."""
    p.rect(-0.5, 0.0, 0.5, 0.5, c)
    p.poly([(-0.2, 0.5), (0.0, 0.78), (0.2, 0.5)], darker(c, 0.25))
    p.rect(-0.2, 0.0, 0.2, 0.5, lighter(c, 0.1))
    p.oval(0.0, 0.6, 0.07, 0.07, WHITE)
    windows(p, -0.48, 0.08, -0.22, 0.46, 2, 2, (180, 215, 240), darker(c, 0.3))
    windows(p, 0.22, 0.08, 0.48, 0.46, 2, 2, (180, 215, 240), darker(c, 0.3))
    p.rect(-0.08, 0.0, 0.08, 0.24, darker(WOOD, 0.1))
    p.line([(0.0, 0.78), (0.0, 1.0)], (120, 120, 130), 0.012)
    p.poly([(0.0, 1.0), (0.14, 0.96), (0.0, 0.92)], (220, 60, 60), edge=False)


def fountain(p: Pen, c: RGB) -> None:
    """A fountain: a basin, a column, falling water."""
    water = (150, 200, 235)
    p.rect(-0.5, 0.0, 0.5, 0.24, c, radius=0.04)
    p.oval(0, 0.24, 0.5, 0.06, water)
    p.rect(-0.05, 0.24, 0.05, 0.6, c, edge=False)
    p.oval(0, 0.6, 0.22, 0.05, c)
    for side in (-1, 1):
        p.arc(side * 0.22, 0.56, 0.2, 90 if side < 0 else 0, 180 if side < 0 else 90, water, 0.025)
    p.line([(0.0, 0.62), (0.0, 0.9)], water, 0.03)
    for side in (-1, 1):
        p.arc(side * 0.1, 0.88, 0.1, 0 if side > 0 else 90, 90 if side > 0 else 180, water, 0.02)


def streetlamp(p: Pen, c: RGB) -> None:
    """A street lamp, lit."""
    p.rect(-0.08, 0.0, 0.08, 0.04, c, edge=False)
    p.line([(0.0, 0.0), (0.0, 0.84)], c, 0.03)
    p.oval(0.0, 0.88, 0.16, 0.12, (255, 240, 180), edge=False)
    p.poly([(-0.1, 0.96), (0.1, 0.96), (0.07, 0.82), (-0.07, 0.82)], (255, 230, 150))
    p.poly([(-0.12, 0.96), (0.12, 0.96), (0.0, 1.0)], c)


def fence(p: Pen, c: RGB) -> None:
    """A wooden picket fence."""
    for v in (0.22, 0.5):
        p.rect(-0.5, v, 0.5, v + 0.06, darker(c, 0.12), edge=False)
    for k in range(7):
        u = -0.45 + k * 0.15
        p.poly([(u - 0.05, 0.0), (u + 0.05, 0.0), (u + 0.05, 0.66), (u, 0.74), (u - 0.05, 0.66)], c)


def swing(p: Pen, c: RGB) -> None:
    """A playground swing."""
    frame = (90, 100, 120)
    for side in (-1, 1):
        p.line([(side * 0.5, 0.0), (side * 0.4, 1.0)], frame, 0.03)
    p.line([(-0.42, 0.98), (0.42, 0.98)], frame, 0.035)
    for u in (-0.14, 0.14):
        p.line([(u, 0.98), (u, 0.3)], (80, 80, 90), 0.01)
    p.rect(-0.18, 0.26, 0.18, 0.32, c)


def mailbox(p: Pen, c: RGB) -> None:
    """A mailbox on a post."""
    p.rect(-0.04, 0.0, 0.04, 0.55, WOOD)
    p.rect(-0.3, 0.52, 0.3, 0.82, c, radius=0.1)
    p.line([(0.22, 0.7), (0.22, 0.95)], (80, 80, 90), 0.02)
    p.rect(0.22, 0.85, 0.36, 0.95, (220, 60, 60), edge=False)


def trafficlight(p: Pen, c: RGB) -> None:
    """A traffic light."""
    p.line([(0.0, 0.0), (0.0, 0.6)], (80, 80, 90), 0.04)
    p.rect(-0.14, 0.56, 0.14, 1.0, c, radius=0.04)
    for v, col in ((0.92, (220, 60, 50)), (0.78, (240, 190, 50)), (0.64, (70, 200, 100))):
        p.oval(0.0, v, 0.06, 0.06, col, edge=False)
