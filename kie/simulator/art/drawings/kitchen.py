"""Tableware and kitchen things: each drawn through a Pen in its own units (base 0, top 1)."""

from __future__ import annotations

from kie.simulator.art.drawings.parts import WOOD
from kie.simulator.art.pen import RGB, Pen, darker, lighter

STEEL = (200, 204, 212)


def chopsticks(p: Pen, c: RGB) -> None:
    """A pair of chopsticks lying across at a slant."""
    p.line([(-0.5, 0.0), (0.5, 0.2)], c, 0.04)
    p.line([(-0.5, 0.08), (0.5, 0.3)], darker(c, 0.12), 0.04)
    p.line([(0.3, 0.15), (0.5, 0.2)], darker(c, 0.35), 0.045)
    p.line([(0.3, 0.25), (0.5, 0.3)], darker(c, 0.35), 0.045)


def fork(p: Pen, c: RGB) -> None:
    """A fork standing on its handle."""
    p.rect(-0.04, 0.0, 0.04, 0.55, c, radius=0.03)
    p.rect(-0.13, 0.55, 0.13, 0.66, c, radius=0.04)
    for u in (-0.11, -0.037, 0.037, 0.11):
        p.rect(u - 0.022, 0.64, u + 0.022, 1.0, c, radius=0.01)


def knife(p: Pen, c: RGB) -> None:
    """A table knife standing on its handle."""
    p.rect(-0.05, 0.0, 0.05, 0.4, darker(c, 0.15), radius=0.03)
    p.poly([(-0.05, 0.4), (0.07, 0.4), (0.07, 0.9), (0.0, 1.0), (-0.05, 0.95)], c)


def spoon(p: Pen, c: RGB) -> None:
    """A spoon standing on its handle."""
    p.rect(-0.04, 0.0, 0.04, 0.62, c, radius=0.03)
    p.oval(0, 0.8, 0.14, 0.2, c)
    p.oval(-0.03, 0.84, 0.05, 0.09, lighter(c, 0.4), edge=False)


def pan(p: Pen, c: RGB) -> None:
    """A frying pan with its long handle."""
    p.rect(0.3, 0.14, 0.5, 0.2, darker(c, 0.1), radius=0.03)
    p.poly([(-0.32, 0.24), (0.32, 0.24), (0.26, 0.0), (-0.26, 0.0)], c)
    p.oval(0, 0.24, 0.32, 0.05, darker(c, 0.35))


def pot(p: Pen, c: RGB) -> None:
    """A cooking pot with a lid and handles."""
    for side in (-1, 1):
        p.rect(side * 0.38, 0.4, side * 0.48, 0.46, darker(c, 0.2), radius=0.02)
    p.rect(-0.38, 0.0, 0.38, 0.52, c, radius=0.04)
    p.oval(0, 0.54, 0.4, 0.07, lighter(c, 0.15))
    p.oval(0, 0.62, 0.06, 0.04, darker(c, 0.3))
    for u in (-0.1, 0.1):
        p.line([(u, 0.7), (u + 0.04, 0.8), (u - 0.02, 0.9)], (235, 235, 235), 0.02)


def basket(p: Pen, c: RGB) -> None:
    """A wicker basket with a handle (a picnic basket)."""
    p.arc(0.0, 0.42, 0.36, 10, 170, darker(c, 0.15), 0.045)
    p.poly([(-0.48, 0.5), (0.48, 0.5), (0.38, 0.0), (-0.38, 0.0)], c)
    for v in (0.12, 0.25, 0.38):
        p.line([(-0.44, v), (0.44, v)], darker(c, 0.25), 0.015)
    p.rect(-0.5, 0.46, 0.5, 0.54, (220, 60, 60), edge=False)
    for u in (-0.3, -0.1, 0.1, 0.3):
        p.rect(u, 0.46, u + 0.1, 0.5, (250, 245, 240), edge=False)


def lunchbox(p: Pen, c: RGB) -> None:
    """A lunchbox, its lid open behind it."""
    p.poly([(-0.48, 0.38), (0.48, 0.38), (0.42, 0.8), (-0.42, 0.8)], lighter(c, 0.15))
    p.rect(-0.5, 0.0, 0.5, 0.4, c, radius=0.06)
    p.rect(-0.46, 0.3, 0.46, 0.38, darker(c, 0.2), edge=False)
    p.rect(-0.06, 0.38, 0.06, 0.46, darker(c, 0.3), radius=0.02)


def jar(p: Pen, c: RGB) -> None:
    """A jar of jam or honey with a cloth lid."""
    p.rect(-0.3, 0.0, 0.3, 0.7, c, radius=0.08)
    p.rect(-0.22, 0.2, 0.22, 0.45, (250, 245, 230), edge=False)
    p.poly([(-0.36, 0.72), (0.36, 0.72), (0.3, 0.86), (-0.3, 0.86)], (220, 80, 80))
    for u in (-0.2, 0.0, 0.2):
        p.rect(u - 0.04, 0.74, u + 0.04, 0.84, (250, 240, 240), edge=False)
    p.rect(-0.25, 0.05, -0.18, 0.65, lighter(c, 0.4), edge=False)


def board(p: Pen, c: RGB) -> None:
    """A wooden cutting board."""
    p.rect(-0.5, 0.0, 0.5, 0.12, c, radius=0.04)
    p.oval(0.42, 0.06, 0.025, 0.025, darker(c, 0.4), edge=False)
    p.line([(-0.4, 0.06), (0.3, 0.07)], darker(c, 0.15), 0.01)


def kettle(p: Pen, c: RGB) -> None:
    """A stovetop kettle."""
    p.poly([(0.3, 0.25), (0.52, 0.5), (0.5, 0.56), (0.34, 0.4)], c)
    p.arc(0.0, 0.62, 0.22, 10, 170, darker(c, 0.3), 0.04)
    p.poly([(-0.36, 0.0), (0.36, 0.0), (0.28, 0.52), (-0.28, 0.52)], c)
    p.oval(0, 0.54, 0.2, 0.05, darker(c, 0.15))
    p.oval(0, 0.6, 0.05, 0.04, WOOD)
    p.rect(-0.34, 0.1, 0.34, 0.14, lighter(c, 0.4), edge=False)
