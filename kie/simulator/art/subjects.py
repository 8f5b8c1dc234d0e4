"""The subjects a prompt can name, each drawn in a flat-vector style through a Pen (units: base 0, top 1).

A subject declares its width-to-height ratio (`aspect`), where it belongs (`place`: on the ground, in the sky,
on or in the water, on a table, in the air just above the ground) and its usual colour; a colour word in the
prompt ("a red fox") replaces that colour.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw

from kie.simulator.art.pen import RGB, Pen, darker, lighter, mix

WHITE, BLACK, PINK = (248, 246, 240), (34, 32, 38), (236, 150, 160)
WOOD, LEAF = (122, 80, 48), (70, 150, 70)


@dataclass(frozen=True)
class Subject:
    """How to draw one kind of thing and where it goes."""

    draw: Callable[[Pen, RGB], None]
    aspect: float  # width / height, as designed (the drawing's measured `extents` are what placement uses)
    place: str  # ground, sky, water, table, air
    colour: RGB
    size: float = 1.0  # relative size as a hero (a child is smaller than a castle)


def eye(p: Pen, u: float, v: float, r: float, iris: RGB = BLACK) -> None:
    """An eye with its highlight, centred on (u, v)."""
    p.oval(u, v, r, r, WHITE, edge=False)
    p.oval(u + r * 0.15, v, r * 0.6, r * 0.6, iris, edge=False)
    p.oval(u + r * 0.3, v + r * 0.25, r * 0.2, r * 0.2, WHITE, edge=False)


def legs(p: Pen, xs: tuple[float, ...], top: float, width: float, colour: RGB, foot: RGB | None = None) -> None:
    """Legs standing on the ground at the given places, the far ones a shade darker."""
    for i, u in enumerate(xs):
        c = darker(colour, 0.18) if i % 2 else colour
        p.rect(u - width / 2, 0, u + width / 2, top, c, radius=width / 2)
        if foot:
            p.rect(u - width / 2, 0, u + width / 2, top * 0.22, foot, radius=width / 3)


# -- animals ----------------------------------------------------------------------------------------------

def cat(p: Pen, c: RGB) -> None:
    """A cat, drawn in its own units (base 0, top 1)."""
    light = lighter(c, 0.55)
    p.line([(0.2, 0.06), (0.42, 0.12), (0.46, 0.34), (0.36, 0.48)], darker(c, 0.15), 0.08)  # tail
    p.oval(0, 0.3, 0.3, 0.31, c)
    p.oval(0, 0.26, 0.15, 0.2, light, edge=False)
    p.oval(-0.1, 0.03, 0.09, 0.05, light)
    p.oval(0.1, 0.03, 0.09, 0.05, light)
    for side in (-1, 1):
        p.poly([(side * 0.24, 0.74), (side * 0.2, 0.99), (side * 0.04, 0.84)], c)
        p.poly([(side * 0.2, 0.8), (side * 0.18, 0.93), (side * 0.09, 0.85)], PINK, edge=False)
    p.oval(0, 0.7, 0.25, 0.2, c)
    for side in (-1, 1):
        p.oval(side * 0.1, 0.73, 0.05, 0.055, (120, 190, 90), edge=False)
        p.oval(side * 0.1, 0.73, 0.015, 0.045, BLACK, edge=False)
        for k in (-1, 1):
            p.line([(side * 0.08, 0.64), (side * 0.36, 0.64 + k * 0.035)], lighter(c, 0.8), 0.008)
    p.poly([(-0.035, 0.67), (0.035, 0.67), (0, 0.635)], PINK, edge=False)


def dog(p: Pen, c: RGB) -> None:
    """A dog, drawn in its own units (base 0, top 1)."""
    dark = darker(c, 0.35)
    p.line([(-0.42, 0.52), (-0.55, 0.7), (-0.5, 0.82)], c, 0.07)  # tail up
    legs(p, (-0.33, -0.22, 0.2, 0.31), 0.35, 0.1, c)
    p.rect(-0.46, 0.3, 0.36, 0.6, c, radius=0.14)
    p.oval(0.3, 0.6, 0.13, 0.16, c)  # neck
    p.oval(0.36, 0.75, 0.17, 0.16, c)
    p.rect(0.4, 0.63, 0.6, 0.76, lighter(c, 0.2), radius=0.05)  # muzzle
    p.oval(0.59, 0.73, 0.04, 0.035, BLACK, edge=False)
    p.oval(0.25, 0.72, 0.07, 0.15, dark)  # floppy ear
    eye(p, 0.42, 0.8, 0.03)
    p.rect(0.2, 0.56, 0.36, 0.61, (210, 50, 50), edge=False)  # collar
    p.line([(0.44, 0.64), (0.52, 0.66)], darker(c, 0.5), 0.01)


def fox(p: Pen, c: RGB) -> None:
    """A fox, drawn in its own units (base 0, top 1)."""
    white = WHITE
    p.poly([(-0.3, 0.5), (-0.62, 0.38), (-0.72, 0.18), (-0.55, 0.22), (-0.3, 0.36)], c)  # bushy tail
    p.poly([(-0.66, 0.2), (-0.72, 0.18), (-0.62, 0.3), (-0.58, 0.22)], white, edge=False)
    legs(p, (-0.24, -0.15, 0.18, 0.26), 0.3, 0.07, c, BLACK)
    p.oval(-0.02, 0.42, 0.34, 0.14, c)
    p.poly([(0.18, 0.46), (0.3, 0.66), (0.4, 0.56), (0.3, 0.36)], c)  # neck
    p.oval(0.36, 0.64, 0.12, 0.1, c)
    p.poly([(0.42, 0.6), (0.66, 0.57), (0.44, 0.53)], c)  # snout
    p.poly([(0.44, 0.57), (0.64, 0.565), (0.44, 0.535)], white, edge=False)
    p.oval(0.655, 0.57, 0.025, 0.02, BLACK, edge=False)
    p.poly([(0.28, 0.7), (0.3, 0.86), (0.38, 0.72)], c)
    p.poly([(0.36, 0.71), (0.41, 0.85), (0.45, 0.68)], c)
    p.poly([(0.3, 0.72), (0.31, 0.81), (0.35, 0.73)], BLACK, edge=False)
    p.oval(0.2, 0.36, 0.1, 0.07, white, edge=False)  # chest
    eye(p, 0.42, 0.65, 0.022)


def horse(p: Pen, c: RGB) -> None:
    """A horse, drawn in its own units (base 0, top 1)."""
    mane = darker(c, 0.55)
    p.poly([(-0.4, 0.6), (-0.55, 0.45), (-0.56, 0.22), (-0.48, 0.4), (-0.42, 0.5)], mane)  # tail
    legs(p, (-0.33, -0.24, 0.22, 0.31), 0.45, 0.075, c, darker(c, 0.6))
    p.oval(-0.04, 0.55, 0.42, 0.15, c)
    p.poly([(0.2, 0.6), (0.3, 0.88), (0.44, 0.86), (0.4, 0.5)], c)  # neck
    p.poly([(0.3, 0.9), (0.56, 0.72), (0.6, 0.78), (0.4, 0.96)], c)  # head
    p.oval(0.57, 0.74, 0.05, 0.05, darker(c, 0.2), edge=False)
    p.poly([(0.33, 0.93), (0.34, 1.0), (0.39, 0.95)], c)
    p.poly([(0.22, 0.6), (0.3, 0.9), (0.36, 0.94), (0.26, 0.6)], mane, edge=False)
    eye(p, 0.42, 0.87, 0.022)


def rabbit(p: Pen, c: RGB) -> None:
    """A rabbit, drawn in its own units (base 0, top 1)."""
    p.oval(-0.3, 0.3, 0.1, 0.1, WHITE)  # tail
    p.oval(-0.05, 0.26, 0.3, 0.25, c)
    p.oval(0.1, 0.05, 0.18, 0.05, darker(c, 0.1))  # hind foot
    p.oval(0.28, 0.52, 0.17, 0.15, c)
    for du, tilt in ((-0.02, -0.04), (0.06, 0.04)):
        p.poly([(0.2 + du, 0.6), (0.16 + du + tilt, 0.98), (0.26 + du + tilt, 1.0), (0.3 + du, 0.62)], c)
    p.poly([(0.2, 0.66), (0.19, 0.92), (0.24, 0.93), (0.26, 0.67)], PINK, edge=False)
    eye(p, 0.34, 0.56, 0.03)
    p.oval(0.44, 0.5, 0.025, 0.02, PINK, edge=False)


def bear(p: Pen, c: RGB) -> None:
    """A bear, drawn in its own units (base 0, top 1)."""
    legs(p, (-0.4, -0.28, 0.2, 0.33), 0.32, 0.14, c)
    p.oval(-0.05, 0.5, 0.5, 0.26, c)
    p.oval(0.42, 0.6, 0.2, 0.18, c)
    p.oval(0.36, 0.78, 0.06, 0.06, c)
    p.oval(0.36, 0.78, 0.03, 0.03, darker(c, 0.3), edge=False)
    p.oval(0.56, 0.56, 0.1, 0.07, lighter(c, 0.35), edge=False)
    p.oval(0.64, 0.58, 0.035, 0.03, BLACK, edge=False)
    eye(p, 0.46, 0.66, 0.025)


def deer(p: Pen, c: RGB) -> None:
    """A deer, drawn in its own units (base 0, top 1)."""
    antler = (205, 185, 150)
    legs(p, (-0.3, -0.22, 0.18, 0.26), 0.45, 0.055, c)
    p.oval(-0.04, 0.54, 0.36, 0.14, c)
    p.oval(-0.36, 0.58, 0.06, 0.05, WHITE, edge=False)
    p.poly([(0.18, 0.58), (0.28, 0.8), (0.38, 0.78), (0.32, 0.5)], c)
    p.poly([(0.26, 0.84), (0.5, 0.74), (0.5, 0.7), (0.3, 0.74)], c)
    p.oval(0.31, 0.8, 0.08, 0.07, c)
    p.oval(0.5, 0.72, 0.025, 0.02, BLACK, edge=False)
    for du in (0.0, 0.06):
        p.line([(0.28 + du, 0.86), (0.24 + du, 0.98), (0.16 + du, 1.02)], antler, 0.02)
        p.line([(0.25 + du, 0.94), (0.33 + du, 1.02)], antler, 0.02)
    p.poly([(0.22, 0.82), (0.14, 0.88), (0.24, 0.86)], c)
    eye(p, 0.35, 0.8, 0.02)
    for u, v in ((-0.15, 0.6), (0.0, 0.62), (-0.08, 0.55), (0.1, 0.57)):
        p.oval(u, v, 0.025, 0.02, lighter(c, 0.5), edge=False)


def elephant(p: Pen, c: RGB) -> None:
    """A elephant, drawn in its own units (base 0, top 1)."""
    legs(p, (-0.38, -0.24, 0.12, 0.26), 0.4, 0.15, c, lighter(c, 0.25))
    p.line([(-0.5, 0.6), (-0.6, 0.4)], c, 0.025)
    p.oval(-0.1, 0.56, 0.45, 0.28, c)
    p.oval(0.32, 0.66, 0.2, 0.2, c)
    p.line([(0.48, 0.62), (0.56, 0.42), (0.56, 0.2), (0.62, 0.14)], c, 0.09)  # trunk
    p.poly([(0.42, 0.52), (0.54, 0.46), (0.46, 0.5)], WHITE)  # tusk
    p.oval(0.18, 0.64, 0.16, 0.2, darker(c, 0.12))  # ear
    eye(p, 0.4, 0.72, 0.022)


def cow(p: Pen, c: RGB) -> None:
    """A cow, drawn in its own units (base 0, top 1)."""
    spots = c if c != WHITE else BLACK
    legs(p, (-0.4, -0.3, 0.2, 0.3), 0.38, 0.08, WHITE, darker(spots, 0.3))
    p.line([(-0.5, 0.62), (-0.56, 0.36)], WHITE, 0.025)
    p.rect(-0.52, 0.34, 0.36, 0.7, WHITE, radius=0.12)
    for u, v, r in ((-0.3, 0.55, 0.1), (0.02, 0.6, 0.08), (0.18, 0.45, 0.06), (-0.12, 0.42, 0.05)):
        p.oval(u, v, r, r * 0.8, spots, edge=False)
    p.oval(0.02, 0.34, 0.06, 0.04, PINK, edge=False)
    p.rect(0.32, 0.5, 0.56, 0.8, WHITE, radius=0.08)
    p.rect(0.36, 0.5, 0.6, 0.6, PINK, radius=0.05)
    p.poly([(0.36, 0.78), (0.3, 0.9), (0.4, 0.8)], (230, 220, 190))
    p.poly([(0.3, 0.74), (0.18, 0.72), (0.3, 0.68)], spots)
    eye(p, 0.46, 0.7, 0.025)


def sheep(p: Pen, c: RGB) -> None:
    """A sheep, drawn in its own units (base 0, top 1)."""
    wool = c if c != WOOD else WHITE
    legs(p, (-0.3, -0.2, 0.14, 0.24), 0.3, 0.06, BLACK)
    for u, v in ((-0.36, 0.5), (-0.2, 0.6), (0.0, 0.62), (0.18, 0.56), (-0.1, 0.42), (0.12, 0.42),
                 (-0.3, 0.38), (0.26, 0.46)):
        p.oval(u, v, 0.16, 0.14, wool)
    p.oval(0.38, 0.56, 0.1, 0.13, BLACK)
    p.oval(0.3, 0.64, 0.07, 0.035, BLACK)
    eye(p, 0.42, 0.6, 0.022)


def pig(p: Pen, c: RGB) -> None:
    """A pig, drawn in its own units (base 0, top 1)."""
    p.arc(-0.5, 0.52, 0.05, 0, 300, darker(c, 0.1), 0.02)
    legs(p, (-0.3, -0.2, 0.16, 0.26), 0.26, 0.08, c)
    p.oval(-0.04, 0.46, 0.44, 0.26, c)
    p.oval(0.38, 0.56, 0.18, 0.17, c)
    p.oval(0.54, 0.52, 0.06, 0.07, darker(c, 0.12))
    p.oval(0.53, 0.5, 0.012, 0.02, darker(c, 0.5), edge=False)
    p.oval(0.56, 0.55, 0.012, 0.02, darker(c, 0.5), edge=False)
    p.poly([(0.3, 0.7), (0.34, 0.84), (0.42, 0.72)], darker(c, 0.08))
    eye(p, 0.42, 0.62, 0.022)


def lion(p: Pen, c: RGB) -> None:
    """A lion, drawn in its own units (base 0, top 1)."""
    mane = mix(c, (150, 70, 20), 0.55)
    p.line([(-0.44, 0.5), (-0.58, 0.3), (-0.62, 0.38)], c, 0.03)
    p.oval(-0.63, 0.38, 0.05, 0.05, mane)
    legs(p, (-0.34, -0.24, 0.18, 0.28), 0.35, 0.09, c)
    p.oval(-0.06, 0.5, 0.42, 0.18, c)
    p.oval(0.36, 0.64, 0.27, 0.28, mane)
    p.oval(0.4, 0.62, 0.16, 0.16, c)
    p.oval(0.5, 0.56, 0.08, 0.06, lighter(c, 0.3), edge=False)
    p.oval(0.56, 0.6, 0.03, 0.025, BLACK, edge=False)
    eye(p, 0.45, 0.67, 0.022)


def giraffe(p: Pen, c: RGB) -> None:
    """A giraffe, drawn in its own units (base 0, top 1)."""
    spot = mix(c, (120, 60, 20), 0.6)
    legs(p, (-0.22, -0.15, 0.12, 0.19), 0.42, 0.05, c)
    p.oval(-0.02, 0.5, 0.27, 0.12, c)
    p.poly([(0.1, 0.52), (0.22, 0.92), (0.3, 0.9), (0.24, 0.46)], c)
    p.poly([(0.2, 0.94), (0.38, 0.86), (0.38, 0.82), (0.22, 0.86)], c)
    p.line([(0.22, 0.94), (0.22, 1.0)], spot, 0.015)
    p.line([(0.26, 0.94), (0.27, 1.0)], spot, 0.015)
    for u, v in ((-0.15, 0.52), (0.0, 0.55), (0.12, 0.5), (-0.08, 0.45), (0.18, 0.66), (0.2, 0.78)):
        p.oval(u, v, 0.035, 0.03, spot, edge=False)
    eye(p, 0.27, 0.9, 0.015)


def bird(p: Pen, c: RGB) -> None:
    """A bird, drawn in its own units (base 0, top 1)."""
    wing = darker(c, 0.2)
    p.poly([(-0.1, 0.5), (-0.38, 0.98), (-0.02, 0.6)], wing)
    p.poly([(-0.55, 0.52), (-0.34, 0.46), (-0.32, 0.56)], wing)  # tail
    p.oval(0.0, 0.5, 0.36, 0.13, c)
    p.oval(0.3, 0.58, 0.12, 0.11, c)
    p.poly([(0.4, 0.6), (0.56, 0.56), (0.4, 0.54)], (245, 170, 40))
    p.oval(0.12, 0.46, 0.16, 0.07, lighter(c, 0.45), edge=False)
    p.poly([(0.0, 0.52), (0.18, 0.02), (0.3, 0.1), (0.1, 0.56)], wing)
    eye(p, 0.33, 0.61, 0.022)


def owl(p: Pen, c: RGB) -> None:
    """A owl, drawn in its own units (base 0, top 1)."""
    p.line([(-0.5, 0.04), (0.5, 0.06)], WOOD, 0.06)  # branch
    p.oval(0, 0.46, 0.32, 0.4, c)
    p.oval(0, 0.38, 0.2, 0.26, lighter(c, 0.45), edge=False)
    for side in (-1, 1):
        p.poly([(side * 0.28, 0.72), (side * 0.3, 0.96), (side * 0.12, 0.8)], c)
        p.oval(side * 0.13, 0.66, 0.12, 0.12, lighter(c, 0.7))
        p.oval(side * 0.13, 0.66, 0.07, 0.07, (245, 190, 40), edge=False)
        p.oval(side * 0.13, 0.66, 0.035, 0.035, BLACK, edge=False)
        p.oval(side * 0.3, 0.42, 0.08, 0.22, darker(c, 0.2))
        p.line([(side * 0.06, 0.07), (side * 0.1, 0.02)], (240, 170, 40), 0.025)
    p.poly([(-0.04, 0.6), (0.04, 0.6), (0, 0.5)], (240, 170, 40))


def fish(p: Pen, c: RGB) -> None:
    """A fish, drawn in its own units (base 0, top 1)."""
    stripe = lighter(c, 0.6)
    p.poly([(-0.4, 0.5), (-0.62, 0.8), (-0.58, 0.2)], darker(c, 0.15))
    p.poly([(-0.1, 0.72), (0.05, 0.9), (0.15, 0.7)], darker(c, 0.15))
    p.oval(0, 0.5, 0.44, 0.25, c)
    for u in (-0.2, 0.0):
        p.rect(u, 0.3, u + 0.07, 0.7, stripe, edge=False)
    p.arc(0.18, 0.5, 0.12, -60, 60, darker(c, 0.3), 0.012)
    eye(p, 0.3, 0.56, 0.045)


def whale(p: Pen, c: RGB) -> None:
    """A whale, drawn in its own units (base 0, top 1)."""
    p.poly([(-0.4, 0.4), (-0.62, 0.7), (-0.56, 0.56), (-0.7, 0.62), (-0.5, 0.34)], c)
    p.oval(0.0, 0.34, 0.5, 0.24, c)
    p.oval(0.05, 0.24, 0.38, 0.12, lighter(c, 0.5), edge=False)
    for i in range(4):
        p.line([(0.1 + i * 0.06, 0.16), (0.2 + i * 0.06, 0.2)], lighter(c, 0.2), 0.01)
    eye(p, 0.32, 0.36, 0.025)
    blow = (225, 240, 250)
    p.line([(0.22, 0.58), (0.2, 0.8)], blow, 0.025)
    for u in (0.1, 0.2, 0.3):
        p.oval(u, 0.85, 0.06, 0.05, blow, edge=False)


def duck(p: Pen, c: RGB) -> None:
    """A duck, drawn in its own units (base 0, top 1)."""
    p.oval(-0.05, 0.28, 0.42, 0.24, c)
    p.poly([(-0.4, 0.36), (-0.52, 0.5), (-0.34, 0.44)], c)
    p.oval(-0.08, 0.32, 0.22, 0.11, darker(c, 0.15))
    p.oval(0.28, 0.66, 0.14, 0.14, (40, 120, 70) if c == WHITE else darker(c, 0.3))
    p.poly([(0.4, 0.66), (0.56, 0.6), (0.4, 0.6)], (245, 160, 40))
    p.rect(0.16, 0.42, 0.26, 0.6, c, edge=False)
    eye(p, 0.32, 0.7, 0.022)


def penguin(p: Pen, c: RGB) -> None:
    """A penguin, drawn in its own units (base 0, top 1)."""
    p.oval(0, 0.46, 0.3, 0.44, c)
    p.oval(0, 0.4, 0.2, 0.34, WHITE, edge=False)
    p.oval(-0.3, 0.46, 0.06, 0.22, c)
    p.oval(0.3, 0.46, 0.06, 0.22, c)
    p.oval(0, 0.78, 0.2, 0.17, c)
    for side in (-1, 1):
        p.oval(side * 0.07, 0.8, 0.045, 0.05, WHITE, edge=False)
        p.oval(side * 0.07, 0.8, 0.02, 0.025, BLACK, edge=False)
        p.oval(side * 0.1, 0.03, 0.09, 0.035, (245, 150, 40))
    p.poly([(-0.05, 0.74), (0.05, 0.74), (0, 0.66)], (245, 150, 40))


def turtle(p: Pen, c: RGB) -> None:
    """A turtle, drawn in its own units (base 0, top 1)."""
    skin = (140, 170, 90)
    legs(p, (-0.3, 0.28), 0.2, 0.1, skin)
    p.oval(0.46, 0.28, 0.12, 0.1, skin)
    eye(p, 0.5, 0.3, 0.02)
    p.poly([(-0.5, 0.14), (-0.62, 0.2), (-0.48, 0.2)], skin)
    p.oval(0, 0.2, 0.48, 0.36, c)
    p.rect(-0.52, 0.1, 0.52, 0.2, darker(c, 0.2), radius=0.05)
    for u, v in ((-0.22, 0.32), (0.0, 0.4), (0.22, 0.32)):
        p.oval(u, v, 0.09, 0.08, lighter(c, 0.25), edge=False)


def butterfly(p: Pen, c: RGB) -> None:
    """A butterfly, drawn in its own units (base 0, top 1)."""
    for side in (-1, 1):
        p.oval(side * 0.26, 0.66, 0.26, 0.26, c)
        p.oval(side * 0.2, 0.3, 0.18, 0.2, darker(c, 0.15))
        p.oval(side * 0.3, 0.7, 0.09, 0.09, lighter(c, 0.6), edge=False)
        p.oval(side * 0.22, 0.28, 0.06, 0.06, BLACK, edge=False)
        p.line([(0, 0.82), (side * 0.14, 0.98)], BLACK, 0.012)
    p.oval(0, 0.5, 0.04, 0.3, BLACK)


# -- buildings --------------------------------------------------------------------------------------------

def windows(p: Pen, u0: float, v0: float, u1: float, v1: float, cols: int, rows: int, lit: RGB,
            frame: RGB) -> None:
    """A grid of windows between two corners, a few of them dark."""
    w, h = (u1 - u0) / cols, (v1 - v0) / rows
    for i in range(cols):
        for j in range(rows):
            a, b = u0 + i * w, v0 + j * h
            p.rect(a + w * 0.2, b + h * 0.2, a + w * 0.8, b + h * 0.8, lit if (i * 3 + j * 5) % 4 else frame,
                   edge=False)


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


# -- vehicles ---------------------------------------------------------------------------------------------

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


# -- plants -----------------------------------------------------------------------------------------------

def tree(p: Pen, c: RGB) -> None:
    """A tree, drawn in its own units (base 0, top 1)."""
    p.poly([(-0.07, 0), (-0.04, 0.5), (0.04, 0.5), (0.08, 0)], WOOD)
    p.line([(0.0, 0.36), (0.16, 0.52)], WOOD, 0.03)
    for u, v, r in ((-0.22, 0.56, 0.22), (0.22, 0.58, 0.22), (0.0, 0.78, 0.24), (-0.12, 0.72, 0.2),
                    (0.14, 0.74, 0.2)):
        p.oval(u, v, r, r * 0.95, c)
    p.oval(-0.06, 0.84, 0.1, 0.08, lighter(c, 0.2), edge=False)


def pine(p: Pen, c: RGB) -> None:
    """A pine, drawn in its own units (base 0, top 1)."""
    p.rect(-0.05, 0, 0.05, 0.16, WOOD)
    for k in range(4):
        base, width = 0.12 + k * 0.2, 0.48 - k * 0.1
        p.poly([(-width, base), (0.0, base + 0.34), (width, base)], darker(c, 0.05 * k))


def palm(p: Pen, c: RGB) -> None:
    """A palm, drawn in its own units (base 0, top 1)."""
    trunk = (170, 130, 80)
    pts = [(0.0, 0.0), (0.04, 0.3), (0.1, 0.55), (0.18, 0.74)]
    p.line(pts, trunk, 0.06)
    for i in range(1, 4):
        u, v = pts[i]
        p.line([(u - 0.04, v), (u + 0.04, v)], darker(trunk, 0.25), 0.015)
    top = (0.18, 0.76)
    for du, dv in ((-0.42, -0.1), (-0.3, 0.16), (0.0, 0.22), (0.3, 0.12), (0.4, -0.14), (-0.1, -0.2)):
        tip = (top[0] + du, top[1] + dv)
        mid = (top[0] + du * 0.5, top[1] + max(dv, 0) * 0.5 + 0.08)
        p.poly([top, (mid[0], mid[1] + 0.05), tip, (mid[0], mid[1] - 0.04)], c)
    for du in (-0.04, 0.04):
        p.oval(top[0] + du, top[1] - 0.04, 0.035, 0.035, (120, 80, 40), edge=False)


def flower(p: Pen, c: RGB) -> None:
    """A flower, drawn in its own units (base 0, top 1)."""
    p.line([(0.0, 0.0), (0.02, 0.6)], (70, 140, 60), 0.03)
    p.poly([(0.01, 0.2), (0.26, 0.38), (0.08, 0.3)], LEAF)
    p.poly([(0.01, 0.32), (-0.24, 0.46), (-0.06, 0.4)], LEAF)
    for i in range(8):
        a = i * math.pi / 4
        p.oval(0.02 + 0.15 * math.cos(a), 0.74 + 0.15 * math.sin(a), 0.1, 0.1, c)
    p.oval(0.02, 0.74, 0.09, 0.09, (250, 200, 60))


def sunflower(p: Pen, c: RGB) -> None:
    """A sunflower, drawn in its own units (base 0, top 1)."""
    petals = c if c != WOOD else (250, 200, 40)
    p.line([(0.0, 0.0), (0.0, 0.7)], (70, 140, 60), 0.035)
    p.poly([(0.0, 0.3), (0.3, 0.44), (0.04, 0.4)], LEAF)
    p.poly([(0.0, 0.44), (-0.28, 0.56), (-0.04, 0.54)], LEAF)
    for i in range(14):
        a = i * math.pi / 7
        u, v = 0.25 * math.cos(a), 0.78 + 0.21 * math.sin(a)
        p.poly([(0.1 * math.cos(a + 0.3), 0.78 + 0.1 * math.sin(a + 0.3)), (u, v),
                (0.1 * math.cos(a - 0.3), 0.78 + 0.1 * math.sin(a - 0.3))], petals)
    p.oval(0, 0.78, 0.12, 0.11, (110, 70, 30))


def cactus(p: Pen, c: RGB) -> None:
    """A cactus, drawn in its own units (base 0, top 1)."""
    p.rect(-0.1, 0, 0.1, 0.95, c, radius=0.1)
    p.rect(-0.34, 0.42, -0.22, 0.74, c, radius=0.06)
    p.rect(-0.34, 0.38, -0.04, 0.5, c, radius=0.06)
    p.rect(0.22, 0.5, 0.34, 0.86, c, radius=0.06)
    p.rect(0.04, 0.46, 0.34, 0.58, c, radius=0.06)
    for u in (-0.04, 0.04):
        p.line([(u, 0.1), (u, 0.88)], darker(c, 0.2), 0.01)
    p.oval(0.0, 0.95, 0.05, 0.04, (240, 120, 150), edge=False)


def mushroom(p: Pen, c: RGB) -> None:
    """A mushroom, drawn in its own units (base 0, top 1)."""
    p.rect(-0.12, 0, 0.12, 0.5, (240, 230, 210), radius=0.08)
    p.poly([(-0.48, 0.42), (-0.4, 0.7), (-0.16, 0.86), (0.16, 0.86), (0.4, 0.7), (0.48, 0.42)], c)
    for u, v, r in ((-0.24, 0.58, 0.06), (0.06, 0.72, 0.07), (0.3, 0.54, 0.05), (-0.06, 0.52, 0.04)):
        p.oval(u, v, r, r, WHITE, edge=False)


# -- food -------------------------------------------------------------------------------------------------

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


# -- objects ----------------------------------------------------------------------------------------------

def umbrella(p: Pen, c: RGB) -> None:
    """A umbrella, drawn in its own units (base 0, top 1)."""
    p.line([(0.0, 0.8), (0.0, 0.12), (0.05, 0.04), (0.1, 0.1)], darker(WOOD, 0.2), 0.025)
    p.poly([(-0.5, 0.56), (-0.4, 0.76), (-0.2, 0.9), (0.0, 0.94), (0.2, 0.9), (0.4, 0.76), (0.5, 0.56),
            (0.34, 0.6), (0.17, 0.56), (0.0, 0.6), (-0.17, 0.56), (-0.34, 0.6)], c)
    p.poly([(0.0, 0.94), (-0.17, 0.56), (0.0, 0.6)], darker(c, 0.15), edge=False)
    p.poly([(0.0, 0.94), (0.34, 0.6), (0.17, 0.56)], darker(c, 0.15), edge=False)


def lamp(p: Pen, c: RGB) -> None:
    """A lamp, drawn in its own units (base 0, top 1)."""
    p.oval(0, 0.03, 0.26, 0.04, darker(c, 0.3))
    p.rect(-0.03, 0.04, 0.03, 0.6, darker(c, 0.2))
    p.oval(0, 0.54, 0.14, 0.12, (255, 240, 190), edge=False)
    p.poly([(-0.3, 0.54), (-0.18, 0.96), (0.18, 0.96), (0.3, 0.54)], c)


def chair(p: Pen, c: RGB) -> None:
    """A chair, drawn in its own units (base 0, top 1)."""
    for u in (-0.28, 0.28):
        p.rect(u - 0.03, 0, u + 0.03, 0.48, darker(c, 0.2))
    p.rect(-0.3, 0.42, 0.3, 0.5, c)
    p.rect(-0.28, 0.5, -0.22, 1.0, c)
    p.rect(0.22, 0.5, 0.28, 1.0, c)
    for v in (0.64, 0.8, 0.94):
        p.rect(-0.24, v, 0.24, v + 0.05, c)


def book(p: Pen, c: RGB) -> None:
    """A book, drawn in its own units (base 0, top 1)."""
    p.rect(-0.48, 0.0, 0.48, 0.12, darker(c, 0.2), radius=0.02)
    p.rect(-0.44, 0.12, 0.44, 0.24, (90, 140, 110), radius=0.02)
    pages = (250, 245, 230)
    p.poly([(-0.46, 0.3), (-0.02, 0.26), (-0.02, 0.72), (-0.46, 0.78)], c)
    p.poly([(0.46, 0.3), (0.02, 0.26), (0.02, 0.72), (0.46, 0.78)], c)
    p.poly([(-0.42, 0.34), (0.0, 0.3), (0.0, 0.72), (-0.42, 0.76)], pages)
    p.poly([(0.42, 0.34), (0.0, 0.3), (0.0, 0.72), (0.42, 0.76)], darker(pages, 0.05))
    for k in range(5):
        v = 0.42 + k * 0.06
        p.line([(-0.36, v + 0.03), (-0.06, v)], (170, 170, 180), 0.008)
        p.line([(0.06, v), (0.36, v + 0.03)], (170, 170, 180), 0.008)


def clock(p: Pen, c: RGB) -> None:
    """A clock, drawn in its own units (base 0, top 1)."""
    for side in (-1, 1):
        p.oval(side * 0.26, 0.86, 0.12, 0.1, c)
        p.line([(side * 0.26, 0.06), (side * 0.32, 0.0)], c, 0.04)
    p.oval(0, 0.48, 0.42, 0.42, c)
    p.oval(0, 0.48, 0.34, 0.34, (252, 250, 242), edge=False)
    for k in range(12):
        a = k * math.pi / 6
        p.oval(0.28 * math.cos(a), 0.48 + 0.28 * math.sin(a), 0.015, 0.015, BLACK, edge=False)
    p.line([(0.0, 0.48), (0.0, 0.72)], BLACK, 0.025)
    p.line([(0.0, 0.48), (0.16, 0.4)], BLACK, 0.025)


def guitar(p: Pen, c: RGB) -> None:
    """A guitar, drawn in its own units (base 0, top 1)."""
    p.rect(-0.035, 0.5, 0.035, 0.9, darker(WOOD, 0.3))
    p.rect(-0.06, 0.88, 0.06, 1.0, darker(WOOD, 0.4), radius=0.02)
    p.oval(0, 0.2, 0.2, 0.2, c)
    p.oval(0, 0.46, 0.15, 0.14, c)
    p.oval(0, 0.36, 0.06, 0.06, BLACK, edge=False)
    p.rect(-0.08, 0.14, 0.08, 0.18, darker(c, 0.5), edge=False)
    for du in (-0.015, 0.015):
        p.line([(du, 0.16), (du, 0.96)], (230, 230, 230), 0.004)


def kite(p: Pen, c: RGB) -> None:
    """A kite, drawn in its own units (base 0, top 1)."""
    other = (250, 210, 70) if c != (250, 210, 70) else (60, 110, 200)
    p.line([(0.0, 0.3), (-0.14, 0.18), (0.06, 0.08), (-0.1, 0.0)], (90, 90, 100), 0.01)
    for u, v in ((-0.1, 0.2), (0.02, 0.1)):
        p.poly([(u - 0.04, v + 0.03), (u + 0.04, v - 0.03), (u + 0.04, v + 0.03), (u - 0.04, v - 0.03)], other)
    p.poly([(0.0, 1.0), (0.34, 0.68), (0.0, 0.3), (-0.34, 0.68)], c)
    p.poly([(0.0, 1.0), (0.34, 0.68), (0.0, 0.68)], other, edge=False)
    p.poly([(0.0, 0.3), (-0.34, 0.68), (0.0, 0.68)], other, edge=False)


def candle(p: Pen, c: RGB) -> None:
    """A candle, drawn in its own units (base 0, top 1)."""
    p.oval(0, 0.03, 0.3, 0.05, (200, 190, 170))
    p.rect(-0.16, 0.04, 0.16, 0.62, c)
    p.oval(0, 0.82, 0.16, 0.16, (255, 235, 170), edge=False)
    p.poly([(-0.06, 0.7), (0.0, 0.94), (0.06, 0.7), (0.0, 0.64)], (250, 170, 50), edge=False)
    p.line([(0.0, 0.62), (0.0, 0.68)], BLACK, 0.012)


def vase(p: Pen, c: RGB) -> None:
    """A vase, drawn in its own units (base 0, top 1)."""
    p.poly([(-0.12, 0.0), (-0.26, 0.22), (-0.2, 0.44), (-0.1, 0.56), (-0.12, 0.64), (0.12, 0.64), (0.1, 0.56),
            (0.2, 0.44), (0.26, 0.22), (0.12, 0.0)], c)
    p.rect(-0.24, 0.26, 0.24, 0.3, lighter(c, 0.4), edge=False)
    for u, v, col in ((-0.14, 0.86, (240, 100, 120)), (0.0, 0.96, (250, 210, 70)), (0.16, 0.84, (240, 240, 240))):
        p.line([(0.0, 0.62), (u, v)], (70, 140, 60), 0.015)
        p.oval(u, v, 0.07, 0.07, col)


def teapot(p: Pen, c: RGB) -> None:
    """A teapot, drawn in its own units (base 0, top 1)."""
    p.poly([(0.22, 0.3), (0.48, 0.62), (0.5, 0.56), (0.3, 0.2)], c)
    p.arc(-0.3, 0.38, 0.14, 90, 270, c, 0.05)
    p.oval(0, 0.3, 0.32, 0.28, c)
    p.oval(0, 0.56, 0.16, 0.05, darker(c, 0.15))
    p.oval(0, 0.64, 0.04, 0.04, darker(c, 0.15))
    p.rect(-0.3, 0.26, 0.3, 0.3, lighter(c, 0.4), edge=False)


# -- people -----------------------------------------------------------------------------------------------

def figure(p: Pen, u: float, h: float, c: RGB, arm_out: float = 0.0) -> None:
    """A standing silhouette `h` units tall at `u`."""
    p.line([(u - 0.05 * h, 0.02 * h), (u - 0.04 * h, 0.42 * h)], c, 0.07 * h)
    p.line([(u + 0.05 * h, 0.02 * h), (u + 0.05 * h, 0.42 * h)], c, 0.07 * h)
    p.poly([(u - 0.13 * h, 0.42 * h), (u - 0.12 * h, 0.76 * h), (u + 0.12 * h, 0.76 * h), (u + 0.13 * h, 0.42 * h)],
           c)
    p.line([(u - 0.12 * h, 0.74 * h), (u - 0.18 * h, 0.46 * h)], c, 0.06 * h)
    p.line([(u + 0.12 * h, 0.74 * h), (u + 0.14 * h + arm_out * h, 0.46 * h)], c, 0.06 * h)
    p.oval(u, 0.88 * h, 0.1 * h, 0.11 * h, c)


def person(p: Pen, c: RGB) -> None:
    """A person, drawn in its own units (base 0, top 1)."""
    figure(p, 0.0, 1.0, c)


def child(p: Pen, c: RGB) -> None:
    """A child, drawn in its own units (base 0, top 1)."""
    figure(p, 0.0, 0.8, c)
    p.oval(0.0, 0.71, 0.115, 0.115, c)  # a child's head is larger for its height


def couple(p: Pen, c: RGB) -> None:
    """A couple, drawn in its own units (base 0, top 1)."""
    figure(p, -0.18, 1.0, c, arm_out=0.08)
    figure(p, 0.18, 0.92, lighter(c, 0.12), arm_out=-0.08)
    p.poly([(0.06, 0.4), (0.03, 0.6), (0.33, 0.6), (0.3, 0.4)], lighter(c, 0.12))  # her dress


def crowd(p: Pen, c: RGB) -> None:
    """A crowd, drawn in its own units (base 0, top 1)."""
    for u, h, t in ((-0.6, 0.9, 0.1), (-0.3, 1.0, 0.0), (0.0, 0.85, 0.2), (0.3, 0.95, 0.05), (0.6, 0.8, 0.15)):
        figure(p, u, h, lighter(c, t))


SUBJECTS: dict[str, Subject] = {
    # animals
    "cat": Subject(cat, 0.9, "ground", (235, 140, 60), 0.9),
    "dog": Subject(dog, 1.25, "ground", (200, 150, 95), 0.8),
    "fox": Subject(fox, 1.45, "ground", (230, 110, 40), 0.75),
    "horse": Subject(horse, 1.2, "ground", (140, 90, 60)),
    "rabbit": Subject(rabbit, 0.9, "ground", (200, 185, 170), 0.75),
    "bear": Subject(bear, 1.35, "ground", (110, 75, 50), 0.9),
    "deer": Subject(deer, 1.0, "ground", (175, 120, 75)),
    "elephant": Subject(elephant, 1.3, "ground", (150, 150, 160)),
    "cow": Subject(cow, 1.3, "ground", BLACK, 0.85),
    "sheep": Subject(sheep, 1.25, "ground", WHITE, 0.75),
    "pig": Subject(pig, 1.3, "ground", (240, 170, 175), 0.7),
    "lion": Subject(lion, 1.4, "ground", (225, 175, 95), 0.85),
    "giraffe": Subject(giraffe, 0.75, "ground", (235, 190, 110), 1.1),
    "bird": Subject(bird, 1.2, "sky", (60, 130, 210), 1.0),
    "owl": Subject(owl, 1.0, "ground", (150, 110, 75), 0.85),
    "fish": Subject(fish, 1.4, "water", (245, 140, 50), 0.6),
    "whale": Subject(whale, 1.55, "water", (70, 100, 150), 0.8),
    "duck": Subject(duck, 1.15, "water", (250, 250, 245), 0.75),
    "penguin": Subject(penguin, 0.7, "ground", BLACK, 0.8),
    "turtle": Subject(turtle, 1.5, "ground", (90, 140, 80), 0.6),
    "butterfly": Subject(butterfly, 1.2, "air", (240, 150, 50), 0.95),
    # buildings
    "house": Subject(house, 1.1, "ground", (240, 225, 195)),
    "lighthouse": Subject(lighthouse, 0.55, "ground", (210, 55, 55), 1.1),
    "castle": Subject(castle, 1.35, "ground", (200, 195, 185)),
    "tower": Subject(tower, 0.45, "ground", (190, 180, 165), 1.1),
    "bridge": Subject(bridge, 2.2, "ground", (185, 150, 115), 1.0),
    "barn": Subject(barn, 1.05, "ground", (185, 50, 45)),
    "skyscraper": Subject(skyscraper, 0.8, "ground", (90, 130, 175), 1.2),
    "windmill": Subject(windmill, 0.85, "ground", (225, 215, 195), 1.1),
    "tent": Subject(tent, 1.2, "ground", (235, 130, 50), 0.85),
    "church": Subject(church, 1.0, "ground", (235, 225, 205)),
    "pyramid": Subject(pyramid, 1.6, "ground", (225, 185, 120)),
    # vehicles
    "car": Subject(car, 2.0, "ground", (210, 60, 60), 0.75),
    "bus": Subject(bus, 2.2, "ground", (245, 190, 40), 0.8),
    "bicycle": Subject(bicycle, 1.6, "ground", (40, 130, 200), 0.75),
    "boat": Subject(boat, 0.95, "water", (180, 70, 50), 0.8),
    "ship": Subject(ship, 2.0, "water", (40, 50, 80), 0.9),
    "train": Subject(train, 2.6, "ground", (50, 90, 160), 0.95),
    "plane": Subject(plane, 1.8, "sky", (245, 245, 250), 0.95),
    "balloon": Subject(balloon, 0.75, "sky", (220, 70, 60), 1.15),
    "rocket": Subject(rocket, 0.55, "sky", (240, 240, 245), 1.2),
    # plants
    "tree": Subject(tree, 0.85, "ground", (70, 150, 70), 1.05),
    "pine": Subject(pine, 0.9, "ground", (40, 110, 70), 1.05),
    "palm": Subject(palm, 0.95, "ground", (70, 160, 80), 1.05),
    "flower": Subject(flower, 0.55, "ground", (235, 80, 110), 0.95),
    "sunflower": Subject(sunflower, 0.6, "ground", (250, 200, 40), 1.1),
    "cactus": Subject(cactus, 0.75, "ground", (80, 150, 90), 0.8),
    "mushroom": Subject(mushroom, 1.0, "ground", (210, 50, 45), 0.75),
    # food
    "apple": Subject(apple, 1.0, "table", (210, 40, 45), 0.8),
    "cake": Subject(cake, 1.05, "table", (240, 130, 170), 0.8),
    "coffee": Subject(coffee, 1.1, "table", (250, 250, 248), 0.95),
    "pizza": Subject(pizza, 1.7, "table", (245, 200, 90), 0.75),
    "banana": Subject(banana, 1.1, "table", (250, 215, 60), 0.6),
    "icecream": Subject(icecream, 0.5, "table", (240, 150, 180), 0.95),
    "burger": Subject(burger, 1.1, "table", (220, 150, 70), 0.7),
    "donut": Subject(donut, 1.5, "table", (240, 140, 180), 0.75),
    # objects
    "umbrella": Subject(umbrella, 1.05, "ground", (220, 60, 70), 0.9),
    "lamp": Subject(lamp, 0.65, "table", (240, 200, 110), 0.95),
    "chair": Subject(chair, 0.7, "table", (170, 110, 60), 1.0),
    "book": Subject(book, 1.25, "table", (60, 90, 160), 0.7),
    "clock": Subject(clock, 0.95, "table", (200, 60, 60), 0.8),
    "guitar": Subject(guitar, 0.45, "table", (210, 120, 50), 1.1),
    "kite": Subject(kite, 0.7, "sky", (220, 60, 70), 1.1),
    "candle": Subject(candle, 0.4, "table", (245, 240, 225), 0.9),
    "vase": Subject(vase, 0.6, "table", (70, 130, 190), 0.9),
    "teapot": Subject(teapot, 1.25, "table", (80, 150, 170), 0.85),
    # people
    "person": Subject(person, 0.45, "ground", (50, 48, 64), 1.05),
    "child": Subject(child, 0.45, "ground", (60, 58, 78), 0.85),
    "couple": Subject(couple, 0.8, "ground", (50, 48, 64), 1.05),
    "crowd": Subject(crowd, 1.55, "ground", (50, 48, 64), 0.95),
}


@cache
def extents(kind: str) -> tuple[float, float, float, float]:
    """Where a subject's drawing really reaches, in its units: (left, right, bottom, top), measured once."""
    scale, x, y = 400, 600, 800
    scratch = Image.new("RGB", (1200, 1200))
    SUBJECTS[kind].draw(Pen(ImageDraw.Draw(scratch), x, y, scale), (128, 128, 128))
    box = scratch.getbbox() or (x - scale // 2, y - scale, x + scale // 2, y)
    return (box[0] - x) / scale, (box[2] - x) / scale, (y - box[3]) / scale, (y - box[1]) / scale
