"""A person's head: hair, face, glasses, a beard and a hat, drawn in the person's units."""

from __future__ import annotations

import math

from kie.simulator.art.drawings.bodies import HEAD_R, Outfit
from kie.simulator.art.drawings.parts import BLACK, WHITE
from kie.simulator.art.pen import RGB, Pen, Point, darker, lighter


def head(p: Pen, o: Outfit, skin: RGB, at: Point, front: bool) -> None:
    """The head with its hair, face and hat."""
    u, v = at
    r = HEAD_R
    hair = o.hair_colour
    if o.hair == "long":
        p.poly([(u - r * 1.05, v + r * 0.2), (u - r * 1.15, v - r * 1.9), (u + r * 1.15, v - r * 1.9),
                (u + r * 1.05, v + r * 0.2)] if front else
               [(u - r * 1.1, v + r * 0.3), (u - r * 1.2, v - r * 1.9), (u + r * 0.1, v - r * 1.9),
                (u + r * 0.3, v)], hair)
    elif o.hair == "ponytail":
        p.line([(u - r * 0.8, v + r * 0.5), (u - r * 1.4, v - r * 0.2), (u - r * 1.3, v - r * 0.9)], hair, r * 0.55)
    p.oval(u, v, r * 0.92, r, skin)
    if o.helmet_visor:
        p.oval(u, v, r * 1.45, r * 1.45, (236, 238, 242))
        p.oval(u + (0 if front else r * 0.35), v, r * 1.0, r * 0.82, (60, 80, 120), edge=False)
        p.oval(u - r * 0.3 + (0 if front else r * 0.35), v + r * 0.3, r * 0.25, r * 0.18, (160, 190, 230),
               edge=False)
        return
    # hair on top
    if o.hair in ("short", "long", "ponytail", "curly", "bun"):
        top = [(u - r * 0.98, v + r * 0.1), (u - r * 0.9, v + r * 0.75), (u - r * 0.4, v + r * 1.12),
               (u + r * 0.4, v + r * 1.12), (u + r * 0.9, v + r * 0.75), (u + r * 0.98, v + r * 0.1),
               (u + r * 0.6, v + r * 0.55), (u - r * 0.2, v + r * 0.6)]
        if not front:
            top = [(u - r * 1.0, v - r * 0.3), (u - r * 0.95, v + r * 0.7), (u - r * 0.4, v + r * 1.12),
                   (u + r * 0.4, v + r * 1.1), (u + r * 0.85, v + r * 0.65), (u + r * 0.3, v + r * 0.55),
                   (u - r * 0.1, v + r * 0.3), (u - r * 0.45, v - r * 0.2)]
        p.poly(top, hair)
        if o.hair == "curly":
            for k in range(6):
                a = math.pi * (0.05 + 0.9 * k / 5)
                p.oval(u + r * math.cos(a) * 0.95, v + r * 0.25 + r * math.sin(a) * 0.85, r * 0.34, r * 0.34, hair)
        if o.hair == "bun":
            p.oval(u - (0 if front else r * 0.5), v + r * 1.15, r * 0.45, r * 0.4, hair)
    elif o.hair == "bald":
        for side in ((-1, 1) if front else (-1,)):
            p.oval(u + side * r * 0.85, v + r * 0.05, r * 0.22, r * 0.38, o.hair_colour, edge=False)
    # face
    eye = (40, 36, 40)
    if front:
        for side in (-1, 1):
            p.oval(u + side * r * 0.36, v + r * 0.08, r * 0.11, r * 0.13, eye, edge=False)
        p.arc(u, v - r * 0.12, r * 0.36, 200, 340, darker(skin, 0.45), r * 0.08)
        if o.extra == "nose":
            p.oval(u, v - r * 0.05, r * 0.22, r * 0.22, (225, 40, 40), edge=False)
        else:
            p.oval(u + r * 0.55, v - r * 0.18, r * 0.16, r * 0.1, lighter((230, 120, 120), 0.3), edge=False)
    else:
        p.oval(u + r * 0.5, v + r * 0.1, r * 0.11, r * 0.13, eye, edge=False)
        p.poly([(u + r * 0.88, v + r * 0.05), (u + r * 1.1, v - r * 0.2), (u + r * 0.85, v - r * 0.25)], skin,
               edge=False)
        p.line([(u + r * 0.45, v - r * 0.45), (u + r * 0.7, v - r * 0.42)], darker(skin, 0.45), r * 0.07)
    if o.glasses:
        frame = (50, 45, 50)
        for side in ((-1, 1) if front else (1,)):
            cx = u + side * r * 0.36 if front else u + r * 0.52
            p.arc(cx, v + r * 0.08, r * 0.26, 0, 360, frame, r * 0.07)
        if front:
            p.line([(u - r * 0.1, v + r * 0.1), (u + r * 0.1, v + r * 0.1)], frame, r * 0.06)
    if o.beard is not None:
        p.poly([(u - r * 0.85, v - r * 0.05), (u - r * 0.6, v - r * 0.85), (u, v - r * 1.35),
                (u + r * 0.6, v - r * 0.85), (u + r * 0.85, v - r * 0.05), (u + r * 0.4, v - r * 0.35),
                (u - r * 0.4, v - r * 0.35)] if front else
               [(u - r * 0.2, v - r * 0.1), (u + r * 0.9, v - r * 0.45), (u + r * 0.5, v - r * 1.3),
                (u - r * 0.3, v - r * 0.7)], o.beard)
    _hat(p, o, (u, v), front)


