"""People: one figure drawn from its joints, dressed by an Outfit (a chef's hat, a grandmother's grey bun) and
posed by a Pose (standing, walking, sitting, riding, holding something); and the kinds of people a prompt names.
"""

from __future__ import annotations

from dataclasses import replace

from kie.simulator.art.drawings.bodies import HAIR, HEAD, HEAD_R, SHOULDER, SKIN, Outfit, Pose, pose
from kie.simulator.art.drawings.heads import head
from kie.simulator.art.drawings.parts import BLACK, WHITE
from kie.simulator.art.pen import RGB, Pen, Point, darker, mix


def _limb(p: Pen, a: Point, b: Point, c: Point, colour: RGB, width: float, lower: RGB | None = None) -> None:
    if lower is None:
        p.line([a, b, c], colour, width)
    else:
        p.line([a, b], colour, width)
        p.line([b, c], lower, width * 0.9)


def figure(p: Pen, o: Outfit, colour: RGB | None, ps: Pose) -> None:
    """One person in a pose, dressed by `o` (`colour`, from the prompt, recolours the top)."""
    skin = SKIN[o.skin % len(SKIN)]
    top = colour or o.top
    legs = o.legs
    sleeve = o.coat or top
    far = lambda c: darker(c, 0.22)  # noqa: E731 - the far limbs a shade darker
    # a backpack or a cape goes behind everything
    if o.cape is not None:
        sh = ps.shoulder
        p.poly([(sh[0] - 0.12, sh[1]), (sh[0] + 0.12, sh[1]), (sh[0] + 0.2, 0.25), (sh[0] - 0.22, 0.22)], o.cape)
    if o.backpack is not None and not ps.front:
        sh, hp = ps.shoulder, ps.hip
        p.rect(sh[0] - 0.17, hp[1] + 0.08, sh[0] - 0.05, sh[1] - 0.02, o.backpack, radius=0.03)
    # far leg and far arm (side view), or both legs (front)
    legs_lower = SKIN[o.skin % len(SKIN)] if o.shorts else None
    if not ps.front:
        _limb(p, ps.hip, ps.knees[1], ps.feet[1], far(legs), 0.075, far(legs_lower) if legs_lower else None)
        p.oval(ps.feet[1][0] + 0.025, ps.feet[1][1] + 0.005, 0.05, 0.025, far(o.shoes))
        _limb(p, ps.shoulder, ps.elbows[1], ps.hands[1], far(sleeve), 0.058,
              far(skin) if o.sleeves == "short" else None)
        p.oval(*ps.hands[1], 0.028, 0.028, far(skin))
    else:
        for i in (1, 0):
            _limb(p, ps.hips[i], ps.knees[i], ps.feet[i], legs, 0.078, legs_lower)
            side = 1 if ps.feet[i][0] >= 0 else -1
            p.oval(ps.feet[i][0] + side * 0.015, ps.feet[i][1], 0.045, 0.026, o.shoes)
    # torso
    sh, hp = ps.shoulder, ps.hip
    if ps.front:
        (sn, sf), (hn, hf) = ps.shoulders, ps.hips
        body = [(sf[0] - 0.01, sf[1] + 0.005), (sn[0] + 0.01, sn[1] + 0.005), (hn[0] + 0.035, hp[1] - 0.02),
                (hf[0] - 0.035, hp[1] - 0.02)]
    else:
        body = [(sh[0] - 0.085, sh[1] + 0.005), (sh[0] + 0.075, sh[1] + 0.005), (hp[0] + 0.07, hp[1] - 0.02),
                (hp[0] - 0.085, hp[1] - 0.02)]
    if o.skirt is not None:
        hem = 0.26 if not ps.sitting else hp[1] - 0.06
        if ps.front:
            p.poly([(hp[0] - 0.1, hp[1] + 0.04), (hp[0] + 0.1, hp[1] + 0.04), (hp[0] + 0.17, hem),
                    (hp[0] - 0.17, hem)], o.skirt)
        elif ps.sitting:
            kn = ps.knees[0]
            p.poly([(hp[0] - 0.09, hp[1] + 0.05), (hp[0] + 0.06, hp[1] + 0.06), (kn[0] + 0.05, kn[1] + 0.02),
                    (kn[0] + 0.04, kn[1] - 0.07), (hp[0] - 0.1, hp[1] - 0.06)], o.skirt)
        else:
            p.poly([(hp[0] - 0.085, hp[1] + 0.04), (hp[0] + 0.075, hp[1] + 0.04), (hp[0] + 0.16, hem),
                    (hp[0] - 0.15, hem)], o.skirt)
    p.poly(body, top)
    if o.coat is not None:
        coat_hem = hp[1] - (0.2 if not ps.sitting else 0.05)
        p.poly([body[0], body[1], (body[2][0] + 0.02, coat_hem), (body[3][0] - 0.02, coat_hem)], o.coat)
        if ps.front:
            p.poly([(-0.03, sh[1]), (0.03, sh[1]), (0.04, hp[1] - 0.1), (-0.04, hp[1] - 0.1)], top, edge=False)
    if o.apron is not None:
        if ps.front:
            p.rect(-0.075, hp[1] - 0.16, 0.075, sh[1] - 0.1, o.apron, radius=0.01)
        else:
            p.poly([(sh[0] + 0.06, sh[1] - 0.1), (sh[0] + 0.085, sh[1] - 0.1), (hp[0] + 0.1, hp[1] - 0.16),
                    (hp[0] + 0.05, hp[1] - 0.16)], o.apron)
    if o.extra == "tie" and ps.front:
        p.poly([(0.0, sh[1] - 0.005), (0.022, sh[1] - 0.06), (0.0, sh[1] - 0.2), (-0.022, sh[1] - 0.06)],
               o.extra_colour or (190, 40, 50), edge=False)
    elif o.extra == "stethoscope" and ps.front:
        p.arc(0.0, sh[1] - 0.06, 0.06, 180, 360, (60, 60, 70), 0.012)
        p.oval(0.04, sh[1] - 0.16, 0.018, 0.018, (170, 170, 180), edge=False)
    elif o.extra == "vest":
        if ps.front:
            p.rect(-0.1, hp[1] + 0.02, 0.1, sh[1] - 0.04, o.extra_colour or (245, 150, 40), edge=False)
            p.rect(-0.1, hp[1] + 0.1, 0.1, hp[1] + 0.13, (230, 230, 220), edge=False)
        else:
            p.rect(sh[0] - 0.07, hp[1] + 0.02, sh[0] + 0.06, sh[1] - 0.04, o.extra_colour or (245, 150, 40),
                   edge=False)
    elif o.extra == "stripes":
        for k in range(3):
            v = hp[1] + 0.05 + k * 0.08
            p.rect((body[3][0] if ps.front else sh[0] - 0.08) + 0.01, v, (body[2][0] if ps.front else sh[0] + 0.07)
                   - 0.01, v + 0.03, o.extra_colour or WHITE, edge=False)
    elif o.extra == "scarf":
        p.rect(sh[0] - 0.07, sh[1] - 0.03, sh[0] + 0.07, sh[1] + 0.02, o.extra_colour or (200, 50, 60),
               radius=0.01)
    # near leg (side view)
    if not ps.front:
        _limb(p, ps.hip, ps.knees[0], ps.feet[0], legs if not (o.skirt and not ps.sitting) else skin, 0.078,
              legs_lower)
        p.oval(ps.feet[0][0] + 0.025, ps.feet[0][1] + 0.005, 0.052, 0.026, o.shoes)
        if o.skirt is not None and not ps.sitting:
            p.poly([(hp[0] - 0.07, hp[1] + 0.03), (hp[0] + 0.07, hp[1] + 0.03), (hp[0] + 0.14, 0.27),
                    (hp[0] - 0.12, 0.27)], o.skirt)
        if o.coat is not None and not ps.sitting:
            p.poly([(hp[0] - 0.085, hp[1] + 0.03), (hp[0] + 0.075, hp[1] + 0.03), (hp[0] + 0.1, hp[1] - 0.2),
                    (hp[0] - 0.1, hp[1] - 0.2)], o.coat)
    # neck and head
    top = (sh[0] + (0.0 if ps.front else 0.02), sh[1] + HEAD - SHOULDER)
    p.rect(top[0] - 0.03, sh[1] - 0.02, top[0] + 0.03, top[1] - HEAD_R * 0.6, skin, edge=False)
    if o.extra == "scarf":
        p.rect(sh[0] - 0.06, sh[1] - 0.02, sh[0] + 0.06, sh[1] + 0.035, o.extra_colour or (200, 50, 60),
               radius=0.012)
    head(p, o, skin, top, ps.front)
    # the arms in front: both (front view) or the near one (side view)
    arms = (1, 0) if ps.front else (0,)
    for i in arms:
        _limb(p, ps.shoulders[i] if ps.front else ps.shoulder, ps.elbows[i], ps.hands[i], sleeve, 0.058,
              skin if o.sleeves == "short" else None)
    hand_colour = (236, 236, 240) if o.helmet_visor else skin
    for i in arms:
        p.oval(*ps.hands[i], 0.03, 0.03, hand_colour)


