"""A picture composed from what a prompt names: sky for the time of day, ground for the setting (or a room), the
subjects in their groups laid out side by side so each can be seen, then weather and the model's finish.

The model's look decides the camera (a medium shot, a close-up with the background out of focus, a wide view with
the horizon and distant hills, a low cinematic horizon, a flat poster, an isometric diorama tile, a view through an
arch in a wall, a tilted camera), the palette, the line and how much texture there is (see styles).

Deterministic: positions and colours come from the prompt's words, the variant's index and seeded generators,
never the clock or global randomness. Variant 0..3 differ in composition, palette and pose (a mirrored group).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PIL import Image, ImageDraw

from kie.simulator.art import camera
from kie.simulator.art.drawings.things import crate
from kie.simulator.art.groups import Group, group, group_extents
from kie.simulator.art.interiors import Interiors
from kie.simulator.art.overlays import Overlays
from kie.simulator.art.pen import RGB, Pen, darker, mix
from kie.simulator.art.scenery import Scenery, seeded
from kie.simulator.art.styles import Look, finish, look_for
from kie.simulator.art.subjects import SUBJECTS, measure
from kie.simulator.art.vocab import Reading, Unit, read

Box = tuple[int, int, int, int]

OUTDOOR = {"sea", "lake", "forest", "mountains", "hills", "city", "desert", "snow", "field", "autumn", "space",
           "underwater", "savanna", "road"}
# A variant's composition: the hero's centre (share of the width), scale, and whether it faces the other way.
COMPOSITIONS = [(0.5, 1.0, False), (0.36, 0.92, True), (0.64, 0.92, False), (0.54, 1.22, True)]
# A look's camera: how large the subjects are, where the horizon is, where the ground row stands.
FRAMINGS: dict[str, tuple[float, float, float]] = {  # scale, horizon, baseline (shares of the height)
    "medium": (1.0, 0.62, 0.9), "close": (1.3, 0.7, 0.965), "wide": (0.64, 0.56, 0.86),
    "cinema": (0.92, 0.74, 0.93), "poster": (1.0, 0.66, 0.88), "iso": (0.62, 0.6, 0.74),
    "low": (1.12, 0.84, 0.975), "high": (0.78, 0.4, 0.9), "third": (1.12, 0.66, 0.95),
    "arch": (0.8, 0.64, 0.93), "tilt": (1.0, 0.6, 0.9),
}
# How much of the width the subjects may take, one alone and a row: less where something frames them (a tile, an
# arch's opening).
ROOM: dict[str, tuple[float, float]] = {"iso": (0.7, 0.72), "arch": (0.58, 0.64)}
OPEN_ROOM = (0.84, 0.92)
CENTRED = ("poster", "iso", "arch")  # framings whose single subject stands in the middle


@dataclass
class Placed:
    """A subject drawn in the picture, and the pixels it covers (for tests and the contact sheet)."""

    kind: str
    box: Box


@dataclass
class Picture:
    """A composed picture and where its subjects are."""

    image: Image.Image
    placed: list[Placed] = field(default_factory=list)
    horizon: int = 0
    reading: Reading | None = None

    def drawn(self) -> list[str]:
        """The kinds drawn, each once, in order."""
        return list(dict.fromkeys(p.kind for p in self.placed))


@dataclass
class Item:
    """A group to draw, how many times, and how it is seen."""

    group: Group
    count: int
    ext: tuple[float, float, float, float]  # the group's reach in its units
    place: str

    @property
    def aspect(self) -> float:
        u0, u1, v0, v1 = self.ext
        return (u1 - u0) / max(0.01, v1 - v0)

    @property
    def real(self) -> float:
        return (self.ext[3] - self.ext[2]) * self.group.norm


class Composer(Scenery, Interiors, Overlays):
    """Draws one picture for a reading, a variant index and a look at a size (drawn at `scale`x, then reduced)."""

    def __init__(self, reading: Reading, index: int, size: tuple[int, int], look: Look, salt: str = "",
                 turn: float = 0.0):
        self.reading, self.index, self.look = reading, index, look
        # A tilted camera (`turn` degrees): the scene is drawn on a larger canvas, turned, and cut back to `size`.
        self.turn, self.frame = turn, size
        self.out_size = camera.canvas_for(size, turn) if turn else size
        # Small pictures are drawn at twice their size and reduced (smooth edges); the painterly look is drawn at
        # half size and enlarged (soft edges, and four times less to draw); pictures over 1024x1024 at their size.
        self.ss = 0.5 if look.finish == "paint" else 2.0 if size[0] * size[1] <= 1_100_000 else 1.0
        size = self.out_size
        self.w, self.h = max(8, round(size[0] * self.ss)), max(8, round(size[1] * self.ss))
        self.items = self._items()
        # The background's generator knows nothing of the subjects: adding one changes only where it is drawn.
        self.rng = seeded("picture", salt, index, *sorted(reading.settings), reading.time, *reading.weather)
        settings = set(reading.settings)
        if self.items and not settings & (OUTDOOR | {"indoor"}) - {"autumn", "snow", "desert"}:
            hero = SUBJECTS.get(self.items[0].group.unit.kind)
            home = hero.home if hero else None
            seats = [u.seat for u in reading.units if u.seat] + [u.thing for u in reading.units if u.thing]
            if any(s in SUBJECTS and SUBJECTS[s].home == "indoor" for s in seats):
                home = "indoor"
            if home:
                settings.add(home)
        if "snowfall" in reading.weather:
            settings.add("snow")
        if "savanna" in settings:
            settings.add("field")
        places = {item.place for item in self.items}
        self.indoor = "indoor" in settings or bool(places and places <= {"table"} and not settings & OUTDOOR)
        self.floor = self.indoor and bool(places & {"ground", "floor", "air"})
        self.settings = settings
        self.time = reading.time or ("night" if "moon" in reading.sky or "stars" in reading.sky else "day")
        if reading.weather and {"storm", "rain"} & set(reading.weather) and self.time in ("day", "noon"):
            self.time = "day"
        self.palette = index % 4
        self.comp = COMPOSITIONS[index % 4]
        self.framing = look.framing
        self.scale, horizon, self.baseline = FRAMINGS.get(self.framing, FRAMINGS["medium"])
        if self.framing == "close" and index % 4 == 3:
            self.scale *= 0.85  # variant 4 is already close
        self.horizon = round(self.h * (horizon + (0.05 if self.comp[1] > 1.1 else 0) + self.rng.uniform(-0.02, 0.02)))
        self.light: tuple[float, float] | None = None
        self.image = Image.new("RGB", (self.w, self.h))  # every pixel is painted over by the background
        self.draw = ImageDraw.Draw(self.image)
        self.placed: list[Placed] = []

    def _items(self) -> list[Item]:
        items = []
        for unit in self.reading.units:
            g = group(unit)
            place = g.place
            if place == "floor":
                place = "ground"
            items.append(Item(g, unit.count, group_extents(unit), place))
        if not items and self.reading.unknown:
            items.append(self._stand_in(self.reading.unknown[0]))
        return items

    def _stand_in(self, word: str) -> Item:
        """A labelled parcel for a noun the pictures cannot draw, so the picture is never an empty scene."""
        label = word[:14]

        def op(p: Pen, tint) -> None:
            crate(p, tint((200, 160, 110)), label)

        g = Group(Unit("crate", names=()), 1.0, [op], {"crate": (-0.5, 0.5, 0.0, 0.8)}, "table", ())
        ext = measure(lambda p, c: g.draw(p))
        return Item(g, 1, ext, "table")

    def pen(self, x: float, y: float, s: float, flip: bool = False) -> Pen:
        """A pen for a subject with its base at (x, y), `s` pixels a unit, in this picture's light and look."""
        return Pen(self.draw, x, y, s, flip=flip, tone=self.lit, outline=self.look.outline, line=self.look.line,
                   shade=self.look.shade)

    # -- subjects ---------------------------------------------------------------------------------------

    def shadow(self, x: float, y: float, width: float) -> None:
        """A soft shadow on the ground under a subject `width` pixels wide."""
        ground = self.image.getpixel((int(min(self.w - 1, max(0, x))), int(min(self.h - 1, max(0, y)))))
        for k, t in ((1.0, 0.12), (0.8, 0.2), (0.6, 0.28)):
            rx, ry = width * 0.5 * k, width * 0.07 * k
            self.draw.ellipse((x - rx, y - ry, x + rx, y + ry), fill=darker(ground[:3], t))

    def ground_y(self, place: str) -> float:
        """Where things of a place stand (their base), in pixels."""
        h = self.h
        if self.framing == "iso":
            return h * 0.64 + (h * 0.06 if place != "sky" else 0)
        if place == "table" and self.indoor and not self.floor:
            return h * (0.86 if self.framing != "close" else 0.94)
        if place == "water" and "underwater" in self.settings:
            return h * 0.76
        if place == "water":
            shore = getattr(self, "shore", self.horizon + (h - self.horizon) * 0.6)
            return self.horizon + (shore - self.horizon) * 0.62
        if place == "air":
            return h * 0.74
        return h * self.baseline

    def tint(self, c: RGB) -> RGB:
        """A subject's own colour nudged by the variant's palette (a colour the prompt names is kept)."""
        if not self.palette:
            return c
        return mix(c, [(0, 0, 0), (255, 220, 180), (120, 140, 200), (255, 255, 255)][self.palette], 0.12)

    def draw_item(self, item: Item, x: float, y: float, height: float, flip: bool) -> None:
        """A group (or `count` of it) with its visible bottom centre at (x, y), `height` pixels tall."""
        u0, u1, v0, v1 = item.ext
        aspect = item.aspect
        copies = min(3, item.count)
        if copies > 1:
            height *= 0.8
        step = height * aspect * 0.8
        offsets = [0.0] if copies == 1 else [(-0.5 + i / (copies - 1)) * step * (copies - 1) / 1.2
                                             for i in range(copies)]
        boxes: dict[str, list[float]] = {}
        grounded = item.place in ("ground", "table") or (item.place == "water" and "underwater" not in self.settings
                                                         and item.group.unit.kind != "fish")
        for i, dx in enumerate(offsets):
            hh = height * (1 - 0.12 * (i % 2))  # the visible height of this copy
            yy = y - (height * 0.08 if i % 2 else 0) * (item.place == "ground")
            xx = x + dx
            width = hh * aspect
            if grounded:
                self.shadow(xx, yy, width * 0.9)
            facing = flip != bool(i % 2)
            s = hh / (v1 - v0)
            pen = self.pen(xx - (-1 if facing else 1) * (u0 + u1) / 2 * s, yy + v0 * s, s, facing)
            item.group.draw(pen, self.tint)
            for kind in item.group.boxes:
                if kind not in item.group.kinds and item.group.kinds:
                    continue  # a thing drawn but not named (a reader's armchair): not counted
                bu0, bu1, bv0, bv1 = item.group.box(kind)
                (ax, ay), (bx, by) = pen.at(bu0, bv0), pen.at(bu1, bv1)
                box = boxes.setdefault(kind, [self.w, self.h, 0.0, 0.0])
                box[0], box[2] = min(box[0], ax, bx), max(box[2], ax, bx)
                box[1], box[3] = min(box[1], ay, by), max(box[3], ay, by)
                if grounded and len(item.group.boxes) == 1:  # a subject on its own: and its shadow
                    box[0], box[2] = min(box[0], xx - width * 0.45), max(box[2], xx + width * 0.45)
                    box[3] = max(box[3], yy + width * 0.9 * 0.07)
        f = self.ss
        order = list(item.group.kinds) or list(boxes)
        main = item.group.unit.kind if item.group.unit.kind in boxes else next(iter(boxes), None)
        for kind in order:
            if main is not None and kind not in boxes:
                boxes[kind] = boxes[main]  # drawn as part of it ("a cake with candles": the cake's candles)
            if kind in boxes:
                b = boxes[kind]
                self.placed.append(Placed(kind, (max(0, int(b[0] / f)), max(0, int(b[1] / f)),
                                                 min(self.out_size[0], math.ceil(b[2] / f)),
                                                 min(self.out_size[1], math.ceil(b[3] / f)))))

    def one(self, item: Item) -> None:
        """The picture's only group, placed by the variant's composition."""
        hero_x, hero_scale, flip = self.comp
        subject = SUBJECTS.get(item.group.unit.kind)
        size = subject.size if subject else 0.8
        if item.group.unit.thing and subject and subject.group == "person":
            size = 1.05  # a child with a balloon or a kite: the group is taller than the child
        place = item.place
        h = self.h
        scale = hero_scale * self.scale
        if self.framing in ("cinema", "third"):
            hero_x = 0.36 if hero_x <= 0.5 else 0.64
        if self.framing in CENTRED:
            hero_x = 0.5
        if place == "sky":
            height = h * 0.42 * size * scale
            y = min(self.horizon * 0.95, h * 0.12 + height)
        elif place == "air":
            height = h * 0.4 * size * scale
            y = self.ground_y("air")
        elif place == "water" and "underwater" in self.settings:
            height, y = h * 0.48 * scale, self.ground_y("water")
        elif place == "water":
            height, y = h * 0.45 * size * scale, self.ground_y("water")
        elif place == "table" and self.indoor and not self.floor:
            height, y = h * 0.52 * size * scale, self.ground_y("table")
        else:
            height, y = h * 0.58 * size * scale, self.ground_y("ground")
        max_width = self.w * ROOM.get(self.framing, OPEN_ROOM)[0]
        if height * item.aspect > max_width:
            height = max_width / item.aspect
        height = min(height, y - h * 0.04)
        width = height * item.aspect * (1 + 0.45 * (min(3, item.count) - 1)) * (0.8 if item.count > 1 else 1)
        margin = self.w * 0.03
        x = min(max(self.w * hero_x, width / 2 + margin), self.w - width / 2 - margin) if width < self.w else \
            self.w / 2  # the whole of it in the picture
        self.draw_item(item, x, y, height, flip)

    def row(self, items: list[Item], y: float, base: float, flip: bool) -> None:
        """Groups side by side on one line, each as large as the row allows, sized by how big they really are."""
        # Sized by how far each really reaches (its height, or its length for a flat thing: a frisbee beside a dog
        # is smaller than the dog however flat it is), closer together than in life so the small one can be seen.
        reach = [item.real * max(1.0, item.aspect) for item in items]
        ref = max(range(len(items)), key=reach.__getitem__)
        across = base * max(1.0, items[ref].aspect)  # the largest one's reach in pixels
        heights = [across * max(0.4, (r / reach[ref]) ** 0.5) / max(1.0, item.aspect)
                   for r, item in zip(reach, items, strict=True)]
        widths = [hh * item.aspect * (1 + 0.45 * (min(3, item.count) - 1)) * (0.8 if item.count > 1 else 1)
                  for hh, item in zip(heights, items, strict=True)]
        gap = self.w * 0.035
        room = self.w * ROOM.get(self.framing, OPEN_ROOM)[1]
        total = sum(widths) + gap * (len(items) - 1)
        if total > room:
            k = (room - gap * (len(items) - 1)) / sum(widths)
            heights, widths = [hh * k for hh in heights], [ww * k for ww in widths]
            total = room
        top = y - self.h * 0.04
        if max(heights) > top:
            k = top / max(heights)
            heights, widths = [hh * k for hh in heights], [ww * k for ww in widths]
            total = sum(widths) + gap * (len(items) - 1)
        centre = self.w * (0.5 + [0.0, -0.04, 0.04, 0.0][self.palette])
        centre = min(max(centre, total / 2 + self.w * 0.03), self.w - total / 2 - self.w * 0.03)
        x = centre - total / 2
        order = list(zip(items, heights, widths, strict=True))
        if self.palette % 2:
            order.reverse()
        for item, hh, ww in order:
            lift = self.h * 0.16 if item.place == "air" else 0.0  # a frisbee, a butterfly: in the air
            self.draw_item(item, x + ww / 2, y - lift, hh, flip)
            x += ww + gap

    def subjects(self) -> None:
        """The groups the prompt names: one by the variant's composition, several side by side."""
        if not self.items:
            return
        if len(self.items) == 1:
            return self.one(self.items[0])
        flip = self.comp[2] if self.palette != 3 else False
        sky = [item for item in self.items if item.place == "sky"]
        water = [item for item in self.items if item.place == "water"]
        ground = [item for item in self.items if item.place not in ("sky", "water")]
        for n, item in enumerate(sky):
            height = self.h * 0.3 * self.scale * (0.8 if ground or water else 1.0)
            height = min(height, self.w * 0.4 / item.aspect)
            xs = [0.76, 0.26, 0.5] if not self.palette % 2 else [0.26, 0.76, 0.5]
            if self.framing == "arch":  # inside its opening
                xs = [0.5 + (x - 0.5) * ROOM["arch"][1] / OPEN_ROOM[1] for x in xs]
            y = min(self.horizon * 0.95, self.h * 0.1 + height)
            self.draw_item(item, self.w * xs[n % 3], y, height, flip)
        indoor_table = self.indoor and not self.floor
        base = self.h * (0.52 if indoor_table else 0.58) * self.scale
        if water:
            self.row(water, self.ground_y("water"), self.h * 0.4 * self.scale, flip)
        if ground:
            place = "table" if indoor_table else "ground"
            self.row(ground, self.ground_y(place), base * (0.85 if len(ground) > 2 else 1.0), flip)

    def background_out_of_focus(self) -> None:
        """The background blurred behind sharp subjects: drawn at the finished size (it is blurred anyway, and
        four times less to draw), blurred there, then doubled without maths to the drawing's size."""
        if self.ss != 2:
            self.background()
            return self.focus()
        full = (self.w, self.h)
        self.ss, self.w, self.h = 1.0, self.w // 2, self.h // 2
        self.horizon = round(self.horizon / 2)
        self.image = Image.new("RGB", (self.w, self.h))
        self.draw = ImageDraw.Draw(self.image)
        self.background()
        self.focus()
        self.ss, (self.w, self.h) = 2.0, full
        self.horizon *= 2
        if hasattr(self, "shore"):
            self.shore *= 2
        self.image = self.image.resize(full, Image.Resampling.NEAREST)
        self.draw = ImageDraw.Draw(self.image)

    def paint(self) -> Picture:
        """Draw the picture and return it at its size with the model's finish."""
        if self.look.finish == "focus" and self.items:
            self.background_out_of_focus()
        else:
            self.background()
        self.subjects()
        self.weather()
        if self.framing == "arch":
            self.foreground_arch()
        placed, horizon = self.placed, round(self.horizon / self.ss)
        if self.turn:
            frame = (round(self.frame[0] * self.ss), round(self.frame[1] * self.ss))
            self.image = camera.turn(self.image, frame, self.turn, smooth=self.ss < 2)
            boxes = camera.turn_boxes([p.box for p in placed], self.out_size, self.frame, self.turn)
            placed = [Placed(p.kind, box) for p, box in zip(placed, boxes, strict=True)]
            horizon -= (self.out_size[1] - self.frame[1]) // 2
        image = (self.image.reduce(2) if self.ss == 2 else self.image if self.ss == 1 else
                 self.image.resize(self.frame, Image.Resampling.BILINEAR))
        if image.size != self.frame:  # a picture only a few pixels across
            image = image.resize(self.frame, Image.Resampling.BILINEAR)
        image = finish(image, self.look, self.light)
        return Picture(image, placed, horizon, self.reading)


def compose(prompt: str, index: int, size: tuple[int, int], *, style: str | None = None, salt: str = "") -> Picture:
    """The picture a prompt describes, variant `index`, at `size`, in a model's look (see styles)."""
    look = look_for(style)
    turn = camera.angle_for(index) if look.framing == "tilt" else 0.0
    return Composer(read(prompt), index, size, look, salt, turn).paint()
