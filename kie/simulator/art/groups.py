"""A unit of a reading drawn as one group, in metres: a person with what they ride, hold, walk, push or sit on;
an animal on its seat; a dish with what lies on it; or a subject on its own.

`group(unit)` works out where each part goes (a rider's hip on the saddle, their hands on the handlebars, a book
in both hands, a dog ahead on its leash) and returns a `Group`: a drawing in units of its tallest part's height
(base 0, centre 0) that the composer places like any subject, and where each named part is inside it.
"""

from __future__ import annotations

from functools import cache

from kie.simulator.art.drawings.home import SEATS
from kie.simulator.art.drawings.people import OUTFITS
from kie.simulator.art.group_parts import SURFACE_TOPS, Group, subject_box, subject_op
from kie.simulator.art.pen import RGB
from kie.simulator.art.person_groups import dancing_couple, person_group
from kie.simulator.art.subjects import SUBJECTS, extents, measure, metres
from kie.simulator.art.vocab import Unit

__all__ = ["Group", "group", "group_extents", "single"]


def _thing_group(unit: Unit) -> Group:
    kind = unit.kind
    s = metres(kind)
    g = Group(unit, SUBJECTS[kind].real, kinds=unit.names, place=SUBJECTS[kind].place)
    if unit.seat is not None:
        seat = unit.seat
        ss = metres(seat)
        if seat == "tree":
            ss *= 0.6
        top_u, top_v = SURFACE_TOPS.get(seat, (0.0, 0.5))
        g.ops.append(subject_op(seat, 0.0, 0.0, ss, unit.seat_colour))
        g.boxes[seat] = subject_box(seat, 0.0, 0.0, ss)
        drawn = "puppy" if kind == "dog" and seat in SEATS else kind
        size = s
        if seat == "bridge":  # a train crossing a bridge: as long as half the bridge
            size = 0.5 * (extents(seat)[1] - extents(seat)[0]) * ss / (extents(kind)[1] - extents(kind)[0])
        if SUBJECTS[kind].real > 0.9 * SUBJECTS[seat].real and seat != "bridge":
            size = s * 0.9 * SUBJECTS[seat].real / SUBJECTS[kind].real  # a cat on a sofa, not a sofa under a cow
        u = top_u * ss
        if drawn == "puppy":
            size = metres("puppy") * SUBJECTS["dog"].real / SUBJECTS["puppy"].real * 0.7
        e0, e1, e2, _ = extents(drawn)
        g.ops.append(subject_op(drawn, u - (e0 + e1) / 2 * size, top_v * ss - e2 * size, size, unit.colour))
        g.boxes[kind] = subject_box(drawn, u - (e0 + e1) / 2 * size, top_v * ss - e2 * size, size)
        g.norm = max(SUBJECTS[seat].real if seat != "bridge" else SUBJECTS[kind].real * 2.2,
                     top_v * ss + SUBJECTS[kind].real)
        g.place = "ground" if SUBJECTS[seat].place != "table" else "table"
        if seat == "bridge":
            g.place = "ground"
        return g
    g.ops.append(subject_op(kind, 0.0, 0.0, s, unit.colour))
    g.boxes[kind] = subject_box(kind, 0.0, 0.0, s)
    if unit.extra:
        extra = unit.extra
        u0, u1, v0, v1 = g.boxes[kind]
        es = metres(extra) * max(1.0, min(2.0, 0.5 * (v1 - v0) / SUBJECTS[extra].real))
        e0, e1, e2, e3 = extents(extra)
        if extra in ("chopsticks", "fork", "knife", "spoon", "pen", "pencil"):
            # resting on the dish's rim, at a slant, or standing beside it
            if extra == "chopsticks":  # across the bowl's rim, reaching out to the right
                es = metres(extra) * (u1 - u0) * 0.9 / ((e1 - e0) * metres(extra))
                u, v = u0 + (u1 - u0) * 0.62 - (e0 + e1) / 2 * es, v0 + (v1 - v0) * 0.5
            else:
                es = metres(extra) * (v1 - v0) * 0.95 / ((e3 - e2) * metres(extra))
                u, v = u1 + (e1 - e0) / 2 * es + 0.02 * (u1 - u0), 0.0
        else:  # strawberries on the pancakes, a cherry on the cake
            es = metres(extra) * min(1.6, (v1 - v0) * 0.35 / SUBJECTS[extra].real)
            u, v = u0 + (u1 - u0) * 0.62, v1 - (v1 - v0) * 0.12
            g.ops.append(subject_op(extra, u - 0.18 * (u1 - u0), v - 0.05 * (v1 - v0), es * 0.85,
                                    unit.extra_colour))
        g.ops.append(subject_op(extra, u, v, es, unit.extra_colour))
        g.boxes[extra] = subject_box(extra, u, v, es)
    return g



@cache
def group(unit: Unit) -> Group:
    """The group a unit is drawn as (worked out once per unit)."""
    if unit.kind == "couple" and unit.action == "dance":
        return dancing_couple(unit)
    if SUBJECTS[unit.kind].group == "person" and unit.kind in OUTFITS and (unit.thing or unit.seat or unit.action):
        g = person_group(unit)
        g.place = "ground"
        return g
    return _thing_group(unit)


@cache
def group_extents(unit: Unit) -> tuple[float, float, float, float]:
    """Where a group's drawing reaches, in its units: (left, right, bottom, top)."""
    g = group(unit)
    return measure(lambda p, c: g.draw(p))


def single(kind: str, colour: RGB | None = None) -> Unit:
    """The unit of one subject on its own."""
    return Unit(kind, 1, colour, names=(kind,))