OUTFITS: dict[str, Outfit] = {
    "person": Outfit(top=(225, 170, 60), legs=(70, 80, 95), hair="curly", hair_colour=HAIR["black"], skin=2),
    "man": Outfit(top=(70, 110, 170), legs=(60, 62, 80), hair="short", hair_colour=HAIR["brown"]),
    "woman": Outfit(top=(220, 90, 110), legs=(60, 70, 110), hair="long", hair_colour=HAIR["brown"], skin=0),
    "girl": Outfit(top=(240, 120, 150), legs=(240, 120, 150), skirt=(240, 120, 150), hair="ponytail",
                   hair_colour=HAIR["blond"], height=0.66, sleeves="short", skin=1),
    "boy": Outfit(top=(60, 160, 110), legs=(70, 90, 140), hair="short", hair_colour=HAIR["black"], height=0.66,
                  sleeves="short", shorts=True, skin=2),
    "child": Outfit(top=(245, 180, 50), legs=(70, 90, 140), hair="curly", hair_colour=HAIR["brown"], height=0.64,
                    sleeves="short"),
    "baby": Outfit(top=(170, 210, 240), legs=(170, 210, 240), hair="bald", hair_colour=HAIR["blond"], height=0.42),
    "teenager": Outfit(top=(120, 90, 170), legs=(50, 60, 90), hair="short", hair_colour=HAIR["black"], height=0.93,
                       hat="cap", hat_colour=(40, 40, 50), skin=1),
    "grandmother": Outfit(top=(150, 100, 150), legs=(120, 90, 120), skirt=(120, 80, 110), hair="bun",
                          hair_colour=HAIR["grey"], glasses=True, height=0.94),
    "grandfather": Outfit(top=(150, 130, 100), legs=(90, 85, 80), hair="bald", hair_colour=HAIR["grey"],
                          glasses=True, height=0.96, beard=HAIR["grey"]),
    "chef": Outfit(top=WHITE, legs=(50, 50, 60), hat="chef", apron=(235, 235, 235), hair="short", skin=1,
                   extra="scarf", extra_colour=(200, 50, 60)),
    "farmer": Outfit(top=(200, 70, 60), legs=(60, 90, 150), hat="straw", hair="short", apron=(60, 90, 150),
                     skin=1),
    "doctor": Outfit(top=(120, 170, 200), legs=(70, 80, 100), coat=WHITE, hair="short", glasses=True,
                     extra="stethoscope"),
    "nurse": Outfit(top=(120, 190, 190), legs=(120, 190, 190), hair="bun", hair_colour=HAIR["black"], skin=2),
    "police": Outfit(top=(40, 55, 100), legs=(35, 40, 70), hat="police", hair="short", skin=1),
    "firefighter": Outfit(top=(200, 150, 60), legs=(180, 130, 50), hat="hard", hat_colour=(210, 40, 40),
                          extra="vest", extra_colour=(230, 230, 90), shoes=(30, 30, 30)),
    "astronaut": Outfit(top=(236, 238, 242), legs=(236, 238, 242), helmet_visor=True, hair="none",
                        backpack=(210, 212, 218), shoes=(200, 200, 205), extra="badge"),
    "king": Outfit(top=(170, 40, 50), legs=(60, 40, 40), hat="crown", coat=(170, 40, 50), beard=HAIR["brown"],
                   hair="short"),
    "queen": Outfit(top=(120, 60, 160), legs=(120, 60, 160), skirt=(120, 60, 160), hat="crown", hair="long",
                    hair_colour=HAIR["blond"]),
    "princess": Outfit(top=(245, 150, 190), legs=(245, 150, 190), skirt=(245, 150, 190), hat="tiara", hair="long",
                       hair_colour=HAIR["blond"], height=0.85),
    "knight": Outfit(top=(180, 185, 195), legs=(160, 165, 175), hat="helmet", hat_colour=(170, 175, 185),
                     hair="none", cape=(170, 40, 50), shoes=(120, 125, 135)),
    "pirate": Outfit(top=(235, 235, 230), legs=(60, 50, 45), hat="pirate", beard=HAIR["black"], extra="stripes",
                     extra_colour=(200, 50, 50), hair="long", hair_colour=HAIR["black"]),
    "wizard": Outfit(top=(60, 60, 150), legs=(60, 60, 150), coat=(60, 60, 150), hat="wizard", beard=HAIR["white"],
                     hair="long", hair_colour=HAIR["white"]),
    "witch": Outfit(top=(40, 36, 44), legs=(40, 36, 44), skirt=(60, 40, 80), hat="witch", hair="long",
                    hair_colour=HAIR["red"]),
    "clown": Outfit(top=(240, 200, 50), legs=(60, 130, 220), hair="curly", hair_colour=(230, 60, 60),
                    extra="nose", shoes=(210, 40, 40)),
    "student": Outfit(top=(90, 140, 100), legs=(60, 70, 100), hair="short", hair_colour=HAIR["black"],
                      glasses=True, backpack=(200, 90, 60), height=0.95, skin=1),
    "teacher": Outfit(top=(150, 110, 80), legs=(70, 70, 80), hair="bun", hair_colour=HAIR["brown"], glasses=True,
                      skirt=(90, 80, 100)),
    "businessman": Outfit(top=(60, 64, 80), legs=(60, 64, 80), coat=(60, 64, 80), extra="tie", hair="short",
                          hair_colour=HAIR["black"]),
    "worker": Outfit(top=(70, 110, 170), legs=(60, 70, 100), hat="hard", extra="vest", skin=2),
    "scientist": Outfit(top=(120, 150, 200), legs=(70, 70, 90), coat=WHITE, glasses=True, hair="curly",
                        hair_colour=HAIR["grey"]),
    "waiter": Outfit(top=WHITE, legs=(30, 30, 36), extra="tie", extra_colour=(30, 30, 36), apron=(30, 30, 36),
                     hair="short", hair_colour=HAIR["black"]),
    "runner": Outfit(top=(240, 90, 60), legs=(40, 40, 50), shorts=True, sleeves="short", hair="short",
                     hat="beanie", hat_colour=(50, 140, 220), shoes=(240, 240, 240), skin=2),
    "cyclist": Outfit(top=(250, 200, 40), legs=(40, 40, 50), hat="helmet", sleeves="short", shorts=True),
    "skier": Outfit(top=(220, 60, 60), legs=(50, 60, 90), hat="beanie", hat_colour=(60, 120, 220),
                    extra="scarf", extra_colour=(245, 200, 60)),
    "surfer": Outfit(top=(40, 60, 80), legs=(40, 60, 80), hair="long", hair_colour=HAIR["blond"], skin=1,
                     sleeves="short", shorts=True),
    "hiker": Outfit(top=(200, 120, 60), legs=(110, 100, 80), hat="sun", backpack=(60, 110, 80), shorts=True,
                    skin=1),
    "tourist": Outfit(top=(240, 200, 80), legs=(200, 180, 140), hat="sun", sleeves="short", shorts=True,
                      glasses=True),
    "artist": Outfit(top=(100, 80, 140), legs=(60, 60, 70), hat="beret", apron=(235, 225, 200), hair="long",
                     hair_colour=HAIR["black"]),
    "musician": Outfit(top=(40, 40, 48), legs=(50, 50, 60), hair="curly", hair_colour=HAIR["black"], skin=3),
    "dancer": Outfit(top=(210, 60, 90), legs=(210, 60, 90), skirt=(210, 60, 90), hair="bun",
                     hair_colour=HAIR["black"], skin=2),
    "soldier": Outfit(top=(90, 110, 70), legs=(80, 95, 65), hat="hard", hat_colour=(80, 100, 60)),
    "fisherman": Outfit(top=(230, 190, 60), legs=(70, 80, 100), hat="sun", hat_colour=(200, 180, 120),
                        beard=HAIR["grey"], hair="short", hair_colour=HAIR["grey"]),
    "gardener": Outfit(top=(140, 180, 110), legs=(90, 100, 80), hat="straw", apron=(90, 130, 80)),
    "cowboy": Outfit(top=(180, 80, 60), legs=(60, 80, 130), hat="cowboy", extra="scarf",
                     extra_colour=(200, 60, 50)),
    "superhero": Outfit(top=(40, 80, 190), legs=(40, 80, 190), cape=(210, 40, 40), hair="short",
                        hair_colour=HAIR["black"], shoes=(210, 40, 40)),
    "mother": Outfit(top=(90, 160, 150), legs=(70, 70, 110), hair="long", hair_colour=HAIR["red"]),
    "father": Outfit(top=(110, 100, 160), legs=(60, 60, 70), hair="short", hair_colour=HAIR["brown"],
                     beard=HAIR["brown"]),
    "old_woman": Outfit(top=(170, 120, 140), legs=(110, 90, 110), skirt=(110, 90, 120), hair="bun",
                        hair_colour=HAIR["white"], height=0.94),
    "old_man": Outfit(top=(110, 120, 100), legs=(90, 85, 80), hair="bald", hair_colour=HAIR["white"],
                      height=0.96, beard=HAIR["white"]),
}


