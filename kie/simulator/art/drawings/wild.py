"""Wild animals: each drawn through a Pen in its own units (base 0, top 1)."""

from __future__ import annotations

from kie.simulator.art.drawings.parts import BLACK, WHITE, WOOD, eye, legs
from kie.simulator.art.pen import RGB, Pen, darker, lighter


def big_cat(p: Pen, c: RGB, marks: str) -> None:
    """A tiger (stripes) or a leopard (spots): a lion's build without the mane."""
    dark = BLACK
    p.line([(-0.44, 0.5), (-0.58, 0.3), (-0.62, 0.4)], c, 0.035)
    legs(p, (-0.34, -0.24, 0.18, 0.28), 0.35, 0.09, c)
    p.oval(-0.06, 0.5, 0.42, 0.18, c)
    p.oval(0.38, 0.62, 0.18, 0.17, c)
    for side in (-1, 1):
        p.oval(0.38 + side * 0.12, 0.77, 0.05, 0.05, c)
    p.oval(0.48, 0.56, 0.09, 0.07, lighter(c, 0.55), edge=False)
    p.oval(0.55, 0.6, 0.03, 0.025, BLACK, edge=False)
    if marks == "stripes":
        for u in (-0.36, -0.22, -0.08, 0.06, 0.2):
            p.poly([(u - 0.02, 0.68), (u + 0.03, 0.68), (u + 0.05, 0.5), (u + 0.02, 0.5)], dark, edge=False)
        p.line([(0.34, 0.74), (0.36, 0.66)], dark, 0.02)
        p.line([(0.42, 0.74), (0.4, 0.66)], dark, 0.02)
    else:
        for u, v in ((-0.3, 0.55), (-0.16, 0.6), (-0.02, 0.54), (0.12, 0.6), (-0.22, 0.44), (0.05, 0.44),
                     (0.2, 0.5), (-0.36, 0.46)):
            p.oval(u, v, 0.035, 0.03, darker(c, 0.5), edge=False)
    eye(p, 0.44, 0.66, 0.022, iris=(120, 150, 40))


def tiger(p: Pen, c: RGB) -> None:
    """A tiger: orange with black stripes."""
    big_cat(p, c, "stripes")


def leopard(p: Pen, c: RGB) -> None:
    """A leopard (or cheetah): golden with dark spots."""
    big_cat(p, c, "spots")


def monkey(p: Pen, c: RGB) -> None:
    """A monkey sitting with a curly tail, holding a banana."""
    p.arc(-0.32, 0.3, 0.16, 180, 450, c, 0.04)
    p.oval(0, 0.3, 0.24, 0.28, c)
    p.oval(0.02, 0.28, 0.14, 0.18, lighter(c, 0.45), edge=False)
    for side in (-1, 1):
        p.oval(side * 0.22, 0.7, 0.08, 0.08, c)
        p.oval(side * 0.22, 0.7, 0.045, 0.045, lighter(c, 0.45), edge=False)
    p.oval(0, 0.7, 0.2, 0.19, c)
    p.oval(0, 0.64, 0.14, 0.11, lighter(c, 0.45), edge=False)
    for side in (-1, 1):
        p.oval(side * 0.07, 0.74, 0.03, 0.035, BLACK, edge=False)
    p.arc(0.0, 0.62, 0.05, 200, 340, darker(c, 0.4), 0.012)
    p.line([(0.2, 0.44), (0.28, 0.3)], c, 0.07)
    p.poly([(0.24, 0.26), (0.42, 0.36), (0.38, 0.4), (0.26, 0.32)], (250, 215, 60))


def gorilla(p: Pen, c: RGB) -> None:
    """A gorilla on its knuckles."""
    for u in (-0.3, 0.3):
        p.rect(u - 0.08, 0.0, u + 0.08, 0.4, darker(c, 0.1), radius=0.06)
    p.oval(0, 0.46, 0.42, 0.3, c)
    p.oval(0.12, 0.8, 0.18, 0.17, c)
    p.oval(0.16, 0.76, 0.11, 0.09, (90, 85, 85), edge=False)
    eye(p, 0.16, 0.84, 0.02)


def panda(p: Pen, c: RGB) -> None:
    """A giant panda sitting, eating bamboo."""
    black = BLACK
    for side in (-1, 1):
        p.oval(side * 0.2, 0.1, 0.14, 0.1, black)
    p.oval(0, 0.36, 0.34, 0.32, c)
    p.line([(0.3, 0.3), (0.46, 0.92)], (110, 170, 80), 0.03)
    p.poly([(0.42, 0.78), (0.56, 0.86), (0.44, 0.82)], (110, 170, 80))
    for side in (-1, 1):
        p.oval(side * 0.3, 0.42, 0.09, 0.16, black)
        p.oval(side * 0.17, 0.93, 0.08, 0.08, black)
    p.oval(0, 0.74, 0.24, 0.2, c)
    for side in (-1, 1):
        p.oval(side * 0.09, 0.76, 0.06, 0.07, black, edge=False)
        p.oval(side * 0.09, 0.77, 0.02, 0.02, WHITE, edge=False)
    p.oval(0, 0.67, 0.035, 0.025, black, edge=False)


