"""Vehicles: each drawn through a Pen in its own units (base 0, top 1)."""

from __future__ import annotations

from kie.simulator.art.drawings.parts import BLACK, WHITE, WOOD, windows
from kie.simulator.art.pen import RGB, Pen, darker, lighter, mix


def wheel(p: Pen, u: float, v: float, r: float) -> None:
    """A tyre with its hub."""
    p.oval(u, v, r, r, (40, 40, 46))
    p.oval(u, v, r * 0.5, r * 0.5, (190, 190, 200), edge=False)


def car(p: Pen, c: RGB) -> None:
    """A car, drawn in its own units (base 0, top 1)."""
    p.poly([(-0.5, 0.12), (-0.5, 0.34), (-0.3, 0.38), (-0.16, 0.56), (0.18, 0.56), (0.32, 0.38), (0.5, 0.34),
            (0.5, 0.12)], c)
    p.poly([(-0.13, 0.4), (-0.12, 0.52), (0.0, 0.52), (0.0, 0.4)], (180, 215, 240), edge=False)
    p.poly([(0.04, 0.4), (0.04, 0.52), (0.16, 0.52), (0.26, 0.4)], (180, 215, 240), edge=False)
    p.poly([(-0.27, 0.4), (-0.16, 0.52), (-0.16, 0.4)], (180, 215, 240), edge=False)
    p.rect(0.45, 0.26, 0.5, 0.3, (255, 230, 140), edge=False)
    p.rect(-0.5, 0.25, -0.46, 0.3, (220, 60, 50), edge=False)
    p.line([(-0.5, 0.22), (0.5, 0.22)], darker(c, 0.25), 0.01)
    wheel(p, -0.3, 0.12, 0.12)
    wheel(p, 0.3, 0.12, 0.12)


def bus(p: Pen, c: RGB) -> None:
    """A bus, drawn in its own units (base 0, top 1)."""
    p.rect(-0.5, 0.1, 0.5, 0.62, c, radius=0.06)
    windows(p, -0.44, 0.36, 0.36, 0.56, 5, 1, (180, 215, 240), darker(c, 0.2))
    p.rect(0.38, 0.16, 0.48, 0.56, (180, 215, 240), edge=False)
    p.rect(-0.5, 0.24, 0.5, 0.28, WHITE, edge=False)
    wheel(p, -0.3, 0.1, 0.1)
    wheel(p, 0.3, 0.1, 0.1)


def bicycle(p: Pen, c: RGB) -> None:
    """A bicycle, drawn in its own units (base 0, top 1)."""
    tyre = (40, 40, 46)
    for u in (-0.3, 0.3):
        p.arc(u, 0.2, 0.19, 0, 360, tyre, 0.035)
        p.oval(u, 0.2, 0.025, 0.025, tyre, edge=False)
    frame = [(-0.3, 0.2), (-0.06, 0.2), (0.2, 0.48), (-0.12, 0.48), (-0.3, 0.2)]
    p.line(frame, c, 0.03)
    p.line([(-0.06, 0.2), (-0.14, 0.56)], c, 0.03)
    p.line([(0.3, 0.2), (0.2, 0.48), (0.18, 0.6)], c, 0.03)
    p.line([(0.12, 0.62), (0.24, 0.6)], BLACK, 0.025)
    p.rect(-0.22, 0.56, -0.06, 0.6, BLACK, radius=0.02)


def boat(p: Pen, c: RGB) -> None:
    """A boat, drawn in its own units (base 0, top 1)."""
    sail = WHITE if c != WHITE else (235, 120, 80)
    p.line([(0.0, 0.26), (0.0, 1.0)], darker(WOOD, 0.2), 0.02)
    p.poly([(0.02, 0.98), (0.02, 0.32), (0.42, 0.32)], sail)
    p.poly([(-0.02, 0.9), (-0.02, 0.34), (-0.32, 0.34)], mix(sail, (200, 200, 210), 0.3))
    p.poly([(-0.5, 0.3), (0.5, 0.3), (0.36, 0.08), (-0.36, 0.08)], c)
    p.rect(-0.45, 0.24, 0.45, 0.28, darker(c, 0.3), edge=False)