def _hat(p: Pen, o: Outfit, at: Point, front: bool) -> None:
    u, v = at
    r = HEAD_R
    hat = o.hat
    c = o.hat_colour
    if hat is None:
        return
    if hat == "chef":
        c = c or WHITE
        p.rect(u - r * 0.85, v + r * 0.55, u + r * 0.85, v + r * 1.0, c)
        for du in (-0.5, 0.0, 0.5):
            p.oval(u + du * r, v + r * 1.55, r * 0.55, r * 0.6, c)
    elif hat == "cap":
        c = c or (200, 50, 50)
        p.oval(u, v + r * 0.62, r * 0.95, r * 0.55, c)
        p.rect(u - r * 0.95, v + r * 0.55, u + r * 0.95, v + r * 0.7, c, edge=False)
        p.rect(u + r * 0.2, v + r * 0.52, u + r * 1.55, v + r * 0.66, darker(c, 0.2), radius=r * 0.05)
    elif hat in ("crown", "tiara"):
        c = c or (240, 195, 50)
        tall = 0.75 if hat == "crown" else 0.4
        p.poly([(u - r * 0.8, v + r * 0.7), (u - r * 0.85, v + r * (0.7 + tall)), (u - r * 0.42, v + r * 1.05),
                (u, v + r * (0.8 + tall)), (u + r * 0.42, v + r * 1.05), (u + r * 0.85, v + r * (0.7 + tall)),
                (u + r * 0.8, v + r * 0.7)], c)
        p.oval(u, v + r * 0.95, r * 0.12, r * 0.12, (210, 40, 70), edge=False)
    elif hat == "hard":
        c = c or (245, 200, 40)
        p.oval(u, v + r * 0.55, r * 1.0, r * 0.75, c)
        p.rect(u - r * 1.2, v + r * 0.45, u + r * 1.2, v + r * 0.6, c)
    elif hat in ("wizard", "witch"):
        c = c or ((60, 60, 150) if hat == "wizard" else (40, 36, 44))
        p.oval(u, v + r * 0.6, r * 1.6, r * 0.28, c)
        p.poly([(u - r * 0.85, v + r * 0.65), (u + r * 0.3, v + r * 3.2), (u + r * 0.85, v + r * 0.65)], c)
        if hat == "wizard":
            p.star(u, v + r * 1.4, r * 0.3, (245, 215, 80))
    elif hat in ("straw", "sun", "cowboy"):
        c = c or {"straw": (225, 190, 110), "sun": (235, 215, 170), "cowboy": (150, 100, 60)}[hat]
        p.oval(u, v + r * 0.6, r * 1.75, r * 0.3, c)
        p.rect(u - r * 0.75, v + r * 0.6, u + r * 0.75, v + r * 1.3, c, radius=r * 0.3)
        p.rect(u - r * 0.75, v + r * 0.65, u + r * 0.75, v + r * 0.82, darker(c, 0.3), edge=False)
    elif hat == "beanie":
        c = c or (200, 60, 70)
        p.oval(u, v + r * 0.5, r * 0.98, r * 0.8, c)
        p.rect(u - r * 1.0, v + r * 0.35, u + r * 1.0, v + r * 0.62, darker(c, 0.15), radius=r * 0.1)
        p.oval(u, v + r * 1.35, r * 0.25, r * 0.25, WHITE)
    elif hat == "helmet":
        c = c or (60, 140, 220)
        p.poly([(u - r * 1.05, v + r * 0.3), (u - r * 0.7, v + r * 1.05), (u + r * 0.3, v + r * 1.2),
                (u + r * 1.05, v + r * 0.6), (u + r * 0.95, v + r * 0.3)], c)
    elif hat == "police":
        c = c or (30, 40, 80)
        p.rect(u - r * 0.9, v + r * 0.5, u + r * 0.9, v + r * 0.95, c)
        p.oval(u, v + r * 1.0, r * 1.05, r * 0.3, c)
        p.rect(u - r * 0.95, v + r * 0.45, u + r * 0.95, v + r * 0.6, BLACK, edge=False)
        p.oval(u, v + r * 0.78, r * 0.14, r * 0.14, (240, 200, 60), edge=False)
    elif hat == "beret":
        c = c or (170, 40, 50)
        p.oval(u - r * 0.15, v + r * 0.8, r * 1.05, r * 0.4, c)
    elif hat == "pirate":
        c = c or (34, 30, 36)
        p.poly([(u - r * 1.4, v + r * 0.6), (u, v + r * 1.6), (u + r * 1.4, v + r * 0.6), (u, v + r * 0.85)], c)
        p.oval(u, v + r * 1.1, r * 0.2, r * 0.18, WHITE, edge=False)


