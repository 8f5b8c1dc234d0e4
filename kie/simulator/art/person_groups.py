"""A person drawn as one group with what they do it with: riding a bicycle or a horse (hip on the saddle, hands on the
handlebars), standing on a skateboard, walking a dog on its leash, pushing a stroller, painting at an easel, sitting
on a seat (one is implied by reading or typing), or holding a thing (a book in both hands, a phone at the ear, a
balloon above); and a couple dancing. `groups.group(unit)` calls these for a person who does something.
"""

from __future__ import annotations

from kie.simulator.art.drawings.bodies import Pose, pose, ride_pose
from kie.simulator.art.drawings.home import SEATS
from kie.simulator.art.drawings.people import OUTFITS, SKIN, figure
from kie.simulator.art.group_parts import SURFACE_TOPS, Box, Group, line_op, place_thing, subject_box, subject_op
from kie.simulator.art.pen import RGB, Pen, Point
from kie.simulator.art.subjects import SUBJECTS, extents, metres
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
# What sitting people sit on when the prompt names no seat.
IMPLIED_SEAT = {"read": "armchair", "type": "chair", "sit": "chair"}
IMPLIED_SEAT_FOR = {"notebook": "chair", "laptop": "chair"}  # writing or typing: at a chair, not an armchair
SEATED_ACTIONS = {"read", "type", "sit"}


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


def _held_size(kind: str, ps: float) -> float:
    """How much larger than life a held thing is drawn, so a phone or a cup can be seen in a hand."""
    real = SUBJECTS[kind].real
    if real >= 0.12:  # a book, a notebook, a bowl: a little larger than life at most
        return max(1.0, min(1.3, 0.26 * ps / real)) if real < 0.4 * ps else 1.0
    return max(1.0, min(2.5, 0.26 * ps / max(real, 0.01)))


def person_group(unit: Unit) -> Group:
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
        g.ops.append(subject_op(thing, 0.0, 0.0, vs, unit.thing_colour))
        g.boxes[thing] = subject_box(thing, 0.0, 0.0, vs)
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
        g.ops.append(subject_op(thing, 0.0, 0.0, vs, unit.thing_colour))
        g.boxes[thing] = subject_box(thing, 0.0, 0.0, vs)
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
        place_thing(g, thing, unit.thing_colour, (du, 0.0), "base")
        hand = (walk.hands[0][0] * ps, walk.hands[0][1] * ps)
        collar = (du + 0.28 * ds, 0.58 * ds) if thing == "dog" else (du, 0.5 * SUBJECTS[thing].real)
        g.ops.append(line_op([hand, ((hand[0] + collar[0]) / 2, min(hand[1], collar[1]) - 0.05), collar],
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
        g.ops.append(subject_op(thing, du, 0.0, hs, unit.thing_colour))
        g.boxes[thing] = subject_box(thing, du, 0.0, hs)
        return g
    if thing and use == "easel":
        paint = pose("paint")
        es = metres(thing)
        hand = paint.hands[0]
        du = hand[0] * ps + 0.28 * es
        g.ops.append(subject_op(thing, du, 0.0, es, unit.thing_colour))
        g.boxes[thing] = subject_box(thing, du, 0.0, es)
        g.ops.append(_person_op(kind, 0.0, 0.0, ps, unit.colour, paint))
        g.boxes[kind] = _person_box(0.0, 0.0, ps, paint)
        brush = "paintbrush"
        place_thing(g, brush, None, (hand[0] * ps, hand[1] * ps), "centre", 1.6)
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
        g.ops.append(subject_op(seat, 0.0, 0.0, ss, unit.seat_colour))
        g.boxes[seat] = subject_box(seat, 0.0, 0.0, ss)
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
                place_thing(g, thing, unit.thing_colour, (mid[0] + 0.02 * ps, mid[1] - 0.04 * ps), "base", size)
            else:
                place_thing(g, thing, unit.thing_colour, mid, "centre", size)
            g.ops.append(_hands_op(origin, base_v, ps, person_pose, kind, True))
        elif use == "above":  # a balloon on a short string
            place_thing(g, thing, unit.thing_colour, (hx, hy), "base", 0.75)
        elif use == "sky":
            ks = metres(thing) * 1.1
            kite_at = (hx + 0.6 * ps, hy + 0.4 * ps)
            g.ops.append(line_op([(hx, hy), (kite_at[0] - 0.1 * ps, kite_at[1] - 0.1 * ps), kite_at],
                                 (90, 90, 100), 0.006))
            place_thing(g, thing, unit.thing_colour, kite_at, "base", ks / metres(thing))
        elif use == "overhead":
            place_thing(g, thing, unit.thing_colour, (hx, hy - 0.04 * ps), "base", size)
            g.ops.append(_hands_op(origin, base_v, ps, person_pose, kind, False))
        elif use in ("low", "carry"):
            top = "top" if use == "low" else "centre"
            place_thing(g, thing, unit.thing_colour, (hx + 0.04 * ps, hy + 0.02 * ps), top, size)
            g.ops.append(_hands_op(origin, base_v, ps, person_pose, kind, False))
        elif use == "rod":
            place_thing(g, thing, unit.thing_colour, (hx, hy - 0.02 * ps), "butt", size)
            g.ops.append(_hands_op(origin, base_v, ps, person_pose, kind, False))
        elif use in ("beside", "seat", None) or thing in SEATS:
            place_thing(g, thing, unit.thing_colour, (origin + 0.45 * ps, 0.0), "base")
        else:  # hand, ear, mouth
            place_thing(g, thing, unit.thing_colour, (hx + 0.01 * ps, hy + 0.01 * ps), "centre", size)
            g.ops.append(_hands_op(origin, base_v, ps, person_pose, kind, False))
    if unit.extra:
        far = person_pose.hands[1]
        fx, fy = origin + far[0] * ps, base_v + far[1] * ps
        if thing and unit.extra in ("pen", "pencil", "paintbrush") and thing in g.boxes:
            u0, u1, v0, v1 = g.boxes[thing]
            place_thing(g, unit.extra, unit.extra_colour, ((u0 + u1) / 2 + (u1 - u0) * 0.15, (v0 + v1) / 2),
                        "centre", _held_size(unit.extra, ps))
        else:
            if person_pose.front and action == "cook":
                fx = origin - 0.3 * ps
            place_thing(g, unit.extra, unit.extra_colour, (fx, fy), "centre", _held_size(unit.extra, ps))
    g.norm = ps
    return g


def dancing_couple(unit: Unit) -> Group:
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