def ship(p: Pen, c: RGB) -> None:
    """A ship, drawn in its own units (base 0, top 1)."""
    p.rect(-0.2, 0.36, 0.3, 0.56, WHITE)
    p.rect(-0.12, 0.56, 0.22, 0.68, WHITE)
    for u in (-0.1, 0.12):
        p.rect(u, 0.64, u + 0.1, 0.9, (220, 80, 50))
        p.rect(u, 0.84, u + 0.1, 0.9, BLACK, edge=False)
    windows(p, -0.18, 0.4, 0.28, 0.52, 8, 1, (90, 140, 200), WHITE)
    p.poly([(-0.5, 0.38), (0.56, 0.38), (0.44, 0.04), (-0.44, 0.04)], c)
    p.rect(-0.48, 0.2, 0.52, 0.24, WHITE, edge=False)
    for u in (-0.3, -0.1, 0.1, 0.3):
        p.oval(u, 0.3, 0.02, 0.02, lighter(c, 0.6), edge=False)


def train(p: Pen, c: RGB) -> None:
    """A train, drawn in its own units (base 0, top 1)."""
    p.rect(-0.5, 0.0, 0.5, 0.03, (90, 80, 70), edge=False)
    for u0 in (-0.5, -0.2):
        p.rect(u0, 0.1, u0 + 0.28, 0.5, darker(c, 0.1), radius=0.03)
        windows(p, u0 + 0.02, 0.3, u0 + 0.26, 0.46, 3, 1, (250, 225, 150), darker(c, 0.3))
        wheel(p, u0 + 0.07, 0.08, 0.06)
        wheel(p, u0 + 0.21, 0.08, 0.06)
    p.rect(0.12, 0.1, 0.42, 0.4, c, radius=0.04)
    p.rect(0.1, 0.4, 0.26, 0.62, c)
    p.rect(0.08, 0.62, 0.28, 0.66, BLACK)
    p.rect(0.14, 0.46, 0.22, 0.56, (250, 225, 150), edge=False)
    p.rect(0.32, 0.4, 0.38, 0.56, BLACK)
    p.poly([(0.42, 0.1), (0.5, 0.1), (0.42, 0.24)], darker(c, 0.4))
    for u, v, r in ((0.36, 0.66, 0.05), (0.3, 0.76, 0.07), (0.2, 0.86, 0.09)):
        p.oval(u, v, r, r * 0.8, (235, 235, 240), edge=False)
    wheel(p, 0.2, 0.1, 0.08)
    wheel(p, 0.36, 0.1, 0.08)


def plane(p: Pen, c: RGB) -> None:
    """A plane, drawn in its own units (base 0, top 1)."""
    body = WHITE if c == WOOD else c
    p.poly([(-0.05, 0.5), (0.16, 0.5), (-0.2, 0.06), (-0.3, 0.06)], darker(body, 0.12))  # far wing
    p.poly([(-0.48, 0.56), (-0.4, 0.84), (-0.3, 0.84), (-0.26, 0.56)], (200, 60, 60))
    p.rect(-0.5, 0.42, 0.44, 0.6, body, radius=0.09)
    p.poly([(0.44, 0.42), (0.56, 0.48), (0.44, 0.6)], body)
    windows(p, -0.3, 0.5, 0.34, 0.57, 10, 1, (80, 120, 180), body)
    p.poly([(-0.05, 0.48), (0.16, 0.48), (-0.1, 0.96), (-0.2, 0.96)], lighter(body, 0.1))
    p.poly([(-0.5, 0.5), (-0.56, 0.64), (-0.42, 0.56)], body)


