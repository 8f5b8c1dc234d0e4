"""A person's body in its own units (base 0, standing height 1, facing the subject's right): what they wear
(`Outfit`) and how they stand (`Pose`: the joints worked out before anything is drawn, so what a person holds,
rides or walks can be placed at their hands by the group that draws them together).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from kie.simulator.art.pen import RGB, Point

SKIN = [(241, 200, 165), (214, 160, 120), (170, 112, 78), (118, 78, 52)]
HAIR = {"brown": (92, 60, 38), "black": (38, 32, 34), "blond": (222, 184, 100), "grey": (196, 196, 200),
        "red": (176, 74, 40), "white": (236, 236, 238)}
THIGH, SHIN, UPPER_ARM, FOREARM = 0.25, 0.235, 0.155, 0.15
HIP, SHOULDER, HEAD, HEAD_R = 0.49, 0.785, 0.895, 0.078


@dataclass(frozen=True)
class Outfit:
    """What a kind of person looks like."""

    top: RGB = (70, 120, 190)
    legs: RGB = (55, 60, 80)  # trousers
    skirt: RGB | None = None  # a skirt or dress in this colour over the legs
    hair: str = "short"  # short, long, bun, bald, ponytail, curly, none
    hair_colour: RGB = HAIR["brown"]
    hat: str | None = None  # chef, cap, crown, hard, wizard, straw, beanie, helmet, police, cowboy, beret, sun, tiara
    hat_colour: RGB | None = None
    skin: int = 0
    height: float = 1.0  # a child is smaller; the drawing is scaled, the head a little larger
    coat: RGB | None = None  # a long coat over the top (a doctor's white coat, a wizard's robe)
    apron: RGB | None = None
    beard: RGB | None = None
    glasses: bool = False
    sleeves: str = "long"  # long or short (forearms bare)
    shorts: bool = False
    shoes: RGB = (45, 40, 40)
    cape: RGB | None = None
    backpack: RGB | None = None
    helmet_visor: bool = False  # an astronaut's round helmet
    extra: str | None = None  # stethoscope, tie, crown-robe, badge, scarf, nose, vest
    extra_colour: RGB | None = None


@dataclass(frozen=True)
class Pose:
    """Where the joints are, in the figure's units. `front` figures face out; side ones face the right."""

    front: bool
    hip: Point
    shoulder: Point
    knees: tuple[Point, Point]  # near, far
    feet: tuple[Point, Point]
    elbows: tuple[Point, Point]
    hands: tuple[Point, Point]
    hips: tuple[Point, Point] = ((0.0, 0.0), (0.0, 0.0))
    shoulders: tuple[Point, Point] = ((0.0, 0.0), (0.0, 0.0))
    sitting: bool = False
    held: str | None = None  # where the held thing goes: "near", "both", "ear", "none"
    points: dict[str, Point] = field(default_factory=dict, compare=False, hash=False)


def reach(root: Point, target: Point, a: float, b: float, bend: int) -> tuple[Point, Point]:
    """The joint and the end of a two-part limb from `root` towards `target` (lengths a, b).

    `bend` +1 bends the joint counter-clockwise of the straight line (a knee forward when the leg points down),
    -1 clockwise. A target out of reach is reached for in a straight line.
    """
    dx, dy = target[0] - root[0], target[1] - root[1]
    d = math.hypot(dx, dy) or 1e-6
    d_eff = max(abs(a - b) + 1e-4, min(a + b - 1e-4, d))
    angle = math.atan2(dy, dx)
    inner = math.acos(max(-1.0, min(1.0, (a * a + d_eff * d_eff - b * b) / (2 * a * d_eff))))
    joint = (root[0] + a * math.cos(angle + bend * inner), root[1] + a * math.sin(angle + bend * inner))
    end = (root[0] + d_eff * math.cos(angle), root[1] + d_eff * math.sin(angle))
    return joint, end