def person_drawing(kind: str):
    """A subject drawing for a kind of person, standing."""

    def draw(p: Pen, c: RGB) -> None:
        o = OUTFITS[kind]
        if kind == "baby":
            return baby(p, c)
        sub = p.sub(0, 0, o.height)
        figure(sub, o, None if c == o.top else c, pose("stand"))

    draw.__name__ = kind
    draw.__doc__ = f"A {kind.replace('_', ' ')}, standing."
    return draw


def baby(p: Pen, c: RGB) -> None:
    """A baby sitting up, drawn in its own units (base 0, top about 0.45)."""
    o = OUTFITS["baby"]
    suit = c
    skin = SKIN[0]
    p.oval(0.0, 0.12, 0.14, 0.12, suit)
    for side in (-1, 1):
        p.oval(side * 0.1, 0.04, 0.07, 0.045, suit)
        p.oval(side * 0.16, 0.06, 0.035, 0.035, skin)
        p.line([(side * 0.1, 0.2), (side * 0.15, 0.12)], suit, 0.05)
        p.oval(side * 0.16, 0.11, 0.03, 0.03, skin)
    p.oval(0.0, 0.32, 0.115, 0.11, skin)
    p.oval(0.0, 0.41, 0.03, 0.03, o.hair_colour)
    for side in (-1, 1):
        p.oval(side * 0.04, 0.33, 0.012, 0.014, (40, 36, 40), edge=False)
    p.arc(0.0, 0.3, 0.035, 200, 340, darker(skin, 0.4), 0.008)