def balloon(p: Pen, c: RGB) -> None:
    """A balloon, drawn in its own units (base 0, top 1)."""
    stripe = (250, 215, 80) if c != (250, 215, 80) else (220, 70, 60)
    p.line([(-0.2, 0.36), (-0.09, 0.16)], darker(WOOD, 0.2), 0.01)
    p.line([(0.2, 0.36), (0.09, 0.16)], darker(WOOD, 0.2), 0.01)
    p.oval(0, 0.64, 0.37, 0.36, c)
    for du in (-0.18, 0.18):
        p.oval(du * 0.9, 0.64, 0.07, 0.35, stripe, edge=False)
    p.poly([(-0.27, 0.4), (0.27, 0.4), (0.1, 0.26), (-0.1, 0.26)], c)
    p.rect(-0.1, 0.04, 0.1, 0.16, WOOD, radius=0.02)


def rocket(p: Pen, c: RGB) -> None:
    """A rocket, drawn in its own units (base 0, top 1)."""
    body = WHITE if c == WOOD else c
    p.poly([(-0.08, 0.16), (0.0, -0.05), (0.08, 0.16)], (250, 170, 50), edge=False)
    p.poly([(-0.05, 0.16), (0.0, 0.02), (0.05, 0.16)], (255, 235, 140), edge=False)
    p.poly([(-0.14, 0.2), (-0.26, 0.12), (-0.22, 0.38), (-0.14, 0.44)], (210, 60, 60))
    p.poly([(0.14, 0.2), (0.26, 0.12), (0.22, 0.38), (0.14, 0.44)], (210, 60, 60))
    p.rect(-0.14, 0.18, 0.14, 0.74, body, radius=0.06)
    p.poly([(-0.14, 0.72), (0.0, 1.0), (0.14, 0.72)], (210, 60, 60))
    p.oval(0, 0.58, 0.07, 0.07, (120, 180, 230))
    p.rect(-0.14, 0.28, 0.14, 0.31, darker(body, 0.2), edge=False)


def motorbike(p: Pen, c: RGB) -> None:
    """A motorbike."""
    tyre = (40, 40, 46)
    for u in (-0.32, 0.32):
        p.oval(u, 0.18, 0.17, 0.17, tyre)
        p.oval(u, 0.18, 0.08, 0.08, (190, 190, 200), edge=False)
    p.line([(0.32, 0.18), (0.22, 0.56)], (150, 150, 160), 0.03)
    p.line([(0.18, 0.6), (0.3, 0.6)], BLACK, 0.03)
    p.poly([(-0.3, 0.36), (0.2, 0.4), (0.24, 0.5), (-0.04, 0.5), (-0.2, 0.46)], c)
    p.rect(-0.36, 0.44, -0.04, 0.5, BLACK, radius=0.02)
    p.rect(-0.1, 0.2, 0.12, 0.36, (120, 120, 130), radius=0.03)
    p.line([(-0.32, 0.18), (-0.08, 0.26)], (150, 150, 160), 0.03)
    p.rect(0.24, 0.44, 0.3, 0.5, (255, 230, 140), edge=False)


def scooter(p: Pen, c: RGB) -> None:
    """A kick scooter."""
    for u in (-0.36, 0.36):
        p.oval(u, 0.08, 0.08, 0.08, (40, 40, 46))
    p.rect(-0.38, 0.1, 0.3, 0.16, c, radius=0.03)
    p.line([(0.34, 0.1), (0.28, 0.86)], c, 0.03)
    p.line([(0.18, 0.86), (0.38, 0.86)], BLACK, 0.035)


def truck(p: Pen, c: RGB) -> None:
    """A lorry: a cab and a box."""
    p.rect(-0.5, 0.12, 0.18, 0.7, lighter(c, 0.55), radius=0.02)
    p.poly([(0.2, 0.12), (0.2, 0.56), (0.36, 0.56), (0.5, 0.36), (0.5, 0.12)], c)
    p.poly([(0.26, 0.4), (0.26, 0.52), (0.35, 0.52), (0.44, 0.4)], (180, 215, 240), edge=False)
    p.rect(0.46, 0.2, 0.5, 0.26, (255, 230, 140), edge=False)
    for u in (-0.36, -0.18, 0.34):
        wheel(p, u, 0.1, 0.1)


