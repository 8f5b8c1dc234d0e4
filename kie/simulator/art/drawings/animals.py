"""Animals, side on or facing out: each drawn through a Pen in its own units (base 0, top 1)."""

from __future__ import annotations

from kie.simulator.art.drawings.parts import BLACK, PINK, WHITE, WOOD, eye, legs
from kie.simulator.art.pen import RGB, Pen, darker, lighter, mix


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


def zebra(p: Pen, c: RGB) -> None:
    """A zebra: a horse's build, white with black stripes and an upright mane."""
    stripe = BLACK
    legs(p, (-0.33, -0.24, 0.22, 0.31), 0.45, 0.075, c, stripe)
    p.line([(-0.44, 0.62), (-0.54, 0.4)], c, 0.025)
    p.oval(-0.5, 0.36, 0.03, 0.06, stripe)
    p.oval(-0.04, 0.55, 0.42, 0.15, c)
    p.poly([(0.2, 0.6), (0.3, 0.88), (0.44, 0.86), (0.4, 0.5)], c)  # neck
    p.poly([(0.3, 0.9), (0.56, 0.72), (0.6, 0.78), (0.4, 0.96)], c)  # head
    for u in (-0.36, -0.24, -0.12, 0.0, 0.12, 0.24):  # stripes across the body
        p.poly([(u - 0.03, 0.68), (u + 0.03, 0.68), (u + 0.06, 0.44), (u, 0.44)], stripe, edge=False)
    for k in range(4):
        v = 0.58 + k * 0.07
        p.line([(0.24 + k * 0.02, v), (0.41 + k * 0.005, v + 0.02)], stripe, 0.025)
    for u in (-0.33, -0.24, 0.22, 0.31):
        for v in (0.3, 0.2):
            p.line([(u - 0.035, v), (u + 0.035, v)], stripe, 0.018)
    p.oval(0.57, 0.74, 0.05, 0.05, stripe, edge=False)
    p.poly([(0.22, 0.62), (0.3, 0.92), (0.36, 0.96), (0.28, 0.6)], stripe, edge=False)
    p.poly([(0.33, 0.93), (0.34, 1.0), (0.39, 0.95)], c)
    eye(p, 0.42, 0.87, 0.022)


def donkey(p: Pen, c: RGB) -> None:
    """A donkey: a small horse with long ears and a pale muzzle."""
    horse(p, c)
    p.poly([(0.31, 0.92), (0.27, 1.08), (0.36, 0.95)], c)
    p.poly([(0.36, 0.93), (0.38, 1.08), (0.42, 0.94)], darker(c, 0.1))
    p.oval(0.56, 0.75, 0.06, 0.05, lighter(c, 0.5), edge=False)


def unicorn(p: Pen, c: RGB) -> None:
    """A unicorn: a white horse with a golden horn and a rainbow mane."""
    horse(p, c)
    p.poly([(0.38, 0.95), (0.52, 1.2), (0.44, 0.92)], (245, 205, 90))
    for k, col in enumerate(((240, 120, 160), (160, 120, 230), (120, 190, 240))):
        p.line([(0.24 + k * 0.02, 0.62 + k * 0.1), (0.3 + k * 0.02, 0.72 + k * 0.1)], col, 0.05)


def goat(p: Pen, c: RGB) -> None:
    """A goat with curved horns and a beard."""
    legs(p, (-0.28, -0.2, 0.18, 0.26), 0.38, 0.06, c, darker(c, 0.5))
    p.oval(-0.02, 0.5, 0.34, 0.15, c)
    p.poly([(0.18, 0.52), (0.3, 0.78), (0.4, 0.74), (0.32, 0.46)], c)
    p.poly([(0.3, 0.82), (0.52, 0.66), (0.56, 0.72), (0.38, 0.88)], c)
    p.arc(0.26, 0.84, 0.1, 20, 160, (150, 130, 100), 0.03)
    p.poly([(0.44, 0.68), (0.46, 0.56), (0.5, 0.66)], lighter(c, 0.2))
    p.line([(-0.34, 0.58), (-0.4, 0.66)], c, 0.03)
    eye(p, 0.38, 0.8, 0.02)


def wolf(p: Pen, c: RGB) -> None:
    """A grey wolf, its head raised."""
    fox(p, c)
    p.poly([(0.44, 0.57), (0.64, 0.565), (0.44, 0.535)], lighter(c, 0.5), edge=False)


def polarbear(p: Pen, c: RGB) -> None:
    """A polar bear."""
    bear(p, c)


def puppy(p: Pen, c: RGB) -> None:
    """A puppy sitting (used when a dog sits on something)."""
    dark = darker(c, 0.35)
    p.line([(-0.25, 0.1), (-0.42, 0.2)], c, 0.06)
    p.oval(-0.05, 0.28, 0.24, 0.26, c)
    p.oval(0.12, 0.06, 0.1, 0.06, c)
    p.oval(0.1, 0.64, 0.2, 0.18, c)
    p.rect(0.14, 0.52, 0.36, 0.64, lighter(c, 0.2), radius=0.05)
    p.oval(0.35, 0.62, 0.04, 0.035, BLACK, edge=False)
    p.oval(-0.04, 0.62, 0.07, 0.16, dark)
    eye(p, 0.18, 0.68, 0.03)

