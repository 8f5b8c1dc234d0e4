"""A unit of a reading drawn as one group, in metres: a person with what they ride, hold, walk, push or sit on;
an animal on its seat; a dish with what lies on it; or a subject on its own.

`group(unit)` works out where each part goes (a rider's hip on the saddle, their hands on the handlebars, a book
in both hands, a dog ahead on its leash) and returns a `Group`: a drawing in units of its tallest part's height
(base 0, centre 0) that the composer places like any subject, and where each named part is inside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from kie.simulator.art.drawings.bodies import Pose, pose, ride_pose
from kie.simulator.art.drawings.home import SEATS
from kie.simulator.art.drawings.people import OUTFITS, SKIN, figure
from kie.simulator.art.pen import RGB, Pen, Point, darker
from kie.simulator.art.subjects import SUBJECTS, extents, measure, metres
from kie.simulator.art.vocab import Unit

# Where a rider goes, in the ridden subject's units: the saddle, the hands, the feet.
RIDES: dict[str, tuple[Point, Point, Point]] = {
    "bicycle": ((-0.15, 0.6), (0.17, 0.62), (-0.04, 0.17)),
    "motorbike": ((-0.2, 0.5), (0.22, 0.6), (0.0, 0.24)),
    "horse": ((-0.08, 0.69), (0.25, 0.82), (-0.02, 0.4)),
    "zebra": ((-0.08, 0.69), (0.25, 0.82), (-0.02, 0.4)),
    "donkey": ((-0.08, 0.69), (0.25, 0.82), (-0.02, 0.4)),
    "unicorn": ((-0.08, 0.69), (0.25, 0.82), (-0.02, 0.4)),
    "camel": ((-0.05, 0.8), (0.3, 0.8), (-0.02, 0.5)),
    "elephant": ((-0.12, 0.83), (0.2, 0.82), (-0.08, 0.55)),
}
# Things stood on: the deck's height and, for a scooter, where the hands go.
BOARDS: dict[str, tuple[float, Point | None]] = {"skateboard": (0.28, None), "scooter": (0.16, (0.28, 0.86))}
SURFACE_TOPS: dict[str, tuple[float, float]] = {**SEATS, "bridge": (0.0, 0.64), "table": (0.0, 0.62),
                                                "desk": (0.0, 0.62), "sled": (0.0, 0.26), "swing": (0.0, 0.32),
                                                "branch": (0.0, 0.36), "tree": (0.2, 0.55)}
# What sitting people sit on when the prompt names no seat.
IMPLIED_SEAT = {"read": "armchair", "type": "chair", "sit": "chair"}
IMPLIED_SEAT_FOR = {"notebook": "chair", "laptop": "chair"}  # writing or typing: at a chair, not an armchair
SEATED_ACTIONS = {"read", "type", "sit"}
FRONT_USES = {"hand", "both", "ear", "mouth", "above", "sky", "overhead", "low", "strum", "rod", "carry"}
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


def _subject_op(kind: str, u: float, v: float, s: float, colour: RGB | None, flip: bool = False):
    def op(p: Pen, tint):
        SUBJECTS[kind].draw(p.sub(u, v, s, flip), _colour(kind, colour, tint))

    return op


def _subject_box(kind: str, u: float, v: float, s: float, flip: bool = False) -> Box:
    e0, e1, e2, e3 = extents(kind)
    if flip:
        e0, e1 = -e1, -e0
    return u + e0 * s, u + e1 * s, v + e2 * s, v + e3 * s


def _person_op(kind: str, u: float, v: float, ps: float, colour: RGB | None, ps_pose: Pose):
    outfit = OUTFITS.get(kind, OUTFITS["person"])

    def op(p: Pen, tint):
        figure(p.sub(u, v, ps), outfit, colour, ps_pose)

    return op


def _person_box(u: float, v: float, ps: float, ps_pose: Pose) -> Box:
    us = [q[0] for q in (*ps_pose.hands, *ps_pose.feet, *ps_pose.knees, ps_pose.shoulder)]
    top = ps_pose.shoulder[1] + 0.22
    return u + (min(us) - 0.12) * ps, u + (max(us) + 0.12) * ps, v, v + top * ps


def _hands_op(u: float, v: float, ps: float, ps_pose: Pose, kind: str, both: bool):
    """The hands again, over what they hold."""
    skin = SKIN[OUTFITS.get(kind, OUTFITS["person"]).skin % len(SKIN)]

    def op(p: Pen, tint):
        q = p.sub(u, v, ps)
        for hand in ps_pose.hands[: 2 if both else 1]:
            q.oval(hand[0], hand[1], 0.03, 0.03, skin)

    return op


def _line_op(points: list[Point], colour: RGB, width: float):
    def op(p: Pen, tint):
        p.line(points, colour, width)

    return op


def _place_thing(g: Group, kind: str, colour: RGB | None, at: Point, how: str, size: float | None = None,
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
    g.ops.append(_subject_op(kind, u, v, s, colour, flip))
    g.boxes[kind] = _subject_box(kind, u, v, s, flip)


def _held_size(kind: str, ps: float) -> float:
    """How much larger than life a held thing is drawn, so a phone or a cup can be seen in a hand."""
    real = SUBJECTS[kind].real
    if real >= 0.12:  # a book, a notebook, a bowl: a little larger than life at most
        return max(1.0, min(1.3, 0.26 * ps / real)) if real < 0.4 * ps else 1.0
    return max(1.0, min(2.5, 0.26 * ps / max(real, 0.01)))


def _person_group(unit: Unit) -> Group:
    kind = unit.kind
    ps = SUBJECTS[kind].real
    thing, seat = unit.thing, unit.seat
    use = SUBJECTS[thing].use if thing else None
    action = unit.action
    if use == "carry" or thing in ("skis", "surfboard"):
        use = "carry"
    if action in ("ride",) and thing and thing not in RIDES:
        use = SUBJECTS[thing].use  # "riding a skateboard"
    if action in SEATED_ACTIONS and seat is None and use not in ("ride", "board", "push", "leash"):
        seat = IMPLIED_SEAT_FOR.get(thing or "", IMPLIED_SEAT.get(action))
    if action == "sit" and thing and use == "seat":
        seat, thing, use = thing, None, None
    g = Group(unit, ps, kinds=unit.names)
    if thing and use == "ride" and thing in RIDES:
        saddle, grip, pedal = RIDES[thing]
        vs = metres(thing)
        g.ops.append(_subject_op(thing, 0.0, 0.0, vs, unit.thing_colour))
        g.boxes[thing] = _subject_box(thing, 0.0, 0.0, vs)
        ou = saddle[0] * vs  # the rider's own origin: under the saddle, on the ground
        to = lambda q: ((q[0] * vs - ou) / ps, q[1] * vs / ps)  # noqa: E731
        ride = ride_pose(to(saddle), to(grip), to(pedal))
        g.ops.append(_person_op(kind, ou, 0.0, ps, unit.colour, ride))
        g.boxes[kind] = _person_box(ou, 0.0, ps, ride)
        g.norm = max(ps, SUBJECTS[thing].real)
        return g
    if thing and use == "board":
        deck, grip = BOARDS.get(thing, (0.2, None))
        vs = metres(thing)
        g.ops.append(_subject_op(thing, 0.0, 0.0, vs, unit.thing_colour))
        g.boxes[thing] = _subject_box(thing, 0.0, 0.0, vs)
        if grip is not None:
            stand = pose("push", grip=((grip[0] * vs + 0.1) / ps, (grip[1] - deck) * vs / ps))
            origin = -0.1
        else:
            stand = pose("dance")
            origin = 0.0
        g.ops.insert(0 if grip is not None else 1, _person_op(kind, origin, deck * vs, ps, unit.colour, stand))
        g.boxes[kind] = _person_box(origin, deck * vs, ps, stand)
        return g
    if thing and use == "leash":
        walk = pose("leash")
        g.ops.append(_person_op(kind, 0.0, 0.0, ps, unit.colour, walk))
        g.boxes[kind] = _person_box(0.0, 0.0, ps, walk)
        ds = metres(thing)
        du = 0.55 * ps + 0.3 * (extents(thing)[1] - extents(thing)[0]) * ds
        _place_thing(g, thing, unit.thing_colour, (du, 0.0), "base")
        hand = (walk.hands[0][0] * ps, walk.hands[0][1] * ps)
        collar = (du + 0.28 * ds, 0.58 * ds) if thing == "dog" else (du, 0.5 * SUBJECTS[thing].real)
        g.ops.append(_line_op([hand, ((hand[0] + collar[0]) / 2, min(hand[1], collar[1]) - 0.05), collar],
                              (200, 50, 50), 0.012))
        return g
    if thing and use == "push":
        hs = metres(thing)
        handle = (0.42, 0.95)
        du = 0.28 * ps - handle[0] * hs + 0.1
        grip = ((du + handle[0] * hs) / ps, handle[1] * hs / ps)
        walk = pose("push", grip=grip)
        g.ops.append(_person_op(kind, 0.0, 0.0, ps, unit.colour, walk))
        g.boxes[kind] = _person_box(0.0, 0.0, ps, walk)
        g.ops.append(_subject_op(thing, du, 0.0, hs, unit.thing_colour))
        g.boxes[thing] = _subject_box(thing, du, 0.0, hs)
        return g
    if thing and use == "easel":
        paint = pose("paint")
        es = metres(thing)
        hand = paint.hands[0]
        du = hand[0] * ps + 0.28 * es
        g.ops.append(_subject_op(thing, du, 0.0, es, unit.thing_colour))
        g.boxes[thing] = _subject_box(thing, du, 0.0, es)
        g.ops.append(_person_op(kind, 0.0, 0.0, ps, unit.colour, paint))
        g.boxes[kind] = _person_box(0.0, 0.0, ps, paint)
        brush = "paintbrush"
        _place_thing(g, brush, None, (hand[0] * ps, hand[1] * ps), "centre", 1.6)
        g.boxes.pop(brush)
        return g
    # seated or standing, perhaps with something in the hands
    if seat is not None:
        ss = metres(seat)
        seat_u, seat_v = SURFACE_TOPS.get(seat, (0.0, 0.45))
        hip_v = seat_v * ss / ps
        grip = None
        if use in ("both", "strum", "lap"):
            grip = (0.2, hip_v + (0.18 if use == "both" else 0.12))
        elif use in ("hand", "low", "rod", "carry"):
            grip = (0.22, hip_v + 0.2)
        elif use == "mouth":
            grip = (0.12, hip_v + 0.4)
        elif use in ("ear",):
            grip = (0.07, hip_v + 0.44)
        sitting = pose("type" if use == "lap" else "sit", seat=hip_v, grip=grip)
        ou = seat_u * ss - 0.08 * ps
        g.ops.append(_subject_op(seat, 0.0, 0.0, ss, unit.seat_colour))
        g.boxes[seat] = _subject_box(seat, 0.0, 0.0, ss)
        g.ops.append(_person_op(kind, ou, 0.0, ps, unit.colour, sitting))
        g.boxes[kind] = _person_box(ou, 0.0, ps, sitting)
        person_pose, origin = sitting, ou
    else:
        name = {"both": "both", "ear": "ear", "mouth": "drink", "above": "raise", "sky": "raise",
                "overhead": "hold", "low": "stand", "strum": "play", "rod": "hold", "hand": "hold",
                "lap": "both", "carry": "stand", "seat": "stand", "beside": "stand"}.get(use or "", None)
        if name is None:
            name = {"walk": "walk", "run": "run", "dance": "dance", "wave": "wave", "cook": "cook",
                    "drink": "drink", "fly": "raise"}.get(action or "", "stand")
        if action == "cook":
            name = "cook"
        standing = pose(name)
        g.ops.append(_person_op(kind, 0.0, 0.0, ps, unit.colour, standing))
        g.boxes[kind] = _person_box(0.0, 0.0, ps, standing)
        person_pose, origin = standing, 0.0
    base_v = 0.0
    if thing:
        near = person_pose.hands[0]
        hx, hy = origin + near[0] * ps, base_v + near[1] * ps
        size = _held_size(thing, ps)
        if use in ("both", "strum", "lap") or person_pose.held == "both":
            far = person_pose.hands[1]
            mid = (origin + (near[0] + far[0]) / 2 * ps, (near[1] + far[1]) / 2 * ps)
            if use == "lap":
                _place_thing(g, thing, unit.thing_colour, (mid[0] + 0.02 * ps, mid[1] - 0.04 * ps), "base", size)
            else:
                _place_thing(g, thing, unit.thing_colour, mid, "centre", size)
            g.ops.append(_hands_op(origin, base_v, ps, person_pose, kind, True))
        elif use == "above":  # a balloon on a short string
            _place_thing(g, thing, unit.thing_colour, (hx, hy), "base", 0.75)
        elif use == "sky":
            ks = metres(thing) * 1.1
            kite_at = (hx + 0.6 * ps, hy + 0.4 * ps)
            g.ops.append(_line_op([(hx, hy), (kite_at[0] - 0.1 * ps, kite_at[1] - 0.1 * ps), kite_at],
                                  (90, 90, 100), 0.006))
            _place_thing(g, thing, unit.thing_colour, kite_at, "base", ks / metres(thing))
        elif use == "overhead":
            _place_thing(g, thing, unit.thing_colour, (hx, hy - 0.04 * ps), "base", size)
            g.ops.append(_hands_op(origin, base_v, ps, person_pose, kind, False))
        elif use in ("low", "carry"):
            top = "top" if use == "low" else "centre"
            _place_thing(g, thing, unit.thing_colour, (hx + 0.04 * ps, hy + 0.02 * ps), top, size)
            g.ops.append(_hands_op(origin, base_v, ps, person_pose, kind, False))
        elif use == "rod":
            _place_thing(g, thing, unit.thing_colour, (hx, hy - 0.02 * ps), "butt", size)
            g.ops.append(_hands_op(origin, base_v, ps, person_pose, kind, False))
        elif use in ("beside", "seat", None) or thing in SEATS:
            _place_thing(g, thing, unit.thing_colour, (origin + 0.45 * ps, 0.0), "base")
        else:  # hand, ear, mouth
            _place_thing(g, thing, unit.thing_colour, (hx + 0.01 * ps, hy + 0.01 * ps), "centre", size)
            g.ops.append(_hands_op(origin, base_v, ps, person_pose, kind, False))
    if unit.extra:
        far = person_pose.hands[1]
        fx, fy = origin + far[0] * ps, base_v + far[1] * ps
        if thing and unit.extra in ("pen", "pencil", "paintbrush") and thing in g.boxes:
            u0, u1, v0, v1 = g.boxes[thing]
            _place_thing(g, unit.extra, unit.extra_colour, ((u0 + u1) / 2 + (u1 - u0) * 0.15, (v0 + v1) / 2),
                         "centre", _held_size(unit.extra, ps))
        else:
            if person_pose.front and action == "cook":
                fx = origin - 0.3 * ps
            _place_thing(g, unit.extra, unit.extra_colour, (fx, fy), "centre", _held_size(unit.extra, ps))
    g.norm = ps
    return g


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
        g.ops.append(_subject_op(seat, 0.0, 0.0, ss, unit.seat_colour))
        g.boxes[seat] = _subject_box(seat, 0.0, 0.0, ss)
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
        g.ops.append(_subject_op(drawn, u - (e0 + e1) / 2 * size, top_v * ss - e2 * size, size, unit.colour))
        g.boxes[kind] = _subject_box(drawn, u - (e0 + e1) / 2 * size, top_v * ss - e2 * size, size)
        g.norm = max(SUBJECTS[seat].real if seat != "bridge" else SUBJECTS[kind].real * 2.2,
                     top_v * ss + SUBJECTS[kind].real)
        g.place = "ground" if SUBJECTS[seat].place != "table" else "table"
        if seat == "bridge":
            g.place = "ground"
        return g
    g.ops.append(_subject_op(kind, 0.0, 0.0, s, unit.colour))
    g.boxes[kind] = _subject_box(kind, 0.0, 0.0, s)
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
            g.ops.append(_subject_op(extra, u - 0.18 * (u1 - u0), v - 0.05 * (v1 - v0), es * 0.85,
                                     unit.extra_colour))
        g.ops.append(_subject_op(extra, u, v, es, unit.extra_colour))
        g.boxes[extra] = _subject_box(extra, u, v, es)
    return g


def _dancing_couple(unit: Unit) -> Group:
    """A couple dancing: two figures facing each other, hand in hand, arms up."""
    ps = SUBJECTS["couple"].real
    g = Group(unit, ps, kinds=unit.names)
    lead, partner = OUTFITS["man"], OUTFITS["woman"]
    step = pose("dance")

    def op(p: Pen, tint) -> None:
        figure(p.sub(-0.17 * ps, 0.0, ps), lead, unit.colour, step)
        figure(p.sub(0.17 * ps, 0.0, ps * 0.94, flip=True), partner, None, step)

    g.ops.append(op)
    g.boxes["couple"] = (-0.55 * ps, 0.55 * ps, 0.0, 1.05 * ps)
    return g


@cache
def group(unit: Unit) -> Group:
    """The group a unit is drawn as (worked out once per unit)."""
    if unit.kind == "couple" and unit.action == "dance":
        return _dancing_couple(unit)
    if SUBJECTS[unit.kind].group == "person" and unit.kind in OUTFITS and (unit.thing or unit.seat or unit.action):
        g = _person_group(unit)
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


def shade(c: RGB) -> RGB:
    """A colour a shade darker (a far part)."""
    return darker(c, 0.15)