def tractor(p: Pen, c: RGB) -> None:
    """A farm tractor with a big back wheel."""
    p.rect(-0.1, 0.3, 0.42, 0.52, c, radius=0.03)
    p.rect(-0.34, 0.34, 0.0, 0.9, c, radius=0.02)
    p.rect(-0.3, 0.56, -0.04, 0.84, (180, 215, 240), edge=False)
    p.rect(0.3, 0.52, 0.35, 0.7, (80, 80, 90), edge=False)
    wheel(p, -0.22, 0.26, 0.26)
    wheel(p, 0.3, 0.14, 0.14)


def helicopter(p: Pen, c: RGB) -> None:
    """A helicopter."""
    p.line([(-0.5, 0.96), (0.5, 0.96)], (60, 60, 70), 0.025)
    p.rect(-0.02, 0.82, 0.04, 0.96, (60, 60, 70), edge=False)
    p.line([(-0.5, 0.64), (-0.1, 0.58)], c, 0.06)
    p.line([(-0.54, 0.74), (-0.46, 0.56)], (60, 60, 70), 0.02)
    p.oval(0.12, 0.6, 0.3, 0.22, c)
    p.poly([(0.12, 0.8), (0.34, 0.74), (0.4, 0.6), (0.16, 0.6)], (180, 215, 240), edge=False)
    for u in (-0.04, 0.3):
        p.line([(u, 0.38), (u, 0.3)], (60, 60, 70), 0.02)
    p.line([(-0.12, 0.3), (0.42, 0.3)], (60, 60, 70), 0.025)


def submarine(p: Pen, c: RGB) -> None:
    """A submarine with portholes and a periscope."""
    p.rect(-0.5, 0.1, 0.46, 0.5, c, radius=0.2)
    p.rect(-0.1, 0.46, 0.16, 0.7, c, radius=0.04)
    p.line([(0.06, 0.7), (0.06, 0.88), (0.14, 0.88)], darker(c, 0.3), 0.025)
    for u in (-0.3, -0.1, 0.1, 0.3):
        p.oval(u, 0.3, 0.05, 0.05, (180, 215, 240))
    p.poly([(-0.5, 0.3), (-0.62, 0.44), (-0.62, 0.16)], darker(c, 0.15))


def taxi(p: Pen, c: RGB) -> None:
    """A taxi: a yellow car with its sign on the roof."""
    car(p, c)
    p.rect(-0.06, 0.56, 0.08, 0.64, (40, 40, 46), radius=0.01)
    p.rect(-0.5, 0.16, 0.5, 0.2, BLACK, edge=False)


def firetruck(p: Pen, c: RGB) -> None:
    """A fire engine with its ladder."""
    p.rect(-0.5, 0.12, 0.2, 0.52, c, radius=0.02)
    p.poly([(0.2, 0.12), (0.2, 0.62), (0.36, 0.62), (0.5, 0.4), (0.5, 0.12)], c)
    p.poly([(0.26, 0.44), (0.26, 0.56), (0.35, 0.56), (0.44, 0.44)], (180, 215, 240), edge=False)
    p.rect(0.26, 0.62, 0.32, 0.68, (80, 140, 240), edge=False)
    p.line([(-0.46, 0.6), (0.16, 0.68)], (200, 200, 210), 0.02)
    p.line([(-0.46, 0.54), (0.16, 0.62)], (200, 200, 210), 0.02)
    for k in range(7):
        u = -0.42 + k * 0.09
        p.line([(u, 0.55 + k * 0.011), (u, 0.61 + k * 0.011)], (200, 200, 210), 0.012)
    p.rect(-0.5, 0.26, 0.2, 0.3, WHITE, edge=False)
    for u in (-0.34, 0.34):
        wheel(p, u, 0.1, 0.1)