def koala(p: Pen, c: RGB) -> None:
    """A koala hugging a branch."""
    p.line([(-0.1, 0.0), (0.1, 1.0)], WOOD, 0.08)
    p.oval(0, 0.35, 0.26, 0.3, c)
    for side in (-1, 1):
        p.oval(side * 0.24, 0.86, 0.12, 0.12, c)
        p.oval(side * 0.24, 0.86, 0.07, 0.07, lighter(c, 0.5), edge=False)
    p.oval(0, 0.74, 0.2, 0.18, c)
    p.oval(0, 0.7, 0.06, 0.08, (50, 45, 50), edge=False)
    for side in (-1, 1):
        p.oval(side * 0.09, 0.78, 0.025, 0.025, BLACK, edge=False)
    p.line([(-0.2, 0.45), (0.05, 0.5)], c, 0.07)


def kangaroo(p: Pen, c: RGB) -> None:
    """A kangaroo standing on its big feet and tail."""
    p.poly([(-0.2, 0.25), (-0.55, 0.02), (-0.45, 0.0), (-0.12, 0.16)], c)
    p.oval(0.05, 0.04, 0.22, 0.04, darker(c, 0.1))
    p.oval(-0.06, 0.3, 0.2, 0.25, c)
    p.poly([(-0.04, 0.5), (0.12, 0.8), (0.22, 0.74), (0.12, 0.4)], c)
    p.oval(0.22, 0.82, 0.1, 0.08, c)
    p.poly([(0.28, 0.84), (0.42, 0.78), (0.3, 0.76)], c)
    p.poly([(0.16, 0.88), (0.14, 1.0), (0.22, 0.9)], c)
    p.line([(0.12, 0.58), (0.22, 0.48)], c, 0.03)
    p.oval(0.02, 0.28, 0.1, 0.12, lighter(c, 0.3), edge=False)
    eye(p, 0.25, 0.84, 0.018)


def camel(p: Pen, c: RGB) -> None:
    """A camel with two humps."""
    legs(p, (-0.3, -0.22, 0.16, 0.24), 0.45, 0.05, c)
    p.oval(-0.04, 0.55, 0.36, 0.12, c)
    for u in (-0.18, 0.08):
        p.oval(u, 0.68, 0.12, 0.13, c)
    p.poly([(0.24, 0.52), (0.42, 0.7), (0.46, 0.84), (0.38, 0.86), (0.36, 0.72), (0.2, 0.62)], c)
    p.oval(0.46, 0.84, 0.08, 0.05, c)
    p.line([(-0.38, 0.58), (-0.44, 0.42)], c, 0.02)
    eye(p, 0.44, 0.87, 0.015)


def hippo(p: Pen, c: RGB) -> None:
    """A hippo, round and heavy, its mouth a little open."""
    legs(p, (-0.3, -0.18, 0.14, 0.26), 0.25, 0.12, darker(c, 0.08))
    p.oval(-0.06, 0.42, 0.44, 0.26, c)
    p.oval(0.4, 0.44, 0.2, 0.17, c)
    for side in (0.32, 0.44):
        p.oval(side, 0.62, 0.04, 0.04, c)
    p.oval(0.56, 0.42, 0.05, 0.03, darker(c, 0.3), edge=False)
    p.oval(0.18, 0.36, 0.12, 0.14, lighter(c, 0.2), edge=False)
    eye(p, 0.38, 0.56, 0.022)


def rhino(p: Pen, c: RGB) -> None:
    """A rhinoceros with its horn."""
    legs(p, (-0.32, -0.2, 0.14, 0.26), 0.3, 0.11, darker(c, 0.08))
    p.oval(-0.06, 0.46, 0.44, 0.22, c)
    p.poly([(0.3, 0.62), (0.62, 0.4), (0.6, 0.3), (0.3, 0.34)], c)
    p.poly([(0.54, 0.46), (0.6, 0.66), (0.62, 0.4)], (235, 225, 205))
    p.poly([(0.46, 0.5), (0.48, 0.58), (0.5, 0.48)], (235, 225, 205))
    p.poly([(0.3, 0.6), (0.28, 0.72), (0.36, 0.62)], c)
    eye(p, 0.42, 0.48, 0.018)


