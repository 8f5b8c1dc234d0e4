"""Furniture and things of a home: each drawn through a Pen in its own units (base 0, top 1).

Things people sit on say where the seat is (`SEATS`, height in their units), so a person or a cat can be put on it.
"""

from __future__ import annotations

from kie.simulator.art.drawings.parts import BLACK, LEAF, WHITE, WOOD
from kie.simulator.art.pen import RGB, Pen, darker, lighter, mix

# Where something sits on a seat: (across, height) in the seat's own units.
SEATS: dict[str, tuple[float, float]] = {"sofa": (0.0, 0.42), "armchair": (0.0, 0.4), "bench": (0.0, 0.42),
                                         "chair": (0.0, 0.46), "bed": (0.0, 0.42), "stool": (0.0, 0.7)}


def sofa(p: Pen, c: RGB) -> None:
    """A sofa with cushions."""
    for u in (-0.42, 0.42):
        p.rect(u - 0.03, 0.0, u + 0.03, 0.08, darker(WOOD, 0.2), edge=False)
    p.rect(-0.48, 0.06, 0.48, 0.75, darker(c, 0.12), radius=0.08)
    p.rect(-0.46, 0.28, 0.46, 0.42, c, radius=0.05)
    for u in (-0.22, 0.22):
        p.rect(u - 0.2, 0.42, u + 0.2, 0.68, lighter(c, 0.08), radius=0.05)
    for u in (-0.5, 0.5):
        p.rect(u - 0.07, 0.06, u + 0.07, 0.52, c, radius=0.06)


def armchair(p: Pen, c: RGB) -> None:
    """An armchair, a little from the side."""
    for u in (-0.3, 0.3):
        p.rect(u - 0.03, 0.0, u + 0.03, 0.1, darker(WOOD, 0.2), edge=False)
    p.rect(-0.4, 0.3, -0.16, 1.0, darker(c, 0.12), radius=0.1)
    p.rect(-0.36, 0.08, 0.36, 0.4, c, radius=0.06)
    p.rect(-0.38, 0.08, -0.2, 0.55, lighter(c, 0.06), radius=0.06)
    p.rect(0.24, 0.08, 0.4, 0.55, lighter(c, 0.06), radius=0.06)


def bench(p: Pen, c: RGB) -> None:
    """A park bench: slats on iron legs."""
    iron = (60, 62, 70)
    for u in (-0.4, 0.4):
        p.line([(u, 0.0), (u, 0.4), (u - 0.04, 0.8)], iron, 0.035)
        p.line([(u - 0.06, 0.0), (u + 0.08, 0.0)], iron, 0.03)
    for v in (0.36, 0.42):
        p.rect(-0.5, v - 0.025, 0.5, v + 0.025, c, radius=0.01)
    for v in (0.58, 0.7):
        p.rect(-0.5, v - 0.03, 0.5, v + 0.03, c, radius=0.01)


def bed(p: Pen, c: RGB) -> None:
    """A bed with a pillow and a blanket."""
    p.rect(-0.5, 0.0, -0.44, 0.7, darker(WOOD, 0.05), radius=0.02)
    p.rect(0.44, 0.0, 0.5, 0.5, darker(WOOD, 0.05), radius=0.02)
    p.rect(-0.46, 0.2, 0.46, 0.38, WHITE, radius=0.03)
    p.oval(-0.3, 0.45, 0.13, 0.07, WHITE)
    p.rect(-0.14, 0.22, 0.47, 0.44, c, radius=0.05)
    p.rect(-0.14, 0.38, 0.47, 0.44, lighter(c, 0.3), radius=0.03)


def table(p: Pen, c: RGB) -> None:
    """A wooden table."""
    for u in (-0.4, 0.4):
        p.rect(u - 0.04, 0.0, u + 0.04, 0.55, darker(c, 0.2))
    p.rect(-0.5, 0.55, 0.5, 0.62, c, radius=0.01)
    p.rect(-0.46, 0.48, 0.46, 0.55, darker(c, 0.12), edge=False)


