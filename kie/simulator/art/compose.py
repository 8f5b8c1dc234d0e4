"""A picture composed from what a prompt names: sky for the time of day, ground for the setting, the subjects
placed by a variant's composition (centred, on a third, close up), then weather and the model's finish.

Deterministic: positions and colours come from the prompt's words, the variant's index and seeded generators,
never the clock or global randomness. Variant 0..3 differ in composition, palette and pose (a mirrored subject).
"""

from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass, field

from PIL import Image, ImageDraw

from kie.simulator.art.drawings.plants import pine, tree
from kie.simulator.art.pen import RGB, Pen, darker, lighter, mix
from kie.simulator.art.styles import Look, finish, look_for
from kie.simulator.art.subjects import SUBJECTS, Subject, extents
from kie.simulator.art.vocab import Reading, read

Box = tuple[int, int, int, int]

# Sky gradients (top, horizon) per time of day; a variant picks one of four palettes.
SKIES: dict[str, list[tuple[RGB, RGB]]] = {
    "day": [((96, 160, 225), (200, 228, 245)), ((120, 175, 215), (235, 225, 205)),
            ((80, 140, 210), (175, 215, 235)), ((150, 190, 230), (245, 220, 215))],
    "noon": [((60, 135, 225), (175, 215, 245)), ((45, 120, 210), (160, 210, 240)),
             ((75, 150, 230), (200, 230, 250)), ((55, 130, 200), (185, 225, 235))],
    "sunrise": [((120, 150, 210), (255, 190, 150)), ((150, 140, 200), (255, 205, 160)),
                ((100, 140, 200), (250, 170, 160)), ((170, 170, 215), (255, 215, 170))],
    "sunset": [((70, 55, 130), (250, 145, 80)), ((90, 50, 110), (245, 120, 90)),
               ((50, 60, 120), (255, 170, 90)), ((110, 60, 120), (250, 160, 120))],
    "night": [((10, 16, 42), (40, 52, 100)), ((14, 12, 40), (55, 45, 95)),
              ((6, 22, 45), (30, 70, 100)), ((20, 18, 50), (60, 60, 110))],
}
GROUNDS: dict[str, RGB] = {"field": (110, 170, 80), "snow": (236, 240, 246), "desert": (232, 196, 135),
                           "autumn": (190, 130, 60), "sea": (236, 214, 165), "city": (120, 125, 130)}
LIGHT: dict[str, float] = {"day": 1.0, "noon": 1.0, "sunrise": 0.9, "sunset": 0.78, "night": 0.56}
IMPLIED: dict[str, str] = {"penguin": "snow", "cactus": "desert", "pyramid": "desert", "palm": "sea",
                           "lighthouse": "sea", "bridge": "lake", "whale": "sea", "ship": "sea", "boat": "sea",
                           "duck": "lake", "fish": "underwater", "skyscraper": "city"}
OUTDOOR = {"sea", "lake", "forest", "mountains", "hills", "city", "desert", "snow", "field", "autumn", "space",
           "underwater"}
# A variant's composition: the hero's centre (share of the width), scale, and whether it faces the other way.
COMPOSITIONS = [(0.5, 1.0, False), (0.36, 0.92, True), (0.64, 0.92, False), (0.54, 1.22, True)]