def pose(action: str = "stand", *, seat: float = 0.3, grip: Point | None = None, feet: tuple[Point, Point] | None
         = None, hip: Point | None = None) -> Pose:
    """A pose for an action, its joints worked out.

    stand, hold (one hand in front), both (both hands in front: a book, a bowl), ear (a phone), drink, raise (an
    arm up: a balloon's string, a kite), wave, dance, walk, run, push, leash, sit, ride, cook, play (a guitar),
    type (a laptop on the lap), paint, fish. `seat` is a seat's height, `grip` where the hands go (handlebars,
    a stroller's handle), `feet` where the feet go (pedals), `hip` where the hip goes (a saddle).
    """
    front = action in ("stand", "hold", "both", "ear", "drink", "raise", "wave", "dance", "cook", "play", "paint")
    if front:
        hp = (0.0, HIP)
        hips = ((0.055, HIP), (-0.055, HIP))
        shoulders = ((0.115, SHOULDER - 0.01), (-0.115, SHOULDER - 0.01))
        foot = ((0.075, 0.025), (-0.075, 0.025))
        if action == "dance":
            foot = ((0.16, 0.05), (-0.07, 0.025))
        knees = tuple(((h[0] + f[0]) / 2 + (0.02 if f[0] > 0 else -0.02) * (action == "dance"),
                       (h[1] + f[1]) / 2) for h, f in zip(hips, foot, strict=True))
        targets = {
            "stand": ((0.16, 0.48), (-0.16, 0.48)), "hold": ((0.08, 0.62), (-0.16, 0.48)),
            "both": ((0.08, 0.6), (-0.08, 0.6)), "ear": ((0.09, 0.86), (-0.17, 0.49)),
            "drink": ((0.04, 0.8), (-0.17, 0.49)), "raise": ((0.24, 0.98), (-0.17, 0.49)),
            "wave": ((0.26, 1.02), (-0.17, 0.49)), "dance": ((0.3, 0.98), (-0.28, 0.72)),
            "cook": ((0.2, 0.6), (-0.09, 0.58)), "play": ((0.06, 0.52), (-0.02, 0.66)),
            "paint": ((0.28, 0.72), (-0.17, 0.49)),
        }[action]
        bends = {"stand": (1, -1), "raise": (-1, -1), "wave": (-1, -1), "dance": (-1, 1), "ear": (1, -1)}
        elbows, hands = [], []
        for i, (sh, t) in enumerate(zip(shoulders, targets, strict=True)):
            e, h = reach(sh, t, UPPER_ARM, FOREARM, bends.get(action, (1, -1))[i])
            elbows.append(e)
            hands.append(h)
        held = {"hold": "near", "both": "both", "ear": "ear", "drink": "near", "raise": "near", "cook": "near",
                "play": "both", "paint": "near"}.get(action, "none")
        return Pose(True, hp, (0.0, SHOULDER), tuple(knees), foot, tuple(elbows), tuple(hands), hips, shoulders,
                    held=held)
    # side views, facing the right
    lean = {"run": 0.06, "push": 0.07, "ride": 0.07, "walk": 0.015, "leash": 0.0, "type": 0.0}.get(action, 0.0)
    if action in ("sit", "type", "fish") or (action == "ride" and hip is not None):
        hp = hip or (0.0, seat)
        sh = (hp[0] + lean, hp[1] + SHOULDER - HIP)
        if feet is None:
            feet = ((hp[0] + 0.27, 0.025), (hp[0] + 0.22, 0.025)) if hp[1] > 0.2 else ((hp[0] + 0.42, hp[1]),
                                                                                      (hp[0] + 0.38, hp[1]))
        knee_n, foot_n = reach(hp, feet[0], THIGH, SHIN, 1 if feet[0][1] < hp[1] else -1)
        knee_f, foot_f = reach(hp, feet[1], THIGH, SHIN, 1 if feet[1][1] < hp[1] else -1)
        if action == "type":
            grip = grip or (hp[0] + 0.2, hp[1] + 0.1)
        elif action == "fish":
            grip = grip or (hp[0] + 0.2, hp[1] + 0.16)
        grip = grip or (hp[0] + 0.16, hp[1] + 0.08)  # hands in the lap
        e_n, h_n = reach(sh, grip, UPPER_ARM, FOREARM, -1)
        e_f, h_f = reach(sh, (grip[0] - 0.03, grip[1] + 0.01), UPPER_ARM, FOREARM, -1)
        held = {"type": "lap", "fish": "near", "ride": "none"}.get(action, "near")
        return Pose(False, hp, sh, (knee_n, knee_f), (foot_n, foot_f), (e_n, e_f), (h_n, h_f), sitting=True,
                    held=held)
    stride = {"walk": 0.13, "leash": 0.12, "run": 0.22, "push": 0.13}.get(action, 0.1)
    hp = (0.0, HIP - (0.03 if action == "run" else 0.01))
    sh = (hp[0] + lean, hp[1] + SHOULDER - HIP)
    lift = 0.1 if action == "run" else 0.0
    knee_n, foot_n = reach(hp, (stride, 0.025), THIGH, SHIN, 1)
    knee_f, foot_f = reach(hp, (-stride * 0.9, 0.025 + lift), THIGH, SHIN, 1)
    if action == "run":
        knee_f, foot_f = reach(hp, (-0.27, 0.24), THIGH, SHIN, 1)
    if action == "push" and grip is not None:
        hand_targets = (grip, (grip[0] - 0.02, grip[1]))
    elif action == "leash":
        hand_targets = ((0.22, 0.5), (-0.12, 0.48))
    elif action == "run":
        hand_targets = ((0.16, 0.72), (-0.14, 0.56))
    else:
        hand_targets = ((0.11, 0.47), (-0.1, 0.49))
    bend_n = -1
    e_n, h_n = reach(sh, hand_targets[0], UPPER_ARM, FOREARM, bend_n)
    e_f, h_f = reach(sh, hand_targets[1], UPPER_ARM, FOREARM, 1)
    return Pose(False, hp, sh, (knee_n, knee_f), (foot_n, foot_f), (e_n, e_f), (h_n, h_f),
                held="near" if action in ("leash", "push") else "none")


def ride_pose(seat: Point, grip: Point, pedal: Point) -> Pose:
    """Riding: the hip on a saddle at `seat`, the hands on the handlebars at `grip`, the feet at `pedal`."""
    return pose("ride", hip=seat, grip=grip, feet=(pedal, (pedal[0] - 0.06, pedal[1] + 0.03)))