def desk(p: Pen, c: RGB) -> None:
    """A desk with a drawer."""
    p.rect(-0.5, 0.55, 0.5, 0.62, c, radius=0.01)
    p.rect(0.12, 0.0, 0.46, 0.55, darker(c, 0.1))
    for v in (0.38, 0.18):
        p.rect(0.16, v, 0.42, v + 0.14, lighter(c, 0.08))
        p.rect(0.25, v + 0.06, 0.33, v + 0.08, darker(c, 0.4), edge=False)
    p.rect(-0.46, 0.0, -0.4, 0.55, darker(c, 0.2))


def bookshelf(p: Pen, c: RGB) -> None:
    """A bookshelf full of books."""
    p.rect(-0.4, 0.0, 0.4, 1.0, darker(c, 0.15))
    colours = [(190, 60, 60), (60, 110, 180), (230, 180, 60), (80, 150, 90), (140, 80, 150), (240, 240, 230)]
    for row in range(4):
        v0 = 0.04 + row * 0.24
        p.rect(-0.36, v0, 0.36, v0 + 0.2, darker(c, 0.45), edge=False)
        u = -0.34
        k = row
        while u < 0.3:
            w = 0.05 + 0.02 * ((k * 7) % 3)
            p.rect(u, v0, u + w, v0 + 0.15 + 0.03 * (k % 2), colours[k % len(colours)], edge=False)
            u += w + 0.01
            k += 1


def fireplace(p: Pen, c: RGB) -> None:
    """A brick fireplace with a fire burning."""
    p.rect(-0.5, 0.72, 0.5, 0.8, lighter(c, 0.2))
    p.rect(-0.44, 0.0, 0.44, 0.72, c)
    for v in (0.12, 0.24, 0.36, 0.48, 0.6):
        p.line([(-0.44, v), (0.44, v)], darker(c, 0.2), 0.008)
    p.rect(-0.26, 0.0, 0.26, 0.46, (40, 30, 30), radius=0.12)
    p.rect(-0.18, 0.02, 0.18, 0.07, WOOD, radius=0.02)
    p.poly([(-0.16, 0.06), (-0.1, 0.28), (-0.04, 0.18), (0.02, 0.36), (0.08, 0.2), (0.14, 0.3), (0.17, 0.06)],
           (245, 130, 40), edge=False)
    p.poly([(-0.08, 0.06), (-0.03, 0.18), (0.02, 0.24), (0.06, 0.14), (0.09, 0.06)], (255, 220, 90), edge=False)


def piano(p: Pen, c: RGB) -> None:
    """An upright piano."""
    p.rect(-0.5, 0.0, 0.5, 0.9, c, radius=0.02)
    p.rect(-0.48, 0.42, 0.48, 0.52, WHITE, edge=False)
    for k in range(14):
        u = -0.46 + k * 0.068
        p.line([(u, 0.42), (u, 0.52)], (170, 170, 170), 0.004)
        if k % 7 not in (2, 6):
            p.rect(u + 0.04, 0.47, u + 0.07, 0.52, BLACK, edge=False)
    p.rect(-0.5, 0.52, 0.5, 0.56, darker(c, 0.3), edge=False)
    p.rect(-0.3, 0.65, 0.3, 0.8, lighter(c, 0.1), radius=0.02)


def tv(p: Pen, c: RGB) -> None:
    """A television on its stand, showing a picture."""
    p.rect(-0.1, 0.0, 0.1, 0.05, c, radius=0.02)
    p.rect(-0.03, 0.04, 0.03, 0.12, c, edge=False)
    p.rect(-0.5, 0.12, 0.5, 0.7, c, radius=0.02)
    p.rect(-0.46, 0.16, 0.46, 0.66, (90, 160, 220), edge=False)
    p.poly([(-0.46, 0.16), (-0.2, 0.4), (0.0, 0.26), (0.2, 0.45), (0.46, 0.2), (0.46, 0.16)], (90, 170, 90),
           edge=False)
    p.oval(0.3, 0.55, 0.05, 0.05, (250, 230, 120), edge=False)


