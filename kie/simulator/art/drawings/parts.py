"""Colours and small parts the drawings share (an eye, legs, windows)."""

from __future__ import annotations

from kie.simulator.art.pen import RGB, Pen, darker

WHITE, BLACK, PINK = (248, 246, 240), (34, 32, 38), (236, 150, 160)
WOOD, LEAF = (122, 80, 48), (70, 150, 70)


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


def windows(p: Pen, u0: float, v0: float, u1: float, v1: float, cols: int, rows: int, lit: RGB,
            frame: RGB) -> None:
    """A grid of windows between two corners, a few of them dark."""
    w, h = (u1 - u0) / cols, (v1 - v0) / rows
    for i in range(cols):
        for j in range(rows):
            a, b = u0 + i * w, v0 + j * h
            p.rect(a + w * 0.2, b + h * 0.2, a + w * 0.8, b + h * 0.8, lit if (i * 3 + j * 5) % 4 else frame,
                   edge=False)