def seeded(*parts: object) -> random.Random:
    """A random generator seeded by a stable hash of `parts` (Python's own hash() changes per process)."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def gradient(size: tuple[int, int], top: RGB, bottom: RGB) -> Image.Image:
    """A vertical gradient: a 1x64 strip stretched, far faster than drawing row by row."""
    strip = Image.new("RGB", (1, 64))
    strip.putdata([mix(top, bottom, i / 63) for i in range(64)])
    column = strip.resize((1, max(1, size[1])), Image.Resampling.BILINEAR)
    return column.resize((max(1, size[0]), max(1, size[1])), Image.Resampling.NEAREST)  # copies, no maths


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


class Composer:
    """Draws one picture for a reading, a variant index and a look at a size (drawn at `scale`x, then reduced)."""

    def __init__(self, reading: Reading, index: int, size: tuple[int, int], look: Look, salt: str = ""):
        self.reading, self.index, self.look = reading, index, look
        self.out_size = size
        # Small pictures are drawn at twice their size and reduced (smooth edges); the painterly look is drawn at
        # half size and enlarged (soft edges, and four times less to draw); pictures over 1024x1024 at their size.
        self.ss = 0.5 if look.finish == "paint" else 2.0 if size[0] * size[1] <= 1_100_000 else 1.0
        self.w, self.h = max(8, round(size[0] * self.ss)), max(8, round(size[1] * self.ss))
        kinds = [k for k, _, _ in reading.subjects]
        # The background's generator knows nothing of the subjects: adding one changes only where it is drawn.
        self.rng = seeded("picture", salt, index, *sorted(reading.settings), reading.time, *reading.weather)
        settings = set(reading.settings)
        for kind in kinds[:1]:
            if kind in IMPLIED and not settings & OUTDOOR - {"autumn", "snow", "desert"}:
                settings.add(IMPLIED[kind])
        if "snowfall" in reading.weather:
            settings.add("snow")
        hero = SUBJECTS[kinds[0]] if kinds else None
        self.indoor = bool(hero and hero.place == "table" and not settings & OUTDOOR) or "indoor" in settings
        self.settings = settings
        self.time = reading.time or ("night" if "moon" in reading.sky or "stars" in reading.sky else "day")
        if reading.weather and {"storm", "rain"} & set(reading.weather) and self.time in ("day", "noon"):
            self.time = "day"
        self.palette = index % 4
        self.comp = COMPOSITIONS[index % 4]
        self.horizon = round(self.h * (0.62 + (0.05 if self.comp[1] > 1.1 else 0) + self.rng.uniform(-0.02, 0.02)))
        self.light: tuple[float, float] | None = None
        self.image = Image.new("RGB", (self.w, self.h))  # every pixel is painted over by the background
        self.draw = ImageDraw.Draw(self.image)
        self.placed: list[Placed] = []

    def band(self, y: float, height: float, top: RGB, bottom: RGB) -> None:
        """A full-width vertical gradient drawn straight onto the picture, in thin bands (no image to paste)."""
        steps = max(2, min(160, round(height / 6)))
        for i in range(steps):
            y0, y1 = y + height * i / steps, y + height * (i + 1) / steps
            self.draw.rectangle((0, round(y0), self.w, round(y1)), fill=mix(top, bottom, i / (steps - 1)))

    def lw(self, width: float) -> int:
        """A line width in pixels of the drawing (`width` pixels of the finished picture)."""
        return max(1, round(width * self.ss))

    # -- colour -----------------------------------------------------------------------------------------

    def lit(self, c: RGB) -> RGB:
        """A colour as the time of day lights it, then graded by the model's look."""
        k = LIGHT.get(self.time, 1.0)
        if "storm" in self.reading.weather or "rain" in self.reading.weather:
            k *= 0.8
        c = mix((0, 0, 0), c, k) if k < 1 else c
        if self.time == "night":
            c = mix(c, (40, 60, 120), 0.25)
        elif self.time in ("sunset", "sunrise"):
            c = mix(c, (255, 150, 100), 0.12)
        return self.look.tone(c)

    def pen(self, x: float, y: float, s: float, flip: bool = False) -> Pen:
        """A pen for a subject with its base at (x, y), `s` pixels a unit, in this picture's light and look."""
        return Pen(self.draw, x, y, s, flip=flip, tone=self.lit, outline=self.look.outline, line=self.look.line)

    # -- background -------------------------------------------------------------------------------------

    def sky(self) -> tuple[RGB, RGB]:
        """The sky's top and horizon colours for the time of day, weather and variant."""
        if "space" in self.settings:
            return (5, 5, 20), (25, 20, 60)
        top, low = SKIES[self.time][self.palette]
        if {"storm", "rain", "lightning"} & set(self.reading.weather):
            top, low = mix(top, (70, 75, 90), 0.65), mix(low, (150, 155, 165), 0.6)
        elif "clouds" in self.reading.weather or "fog" in self.reading.weather:
            top, low = mix(top, (160, 170, 185), 0.35), mix(low, (215, 218, 222), 0.35)
        return self.look.tone(top), self.look.tone(low)

    def background(self) -> None:
        """Everything behind the subjects: sky, sun or moon, clouds, mountains, city, ground, water."""
        if self.indoor:
            return self.room()
        if "underwater" in self.settings:
            return self.underwater()
        top, low = self.sky()
        self.sky_low = low
        self.band(0, self.horizon, top, low)
        if self.time == "night" or "stars" in self.reading.sky or "space" in self.settings:
            self.stars()
        if "rainbow" in self.reading.weather:
            self.rainbow()
        self.celestial()
        if {"clouds", "rain", "storm"} & set(self.reading.weather):
            self.clouds()
        if "mountains" in self.settings:
            self.mountains()
        if "hills" in self.settings:
            self.hills()
        if "city" in self.settings:
            self.skyline()
        self.ground()
        if "forest" in self.settings:
            self.forest()

    def room(self) -> None:
        """A room for food and objects: a wall with a window showing the time of day, a wooden table."""
        wall = [(236, 222, 200), (196, 220, 226), (242, 200, 190), (212, 206, 240)][self.palette]
        if self.time == "night":
            wall = mix(wall, (60, 60, 100), 0.55)
        table_top = round(self.h * 0.7)
        self.horizon = table_top
        self.sky_low = self.look.tone(wall)
        self.band(0, table_top, self.look.tone(lighter(wall, 0.25)), self.look.tone(wall))
        # a window on the wall shows the time of day
        wx0, wy0 = self.w * (0.08 if self.comp[0] >= 0.5 else 0.62), self.h * 0.12
        wx1, wy1 = wx0 + self.w * 0.3, wy0 + self.h * 0.36
        top, low = SKIES[self.time][self.palette]
        self.image.paste(gradient((round(wx1 - wx0), round(wy1 - wy0)), self.look.tone(top), self.look.tone(low)),
                         (round(wx0), round(wy0)))
        frame = self.look.tone(lighter(wall, 0.5))
        t = max(2, round(self.h * 0.012))
        self.draw.rectangle((wx0, wy0, wx1, wy1), outline=frame, width=t)
        self.draw.line([((wx0 + wx1) / 2, wy0), ((wx0 + wx1) / 2, wy1)], fill=frame, width=t)
        wood = [(160, 110, 70), (120, 130, 140), (185, 135, 85), (110, 80, 70)][self.palette]
        self.band(table_top, self.h - table_top, self.lit(lighter(wood, 0.1)), self.lit(darker(wood)))
        self.draw.rectangle((0, table_top, self.w, table_top + self.h * 0.012), fill=self.lit(lighter(wood, 0.3)))

    def underwater(self) -> None:
        """Blue water with light rays, bubbles and a sandy floor."""
        top, low = self.look.tone((70, 170, 210)), self.look.tone((15, 60, 110))
        self.horizon = round(self.h * 0.86)
        self.sky_low = low
        self.band(0, self.h, top, low)
        ray = self.look.tone((120, 200, 230))
        for i in range(4):
            x = self.w * (0.15 + 0.22 * i + self.rng.uniform(-0.04, 0.04))
            self.draw.polygon([(x, 0), (x + self.w * 0.05, 0), (x + self.w * 0.16, self.h * 0.8),
                               (x + self.w * 0.1, self.h * 0.8)], fill=mix(ray, top, 0.55))
        sand = self.look.tone((200, 180, 130))
        self.draw.ellipse((-self.w * 0.2, self.horizon, self.w * 1.2, self.h * 1.3), fill=sand)
        for i in range(5):
            x = self.w * self.rng.uniform(0.05, 0.95)
            self.draw.ellipse((x - self.h * 0.01, self.h * 0.2 + i * self.h * 0.1, x + self.h * 0.01,
                               self.h * 0.22 + i * self.h * 0.1), outline=lighter(top, 0.5), width=self.lw(2))

    def celestial(self) -> None:
        """The moon (night) or the sun (sunrise, sunset, noon, or named), opposite the hero."""
        time, named = self.time, self.reading.sky
        side = 0.78 if self.comp[0] <= 0.5 else 0.22
        if time == "night" or "moon" in named:
            x, y, r = self.w * side, self.h * 0.18, self.h * 0.06
            self.draw.ellipse((x - r * 1.8, y - r * 1.8, x + r * 1.8, y + r * 1.8),
                              fill=mix(self.sky_at(y), (200, 210, 240), 0.12))
            self.draw.ellipse((x - r, y - r, x + r, y + r), fill=self.look.tone((245, 240, 215)))
            self.draw.ellipse((x - r * 0.4, y - r * 0.3, x - r * 0.1, y), fill=self.look.tone((225, 220, 195)))
            self.light = (side, 0.18)
        if time in ("sunset", "sunrise") or ("sun" in named and time != "night") or time == "noon":
            y = self.horizon - self.h * (0.05 if time in ("sunset", "sunrise") else 0.42)
            x, r = self.w * side, self.h * (0.085 if time in ("sunset", "sunrise") else 0.06)
            core = (255, 200, 110) if time in ("sunset", "sunrise") else (255, 245, 200)
            for k, t in ((2.2, 0.15), (1.5, 0.3)):
                self.draw.ellipse((x - r * k, y - r * k, x + r * k, y + r * k), fill=mix(self.sky_at(y), core, t))
            self.draw.ellipse((x - r, y - r, x + r, y + r), fill=self.look.tone(core))
            self.light = (side, round(y / self.h, 2))  # rounded: the glow for it is cached
        elif self.light is None and time == "day":
            self.light = (side, 0.1)

    def sky_at(self, y: float) -> RGB:
        """The sky's colour at height y."""
        top, low = self.sky()
        return mix(top, low, max(0.0, min(1.0, y / max(1, self.horizon))))

    def stars(self) -> None:
        """Stars over the upper sky."""
        for _ in range(int(90 * self.w * self.h / (2048 * 2048)) + 20):
            x, y = self.rng.uniform(0, self.w), self.rng.uniform(0, self.horizon * 0.85)
            r = self.rng.choice((1.0, 1.5, 2.5)) * self.ss
            self.draw.ellipse((x - r, y - r, x + r, y + r), fill=(250, 248, 230))

    def rainbow(self) -> None:
        """A rainbow arching over the middle of the picture."""
        cx, cy, r = self.w * 0.5, self.horizon * 1.02, self.w * 0.42
        band = self.h * 0.018
        colours = [(230, 70, 70), (245, 150, 60), (245, 220, 70), (90, 180, 90), (70, 130, 220), (130, 80, 190)]
        for i, c in enumerate(colours):
            rr = r - i * band
            self.draw.ellipse((cx - rr, cy - rr, cx + rr, cy + rr), outline=self.look.tone(mix(c, self.sky_low, 0.2)),
                              width=round(band) + 1)
        top, low = self.sky()
        rr = r - len(colours) * band
        inner = gradient((round(2 * rr), round(cy - (cy - rr))), mix(top, low, (cy - rr) / self.horizon), low)
        mask = Image.new("L", inner.size, 0)
        ImageDraw.Draw(mask).ellipse((0, 0, 2 * rr, 2 * rr), fill=255)
        self.image.paste(inner, (round(cx - rr), round(cy - rr)), mask)

    def clouds(self) -> None:
        """Soft clouds, grey and heavy in rain or a storm."""
        dark = {"storm", "rain"} & set(self.reading.weather)
        colour = self.look.tone((110, 115, 130) if dark else (250, 250, 252))
        shade = darker(colour, 0.12)
        for i in range(5 if dark else 3):
            x = self.w * ((i + 0.5) / (5 if dark else 3) + self.rng.uniform(-0.08, 0.08))
            y = self.h * self.rng.uniform(0.08, 0.28)
            s = self.h * self.rng.uniform(0.05, 0.08) * (1.4 if dark else 1)
            self.draw.rounded_rectangle((x - s * 2.2, y, x + s * 2.2, y + s * 0.9), radius=round(s * 0.45), fill=shade)
            for dx, dy, r in ((-1.2, 0.2, 0.8), (0.0, -0.2, 1.1), (1.1, 0.15, 0.85)):
                self.draw.ellipse((x + dx * s - r * s, y + dy * s - r * s + s * 0.3, x + dx * s + r * s,
                                   y + dy * s + r * s + s * 0.2), fill=colour)

    def mountains(self) -> None:
        """Two ranges of mountains, the far one with snowy peaks."""
        for layer, (depth, height) in enumerate(((0.45, 0.45), (0.7, 0.3))):
            colour = mix(self.sky_low, self.lit((90, 100, 130)), depth)
            x, points = -self.w * 0.05, [(-self.w * 0.05, float(self.horizon))]
            while x < self.w * 1.05:
                x += self.w * self.rng.uniform(0.12, 0.22)
                points.append((x, self.horizon - self.horizon * height * self.rng.uniform(0.5, 1.0)))
                x += self.w * self.rng.uniform(0.1, 0.18)
                points.append((x, self.horizon - self.horizon * height * self.rng.uniform(0.1, 0.3)))
            points.append((self.w * 1.1, float(self.horizon)))
            self.draw.polygon(points, fill=colour)
            snow = mix(colour, (250, 250, 255), 0.7)
            for i in range(1, len(points) - 2, 2):
                (lx, ly), (px, py), (rx, ry) = points[i - 1], points[i], points[i + 1]
                if self.horizon - py > self.horizon * height * 0.6 and layer == 0:
                    f = 0.25
                    self.draw.polygon([(px, py), (px + (rx - px) * f, py + (ry - py) * f),
                                       (px + (lx - px) * f, py + (ly - py) * f)], fill=snow)

    def skyline(self) -> None:
        """A city skyline on the horizon, its windows lit at dusk and night."""
        x = -self.w * 0.02
        body = mix(self.sky_low, self.lit((70, 80, 105)), 0.6)
        lit = self.look.tone((255, 215, 130)) if self.time in ("night", "sunset") else lighter(body, 0.25)
        while x < self.w:
            bw = self.w * self.rng.uniform(0.05, 0.1)
            top = self.horizon - self.horizon * self.rng.uniform(0.15, 0.45)
            self.draw.rectangle((x, top, x + bw, self.horizon), fill=body)
            step = max(4.0, bw / 5)
            wy = top + step
            while wy < self.horizon - step:
                wx = x + step * 0.6
                while wx < x + bw - step * 0.8:
                    if self.rng.random() < 0.5:
                        self.draw.rectangle((wx, wy, wx + step * 0.4, wy + step * 0.5), fill=lit)
                    wx += step
                wy += step * 1.2
            x += bw + self.w * self.rng.uniform(0.0, 0.015)

    def ground(self) -> None:
        """The ground for the setting (field, snow, desert, autumn, beach, street), and water if any."""
        s = self.settings
        kind = ("snow" if "snow" in s else "desert" if "desert" in s else "autumn" if "autumn" in s else
                "sea" if "sea" in s else "city" if "city" in s and not s & {"hills", "field", "forest"} else "field")
        near = self.lit(GROUNDS[kind])
        far = mix(near, self.sky_low, 0.3)
        self.band(self.horizon, self.h - self.horizon, far, darker(near, 0.12))
        if kind in ("field", "autumn"):  # soft bands give the ground depth
            for i in range(3):
                y = self.horizon + (self.h - self.horizon) * (0.25 + i * 0.25)
                self.draw.ellipse((-self.w * 0.3 + i * self.w * 0.2 * (-1) ** self.palette, y,
                                   self.w * 1.3, y + self.h), fill=mix(far, darker(near, 0.12), 0.3 + i * 0.25))
        if "sea" in s or "lake" in s:
            self.water(lake="sea" not in s)
        if kind == "desert":
            for i in range(2):
                cx = self.w * (0.2 + 0.6 * i + self.rng.uniform(-0.1, 0.1))
                self.draw.ellipse((cx - self.w * 0.5, self.horizon - self.h * 0.05, cx + self.w * 0.5,
                                   self.horizon + self.h * 0.2), fill=mix(far, near, 0.5 + 0.2 * i))

    def water(self, lake: bool) -> None:
        """The sea or a lake from the horizon, with ripples and the light's glint."""
        deep = self.lit((40, 100, 160))
        light = mix(self.sky_low, deep, 0.35)
        afloat = bool(self.reading.subjects) and SUBJECTS[self.reading.subjects[0][0]].place == "water"
        self.shore = round(self.horizon + (self.h - self.horizon) * (0.86 if afloat else 0.55 if lake else 0.62))
        self.band(self.horizon, self.shore - self.horizon, light, deep)
        ripple = mix(light, (255, 255, 255), 0.35)
        for _ in range(40):
            y = self.rng.uniform(self.horizon + 4, self.shore - 4)
            x = self.rng.uniform(0, self.w)
            span = self.w * 0.025 * (0.4 + (y - self.horizon) / max(1, self.shore - self.horizon))
            self.draw.line([(x - span, y), (x + span, y)], fill=ripple, width=self.lw(2))
        if self.light and not lake:
            lx = self.light[0] * self.w
            glint = mix(light, (255, 230, 180), 0.6)
            for i in range(10):
                y = self.horizon + (self.shore - self.horizon) * (i + 0.5) / 10
                span = self.w * 0.035 * (1 - i / 14)
                self.draw.line([(lx - span, y), (lx + span, y)], fill=glint, width=self.lw(3))

    def hills(self) -> None:
        """Rolling hills rising behind the horizon."""
        for i in range(2):
            cx = self.w * (0.25 + 0.5 * i + self.rng.uniform(-0.1, 0.1))
            colour = mix(self.sky_low, self.lit((90, 150, 80)), 0.55 + 0.2 * i)
            top = self.horizon - self.h * (0.12 - 0.04 * i)  # rolling mounds rising behind the horizon
            self.draw.ellipse((cx - self.w * 0.45, top, cx + self.w * 0.45, top + self.h * 0.4), fill=colour)

    def forest(self) -> None:
        """A row of trees along the horizon, paler with distance."""
        n = 11
        for i in range(n):
            x = self.w * (i + self.rng.uniform(0.1, 0.9)) / n
            s = self.h * self.rng.uniform(0.16, 0.24)
            p = Pen(self.draw, x, self.horizon + self.h * 0.02, s,
                    tone=lambda c: mix(self.sky_low, self.lit(c), 0.55))
            autumn = [(200, 110, 40), (225, 160, 50), (170, 70, 40)][i % 3]
            green = ((200, 215, 225) if "snow" in self.settings else
                     autumn if "autumn" in self.settings else (50, 110, 70))
            (pine if i % 3 and "autumn" not in self.settings else tree)(p, green)

    # -- subjects ---------------------------------------------------------------------------------------

    def anchor(self, subject: Subject, aspect: float, x_share: float, scale: float) -> tuple[float, float, float]:
        """Where a subject's visible bottom centre goes and how tall it is seen: (x, y, height) in pixels."""
        place, w, h = subject.place, self.w, self.h
        height = h * 0.58 * subject.size * scale
        if place == "sky":
            height = h * 0.42 * subject.size * scale
            y = min(self.horizon * 0.95, h * 0.12 + height)
        elif place == "air":
            height = h * 0.4 * subject.size * scale
            y = h * 0.76
        elif place == "water" and "underwater" in self.settings:
            height, y = h * 0.48 * scale, h * 0.76
        elif place == "water":
            shore = getattr(self, "shore", self.horizon + (h - self.horizon) * 0.6)
            y = self.horizon + (shore - self.horizon) * 0.62
            height = h * 0.45 * subject.size * scale
        elif place == "table" and self.indoor:
            height, y = h * 0.52 * subject.size * scale, h * 0.86
        else:
            y = h * 0.9
        max_width = w * 0.84
        if height * aspect > max_width:
            height = max_width / aspect
        return w * x_share, y, height

    def shadow(self, x: float, y: float, width: float) -> None:
        """A soft shadow on the ground under a subject `width` pixels wide."""
        ground = self.image.getpixel((int(min(self.w - 1, max(0, x))), int(min(self.h - 1, max(0, y)))))
        for k, t in ((1.0, 0.12), (0.8, 0.2), (0.6, 0.28)):
            rx, ry = width * 0.5 * k, width * 0.07 * k
            self.draw.ellipse((x - rx, y - ry, x + rx, y + ry), fill=darker(ground[:3], t))

    def subject(self, kind: str, count: int, colour: RGB | None, x_share: float, scale: float, flip: bool) -> None:
        """One subject (or a group of `count`) at a share of the width, scaled and facing as told."""
        subject = SUBJECTS[kind]
        base = colour or subject.colour
        if colour is None and self.palette and subject.place != "sky":
            base = mix(base, [(0, 0, 0), (255, 220, 180), (120, 140, 200), (255, 255, 255)][self.palette], 0.12)
        u0, u1, v0, v1 = extents(kind)
        aspect = (u1 - u0) / (v1 - v0)
        x, y, height = self.anchor(subject, aspect, x_share, scale)
        copies = min(3, count)
        if copies > 1:
            height *= 0.8
        step = height * aspect * 0.8
        offsets = [0.0] if copies == 1 else [(-0.5 + i / (copies - 1)) * step * (copies - 1) / 1.2
                                             for i in range(copies)]
        left, top, right, bottom = self.w, self.h, 0, 0
        for i, dx in enumerate(offsets):
            hh = height * (1 - 0.12 * (i % 2))  # (hh, xx, yy): the visible height and bottom centre of this copy
            yy = y - (height * 0.08 if i % 2 else 0) * (subject.place == "ground")
            xx = x + dx
            width = hh * aspect
            if subject.place in ("ground", "table") or (subject.place == "water" and "underwater" not in self.settings
                                                         and kind != "fish"):
                self.shadow(xx, yy, width * 0.9)
            facing = flip != bool(i % 2)
            s = hh / (v1 - v0)
            self.draw_one(subject, base, xx - (-1 if facing else 1) * (u0 + u1) / 2 * s, yy + v0 * s, s, facing)
            left, right = min(left, xx - width / 2), max(right, xx + width / 2)
            top, bottom = min(top, yy - hh), max(bottom, yy + width * 0.9 * 0.07)  # and its shadow
        f = self.ss
        self.placed.append(Placed(kind, (max(0, int(left / f)), max(0, int(top / f)), min(self.out_size[0],
                                  math.ceil(right / f)), min(self.out_size[1], math.ceil(bottom / f)))))

    def draw_one(self, subject: Subject, colour: RGB, x: float, y: float, height: float, flip: bool) -> None:
        """One subject with its base at (x, y), `s` pixels a unit."""
        subject.draw(self.pen(x, y, height, flip), colour)

    def subjects(self) -> None:
        """The subjects the prompt names: the first (the hero) by the variant's composition, others beside it."""
        items = self.reading.subjects
        if not items:
            return
        hero_x, hero_scale, flip = self.comp
        others = [1 - hero_x if abs(hero_x - 0.5) > 0.05 else 0.2, 0.82 if hero_x < 0.6 else 0.18]
        order = []
        for n, (kind, count, colour) in enumerate(items):
            if n == 0:
                order.append((kind, count, colour, hero_x, hero_scale, flip))
            else:
                x = others[n - 1]
                if len(items) == 2 and abs(hero_x - 0.5) < 0.05:
                    x = 0.2 if self.palette % 2 == 0 else 0.8
                order.append((kind, count, colour, x, 0.55 * hero_scale, not flip))
        if len(items) > 1 and abs(hero_x - 0.5) < 0.05:  # two subjects side by side share the middle
            kind, count, colour, _, scale, fl = order[0]
            order[0] = (kind, count, colour, 0.62 if order[1][3] < 0.5 else 0.38, scale * 0.9, fl)
        # Things further back (smaller, sky) first, the hero last so it is on top.
        for kind, count, colour, x, scale, fl in sorted(order[1:], key=lambda o: o[4]) + order[:1]:
            self.subject(kind, count, colour, x, scale, fl)

    # -- weather ----------------------------------------------------------------------------------------

    def weather(self) -> None:
        """Fog, rain, falling snow and lightning over everything."""
        w = set(self.reading.weather)
        if "fog" in w:
            fog = gradient((self.w, self.h), self.look.tone((225, 228, 232)), self.look.tone((240, 240, 242)))
            mask = gradient((self.w, self.h), (90, 90, 90), (150, 150, 150)).convert("L")
            self.image.paste(fog, (0, 0), mask)
        if "rain" in w or "storm" in w:
            colour = mix(self.sky_low, (225, 230, 240), 0.6)
            for _ in range(int(260 * self.w * self.h / 2048 ** 2) + 60):
                x, y = self.rng.uniform(0, self.w * 1.1), self.rng.uniform(0, self.h)
                self.draw.line([(x, y), (x - self.h * 0.012, y + self.h * 0.04)], fill=colour, width=self.lw(2))
        if "snowfall" in w:
            for _ in range(int(220 * self.w * self.h / 2048 ** 2) + 60):
                x, y, r = self.rng.uniform(0, self.w), self.rng.uniform(0, self.h), self.rng.uniform(2, 6) * self.ss
                self.draw.ellipse((x - r, y - r, x + r, y + r), fill=(250, 252, 255))
        if "lightning" in w or "storm" in w:
            x, y = self.w * (0.2 if self.comp[0] >= 0.5 else 0.8), self.h * 0.12
            points = [(x, y)]
            for i in range(5):
                x += self.w * (0.035 if i % 2 else -0.03)
                y += (self.horizon - self.h * 0.12) / 5
                points.append((x, y))
            glow = self.look.tone((255, 250, 200))
            self.draw.line(points, fill=mix(self.sky_low, glow, 0.4), width=self.lw(14), joint="curve")
            self.draw.line(points, fill=glow, width=self.lw(5), joint="curve")

    def paint(self) -> Picture:
        """Draw the picture and return it at its size with the model's finish."""
        self.background()
        self.subjects()
        self.weather()
        image = (self.image.reduce(2) if self.ss == 2 else self.image if self.ss == 1 else
                 self.image.resize(self.out_size, Image.Resampling.BILINEAR))
        if image.size != self.out_size:  # a picture only a few pixels across
            image = image.resize(self.out_size, Image.Resampling.BILINEAR)
        image = finish(image, self.look, self.light)
        return Picture(image, self.placed, round(self.horizon / self.ss))


def compose(prompt: str, index: int, size: tuple[int, int], *, style: str | None = None, salt: str = "") -> Picture:
    """The picture a prompt describes, variant `index`, at `size`, in a model's look (see styles)."""
    return Composer(read(prompt), index, size, look_for(style), salt).paint()