def houseplant(p: Pen, c: RGB) -> None:
    """A plant in a pot."""
    for a, b in ((-0.35, 0.7), (-0.2, 0.95), (0.05, 1.0), (0.28, 0.9), (0.38, 0.62), (-0.05, 0.75)):
        p.poly([(0.0, 0.38), (a - 0.08, b - 0.12), (a, b), (a + 0.08, b - 0.16)], LEAF)
        p.line([(0.0, 0.38), (a * 0.85, b * 0.9)], darker(LEAF, 0.25), 0.01)
    p.poly([(-0.24, 0.42), (0.24, 0.42), (0.18, 0.0), (-0.18, 0.0)], c)
    p.rect(-0.27, 0.36, 0.27, 0.44, lighter(c, 0.15), radius=0.02)


def stroller(p: Pen, c: RGB) -> None:
    """A baby's stroller (pram): a hooded basket on wheels with a handle."""
    frame = (70, 70, 80)
    p.line([(0.42, 0.95), (0.36, 0.9), (0.2, 0.36)], frame, 0.03)
    for u in (-0.3, 0.18):
        p.arc(u, 0.12, 0.11, 0, 360, BLACK, 0.03)
        p.oval(u, 0.12, 0.02, 0.02, frame, edge=False)
    p.line([(-0.3, 0.12), (0.18, 0.12)], frame, 0.02)
    p.poly([(-0.46, 0.62), (0.24, 0.62), (0.2, 0.32), (-0.38, 0.3)], c)
    p.poly([(-0.46, 0.62), (-0.44, 0.85), (-0.3, 0.95), (-0.1, 0.92), (0.0, 0.62)], darker(c, 0.15))
    p.line([(-0.42, 0.62), (0.22, 0.62)], lighter(c, 0.3), 0.02)


def easel(p: Pen, c: RGB) -> None:
    """An easel holding a painting."""
    p.line([(-0.3, 0.0), (0.0, 1.0)], WOOD, 0.03)
    p.line([(0.3, 0.0), (0.0, 1.0)], WOOD, 0.03)
    p.line([(0.0, 0.0), (0.0, 0.9)], darker(WOOD, 0.2), 0.025)
    p.rect(-0.32, 0.36, 0.32, 0.4, WOOD, edge=False)
    p.rect(-0.3, 0.4, 0.3, 0.88, (250, 248, 240))
    p.rect(-0.27, 0.43, 0.27, 0.6, (150, 200, 120), edge=False)
    p.rect(-0.27, 0.6, 0.27, 0.85, (150, 200, 235), edge=False)
    p.oval(0.12, 0.75, 0.06, 0.06, (250, 210, 80), edge=False)
    p.poly([(-0.27, 0.6), (-0.1, 0.75), (0.05, 0.6)], mix(c, (120, 150, 190), 0.5), edge=False)


def window(p: Pen, c: RGB) -> None:
    """A window with its frame, sill and curtains."""
    p.rect(-0.5, 0.0, 0.5, 0.06, lighter(c, 0.2))
    p.rect(-0.4, 0.06, 0.4, 0.94, c)
    p.rect(-0.34, 0.12, 0.34, 0.88, (170, 210, 240), edge=False)
    p.line([(0.0, 0.12), (0.0, 0.88)], c, 0.03)
    p.line([(-0.34, 0.5), (0.34, 0.5)], c, 0.03)
    for side in (-1, 1):
        p.poly([(side * 0.5, 1.0), (side * 0.3, 1.0), (side * 0.36, 0.3), (side * 0.5, 0.2)], (200, 80, 90))


def rug(p: Pen, c: RGB) -> None:
    """A rug on the floor."""
    p.oval(0, 0.1, 0.5, 0.1, c)
    p.oval(0, 0.1, 0.36, 0.065, lighter(c, 0.3), edge=False)
    p.oval(0, 0.1, 0.2, 0.035, darker(c, 0.1), edge=False)


def mirror(p: Pen, c: RGB) -> None:
    """A round mirror in a frame."""
    p.oval(0, 0.5, 0.42, 0.5, c)
    p.oval(0, 0.5, 0.35, 0.43, (200, 225, 240), edge=False)
    p.line([(-0.15, 0.65), (0.05, 0.85)], WHITE, 0.03)
