"""Devices: each drawn through a Pen in its own units (base 0, top 1)."""

from __future__ import annotations

from kie.simulator.art.drawings.parts import BLACK
from kie.simulator.art.pen import RGB, Pen, darker, lighter


def laptop(p: Pen, c: RGB) -> None:
    """An open laptop, its screen lit."""
    p.poly([(-0.5, 0.0), (0.5, 0.0), (0.42, 0.1), (-0.42, 0.1)], darker(c, 0.1))
    p.poly([(-0.36, 0.03), (0.36, 0.03), (0.32, 0.085), (-0.32, 0.085)], darker(c, 0.3), edge=False)
    p.rect(-0.42, 0.1, 0.42, 0.66, c, radius=0.02)
    p.rect(-0.38, 0.14, 0.38, 0.62, (60, 120, 200), edge=False)
    p.rect(-0.34, 0.5, 0.1, 0.56, (240, 240, 245), edge=False)
    for k, w in enumerate((0.5, 0.36, 0.44)):
        p.rect(-0.34, 0.4 - k * 0.08, -0.34 + w, 0.43 - k * 0.08, (170, 200, 240), edge=False)
    p.oval(0.24, 0.3, 0.07, 0.07, (250, 200, 80), edge=False)


def phone(p: Pen, c: RGB) -> None:
    """A smartphone standing up, its screen lit."""
    p.rect(-0.26, 0.0, 0.26, 1.0, c, radius=0.08)
    p.rect(-0.22, 0.08, 0.22, 0.92, (70, 140, 220), edge=False)
    p.rect(-0.08, 0.94, 0.08, 0.96, darker(c, 0.4), edge=False)
    for k in range(3):
        for j in range(3):
            p.rect(-0.17 + j * 0.12, 0.7 - k * 0.14, -0.09 + j * 0.12, 0.78 - k * 0.14,
                   [(250, 200, 80), (120, 210, 140), (240, 120, 130)][(k + j) % 3], edge=False)


def tablet(p: Pen, c: RGB) -> None:
    """A tablet standing up."""
    p.rect(-0.4, 0.0, 0.4, 1.0, c, radius=0.06)
    p.rect(-0.35, 0.06, 0.35, 0.94, (90, 160, 210), edge=False)
    p.poly([(-0.35, 0.06), (-0.1, 0.4), (0.1, 0.25), (0.35, 0.55), (0.35, 0.06)], (110, 180, 110), edge=False)


def computer(p: Pen, c: RGB) -> None:
    """A desktop computer: a monitor on its stand and a keyboard."""
    p.rect(-0.5, 0.0, 0.3, 0.06, lighter(c, 0.2), radius=0.02)
    p.rect(-0.08, 0.06, 0.08, 0.22, c, edge=False)
    p.rect(-0.2, 0.06, 0.2, 0.09, c, edge=False)
    p.rect(-0.5, 0.22, 0.5, 0.86, c, radius=0.03)
    p.rect(-0.46, 0.26, 0.46, 0.82, (60, 120, 200), edge=False)
    for k in range(4):
        p.rect(-0.4, 0.72 - k * 0.1, -0.4 + (0.5, 0.3, 0.6, 0.4)[k], 0.75 - k * 0.1, (180, 210, 245), edge=False)


def camera(p: Pen, c: RGB) -> None:
    """A camera with its lens."""
    p.rect(-0.2, 0.55, 0.1, 0.66, c, radius=0.02)
    p.rect(-0.5, 0.0, 0.5, 0.6, c, radius=0.06)
    p.oval(0.0, 0.3, 0.26, 0.26, darker(c, 0.4))
    p.oval(0.0, 0.3, 0.18, 0.18, (60, 80, 120), edge=False)
    p.oval(-0.06, 0.36, 0.05, 0.05, (170, 200, 240), edge=False)
    p.rect(0.3, 0.45, 0.42, 0.52, (250, 240, 200), edge=False)


def headphones(p: Pen, c: RGB) -> None:
    """Headphones."""
    p.arc(0.0, 0.4, 0.38, 0, 180, c, 0.07)
    for side in (-1, 1):
        p.rect(side * 0.38 - 0.12, 0.0, side * 0.38 + 0.12, 0.42, c, radius=0.08)
        p.rect(side * 0.38 - 0.08, 0.05, side * 0.38 + 0.08, 0.37, darker(c, 0.35), radius=0.06)


def watch(p: Pen, c: RGB) -> None:
    """A wristwatch."""
    p.rect(-0.14, 0.0, 0.14, 1.0, c, radius=0.05)
    p.oval(0, 0.5, 0.3, 0.3, (200, 200, 210))
    p.oval(0, 0.5, 0.25, 0.25, (250, 250, 245), edge=False)
    p.line([(0.0, 0.5), (0.0, 0.68)], BLACK, 0.03)
    p.line([(0.0, 0.5), (0.12, 0.44)], BLACK, 0.03)


def glasses(p: Pen, c: RGB) -> None:
    """A pair of glasses."""
    for side in (-1, 1):
        p.oval(side * 0.24, 0.3, 0.2, 0.18, (210, 230, 245))
        p.arc(side * 0.24, 0.3, 0.2, 0, 360, c, 0.035)
    p.arc(0.0, 0.32, 0.06, 20, 160, c, 0.03)
    p.line([(-0.44, 0.36), (-0.5, 0.5)], c, 0.03)
    p.line([(0.44, 0.36), (0.5, 0.5)], c, 0.03)


def microphone(p: Pen, c: RGB) -> None:
    """A microphone on a stand."""
    p.oval(0, 0.03, 0.24, 0.04, darker(c, 0.3))
    p.line([(0.0, 0.04), (0.0, 0.7)], darker(c, 0.2), 0.03)
    p.rect(-0.06, 0.68, 0.06, 0.8, c, radius=0.02)
    p.oval(0.0, 0.88, 0.11, 0.12, (170, 170, 180))
    for v in (0.84, 0.9):
        p.line([(-0.09, v), (0.09, v)], (120, 120, 130), 0.01)


def lightbulb(p: Pen, c: RGB) -> None:
    """A light bulb, lit."""
    p.oval(0, 0.62, 0.36, 0.36, lighter(c, 0.5), edge=False)
    p.oval(0, 0.62, 0.26, 0.28, c)
    p.rect(-0.12, 0.1, 0.12, 0.38, (180, 180, 190), radius=0.02)
    for v in (0.18, 0.26):
        p.line([(-0.12, v), (0.12, v)], (130, 130, 140), 0.015)
    p.line([(-0.06, 0.45), (0.0, 0.62), (0.06, 0.45)], (220, 140, 40), 0.015)