def couple(p: Pen, c: RGB) -> None:
    """A couple side by side, hand in hand."""
    man, woman = OUTFITS["man"], OUTFITS["woman"]
    figure(p.sub(-0.17, 0, 1.0), man, None, pose("stand"))
    figure(p.sub(0.17, 0, 0.94), replace(woman, top=mix(c, woman.top, 0.5) if c != (50, 48, 64) else woman.top),
           None, pose("stand"))


def crowd(p: Pen, c: RGB) -> None:
    """A group of people of every age."""
    people = (("man", -0.5, 1.0), ("woman", -0.18, 0.95), ("boy", 0.1, 1.0), ("girl", 0.32, 1.0),
              ("grandmother", 0.56, 1.0))
    for kind, u, k in people:
        o = OUTFITS[kind]
        figure(p.sub(u, 0, o.height * k), o, None, pose("stand"))


def family(p: Pen, c: RGB) -> None:
    """A father, a mother and two children."""
    for kind, u in (("father", -0.36), ("girl", -0.1), ("boy", 0.12), ("mother", 0.36)):
        o = OUTFITS[kind]
        figure(p.sub(u, 0, o.height), o, None, pose("stand"))


def snowman(p: Pen, c: RGB) -> None:
    """A snowman with a carrot nose, a hat and a scarf."""
    snow = c
    p.oval(0, 0.2, 0.3, 0.2, snow)
    p.oval(0, 0.5, 0.22, 0.16, snow)
    p.oval(0, 0.74, 0.15, 0.13, snow)
    for side in (-1, 1):
        p.line([(side * 0.18, 0.55), (side * 0.42, 0.7), (side * 0.48, 0.78)], (110, 75, 45), 0.02)
        p.oval(side * 0.05, 0.77, 0.018, 0.02, BLACK, edge=False)
    p.poly([(0.0, 0.73), (0.2, 0.7), (0.0, 0.7)], (240, 130, 40))
    for v in (0.58, 0.48, 0.38):
        p.oval(0, v, 0.022, 0.022, BLACK, edge=False)
    p.rect(-0.17, 0.6, 0.17, 0.65, (200, 50, 60), radius=0.02)
    p.rect(0.06, 0.44, 0.13, 0.62, (200, 50, 60), radius=0.02)
    p.rect(-0.16, 0.85, 0.16, 0.88, (40, 38, 44))
    p.rect(-0.1, 0.87, 0.1, 1.0, (40, 38, 44))