def crocodile(p: Pen, c: RGB) -> None:
    """A crocodile (or alligator), long and low."""
    p.poly([(-0.5, 0.14), (-0.2, 0.22), (0.1, 0.24), (0.3, 0.2), (0.5, 0.14), (0.5, 0.08), (0.3, 0.06),
            (-0.2, 0.04)], c)
    for u in (-0.3, -0.1, 0.1):
        p.poly([(u - 0.05, 0.22), (u, 0.28), (u + 0.05, 0.22)], darker(c, 0.15))
    legs(p, (-0.18, 0.06), 0.08, 0.06, darker(c, 0.1))
    p.line([(0.3, 0.12), (0.5, 0.12)], darker(c, 0.4), 0.01)
    for u in (0.34, 0.4, 0.46):
        p.poly([(u, 0.12), (u + 0.015, 0.09), (u + 0.03, 0.12)], WHITE, edge=False)
    p.oval(0.26, 0.24, 0.04, 0.03, c)
    p.oval(0.27, 0.25, 0.015, 0.015, BLACK, edge=False)


def snake(p: Pen, c: RGB) -> None:
    """A snake coiled, its head up and its tongue out."""
    p.line([(-0.45, 0.08), (-0.2, 0.04), (0.1, 0.08), (0.3, 0.04), (0.36, 0.18), (0.2, 0.34), (0.24, 0.52)],
           c, 0.1)
    for k in range(5):
        u = -0.38 + k * 0.15
        p.oval(u, 0.07, 0.03, 0.02, darker(c, 0.25), edge=False)
    p.oval(0.3, 0.58, 0.1, 0.07, c)
    p.line([(0.38, 0.56), (0.48, 0.54), (0.52, 0.58)], (220, 40, 40), 0.012)
    eye(p, 0.32, 0.61, 0.018)


def frog(p: Pen, c: RGB) -> None:
    """A frog sitting, its eyes on top."""
    for side in (-1, 1):
        p.oval(side * 0.3, 0.08, 0.16, 0.07, darker(c, 0.1))
    p.oval(0, 0.3, 0.36, 0.26, c)
    p.oval(0, 0.26, 0.22, 0.16, lighter(c, 0.4), edge=False)
    for side in (-1, 1):
        p.oval(side * 0.18, 0.58, 0.1, 0.1, c)
        p.oval(side * 0.18, 0.6, 0.06, 0.06, WHITE, edge=False)
        p.oval(side * 0.18, 0.6, 0.03, 0.035, BLACK, edge=False)
    p.arc(0.0, 0.42, 0.18, 210, 330, darker(c, 0.4), 0.012)


def dinosaur(p: Pen, c: RGB) -> None:
    """A friendly long-necked dinosaur."""
    legs(p, (-0.26, -0.14, 0.1, 0.22), 0.32, 0.09, darker(c, 0.05))
    p.poly([(-0.2, 0.4), (-0.6, 0.22), (-0.58, 0.3), (-0.24, 0.56)], c)
    p.oval(-0.04, 0.46, 0.32, 0.2, c)
    p.poly([(0.16, 0.5), (0.3, 0.86), (0.42, 0.86), (0.3, 0.42)], c)
    p.oval(0.42, 0.9, 0.12, 0.08, c)
    for u, v in ((-0.2, 0.6), (-0.05, 0.64), (0.1, 0.6)):
        p.poly([(u - 0.05, v), (u, v + 0.08), (u + 0.05, v)], darker(c, 0.25))
    p.oval(0.0, 0.4, 0.18, 0.08, lighter(c, 0.35), edge=False)
    eye(p, 0.44, 0.93, 0.02)


def dragon(p: Pen, c: RGB) -> None:
    """A dragon with wings, spikes and a puff of fire."""
    p.poly([(-0.1, 0.56), (-0.4, 0.98), (-0.2, 0.8), (0.0, 0.9), (0.04, 0.6)], darker(c, 0.2))
    dinosaur(p, c)
    p.poly([(0.1, 0.58), (0.28, 1.0), (0.34, 0.8), (0.5, 0.92), (0.3, 0.56)], darker(c, 0.1))
    p.poly([(0.52, 0.9), (0.66, 0.96), (0.62, 0.86), (0.7, 0.82)], (250, 150, 50), edge=False)


def bat(p: Pen, c: RGB) -> None:
    """A bat with its wings spread."""
    for side in (-1, 1):
        p.poly([(0.0, 0.5), (side * 0.2, 0.7), (side * 0.5, 0.66), (side * 0.42, 0.5), (side * 0.34, 0.36),
                (side * 0.22, 0.42), (side * 0.1, 0.36)], c)
        p.poly([(side * 0.04, 0.66), (side * 0.08, 0.8), (side * 0.1, 0.62)], c)
    p.oval(0, 0.52, 0.1, 0.16, c)
    for side in (-1, 1):
        p.oval(side * 0.04, 0.6, 0.015, 0.015, (250, 220, 100), edge=False)

