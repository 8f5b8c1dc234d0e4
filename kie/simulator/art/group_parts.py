"""What a group is (a drawing in metres, and where each of its named parts is) and the pieces every group is laid
out with: a subject at a place and size, a line, a thing put with its anchor at a point, the tops things stand on.

`groups.group(unit)` builds a unit's group from these; `person_groups` lays out people with what they do it with.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kie.simulator.art.drawings.home import SEATS
from kie.simulator.art.pen import RGB, Pen, Point
from kie.simulator.art.subjects import SUBJECTS, extents, metres
from kie.simulator.art.vocab import Unit

SURFACE_TOPS: dict[str, tuple[float, float]] = {**SEATS, "bridge": (0.0, 0.64), "table": (0.0, 0.62),
                                                "desk": (0.0, 0.62), "sled": (0.0, 0.26), "swing": (0.0, 0.32),
                                                "branch": (0.0, 0.36), "tree": (0.2, 0.55)}
Box = tuple[float, float, float, float]  # left, right, bottom, top


@dataclass
class Group:
    """A unit's drawing: `draw(pen, tint)` in units of `norm` metres, and where each named part is."""

    unit: Unit
    norm: float  # metres in one of the group's units
    ops: list[Callable[[Pen, Callable[[RGB], RGB]], None]] = field(default_factory=list)
    boxes: dict[str, Box] = field(default_factory=dict)  # in metres
    place: str = "ground"
    kinds: tuple[str, ...] = ()

    def draw(self, pen: Pen, tint: Callable[[RGB], RGB] = lambda c: c) -> None:
        """Draw the group with its base centre at the pen's origin, the pen's unit being `norm` metres."""
        root = pen.sub(0, 0, 1 / self.norm)  # from here on, one unit is a metre
        for op in self.ops:
            op(root, tint)

    def box(self, kind: str) -> Box:
        """Where a named part is, in the group's units."""
        u0, u1, v0, v1 = self.boxes[kind]
        return u0 / self.norm, u1 / self.norm, v0 / self.norm, v1 / self.norm


def _colour(kind: str, colour: RGB | None, tint: Callable[[RGB], RGB]) -> RGB:
    return colour if colour is not None else tint(SUBJECTS[kind].colour)


def subject_op(kind: str, u: float, v: float, s: float, colour: RGB | None, flip: bool = False):
    def op(p: Pen, tint):
        SUBJECTS[kind].draw(p.sub(u, v, s, flip), _colour(kind, colour, tint))

    return op


def subject_box(kind: str, u: float, v: float, s: float, flip: bool = False) -> Box:
    e0, e1, e2, e3 = extents(kind)
    if flip:
        e0, e1 = -e1, -e0
    return u + e0 * s, u + e1 * s, v + e2 * s, v + e3 * s


def line_op(points: list[Point], colour: RGB, width: float):
    def op(p: Pen, tint):
        p.line(points, colour, width)

    return op


def place_thing(g: Group, kind: str, colour: RGB | None, at: Point, how: str, size: float | None = None,
                flip: bool = False) -> None:
    """Put a thing with its anchor at `at` (metres): its centre (centre), its base (base) or its top (top)."""
    s = metres(kind) * (size or 1.0)
    e0, e1, e2, e3 = extents(kind)
    cu = (e0 + e1) / 2 * s * (-1 if flip else 1)
    if how == "centre":
        u, v = at[0] - cu, at[1] - (e2 + e3) / 2 * s
    elif how == "top":
        u, v = at[0] - cu, at[1] - e3 * s
    elif how == "butt":  # its lower left end in the hand (a fishing rod)
        u, v = at[0] - e0 * s, at[1] - e2 * s
    else:
        u, v = at[0] - cu, at[1] - e2 * s
    g.ops.append(subject_op(kind, u, v, s, colour, flip))
    g.boxes[kind] = subject_box(kind, u, v, s, flip)