def robot(p: Pen, c: RGB) -> None:
    """A friendly robot."""
    metal = c
    for u in (-0.1, 0.1):
        p.rect(u - 0.045, 0.0, u + 0.045, 0.3, darker(metal, 0.15), radius=0.02)
        p.rect(u - 0.06, 0.0, u + 0.06, 0.05, darker(metal, 0.35), radius=0.02)
    p.rect(-0.2, 0.28, 0.2, 0.62, metal, radius=0.04)
    p.rect(-0.12, 0.38, 0.12, 0.52, darker(metal, 0.25), radius=0.02)
    for k, col in enumerate(((230, 70, 70), (90, 200, 120), (240, 200, 60))):
        p.oval(-0.06 + k * 0.06, 0.45, 0.02, 0.02, col, edge=False)
    for side in (-1, 1):
        p.line([(side * 0.21, 0.58), (side * 0.3, 0.42), (side * 0.3, 0.3)], darker(metal, 0.1), 0.045)
        p.oval(side * 0.3, 0.28, 0.04, 0.04, darker(metal, 0.3))
    p.rect(-0.03, 0.62, 0.03, 0.66, darker(metal, 0.3), edge=False)
    p.rect(-0.16, 0.66, 0.16, 0.9, metal, radius=0.05)
    for side in (-1, 1):
        p.oval(side * 0.07, 0.79, 0.04, 0.04, (120, 210, 240))
    p.rect(-0.06, 0.7, 0.06, 0.72, darker(metal, 0.4), edge=False)
    p.line([(0.0, 0.9), (0.0, 0.97)], darker(metal, 0.3), 0.015)
    p.oval(0.0, 0.98, 0.025, 0.025, (230, 70, 70))


person = person_drawing("person")
child = person_drawing("child")
