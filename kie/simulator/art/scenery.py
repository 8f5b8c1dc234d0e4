"""What is behind the subjects outdoors: sky, sun and moon, stars, a rainbow, clouds, mountains, hills, a skyline,
the ground, water, a forest, a road, grass, distant hills, under water. Rooms, the diorama tile and the poster's disc
are in `interiors`; weather and soft focus over the picture in `overlays`.

`Scenery` is the painting half of `compose.Composer`: its methods draw on the composer's picture with the
composer's settings, light and look.
"""

from __future__ import annotations

import hashlib
import math
import random

from PIL import Image, ImageDraw

from kie.simulator.art.drawings.plants import pine, tree
from kie.simulator.art.pen import RGB, Pen, darker, lighter, mix

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
                           "autumn": (190, 130, 60), "sea": (236, 214, 165), "city": (120, 125, 130),
                           "savanna": (205, 180, 100)}
LIGHT: dict[str, float] = {"day": 1.0, "noon": 1.0, "sunrise": 0.9, "sunset": 0.78, "night": 0.56}
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


class Scenery:
    """The background and weather painters; the composer sets what they read (size, settings, time, look...)."""

    def band(self, y: float, height: float, top: RGB, bottom: RGB) -> None:
        """A full-width vertical gradient drawn straight onto the picture, in thin bands (no image to paste)."""
        steps = max(2, min(160, round(height / 6)))
        if self.look.sky == "flat":
            steps = 2
        for i in range(steps):
            y0, y1 = y + height * i / steps, y + height * (i + 1) / steps
            self.draw.rectangle((0, round(y0), self.w, round(y1)), fill=mix(top, bottom, i / (steps - 1)))

    def lw(self, width: float) -> int:
        """A line width in pixels of the drawing (`width` pixels of the finished picture)."""
        return max(1, round(width * self.ss))

    def lit(self, c: RGB) -> RGB:
        """A colour as the time of day lights it, then graded by the model's look."""
        k = LIGHT.get(self.time, 1.0)
        if "storm" in self.reading.weather or "rain" in self.reading.weather:
            k *= 0.8
        if self.indoor and self.time == "night":
            k = 0.8  # a lit room
        c = mix((0, 0, 0), c, k) if k < 1 else c
        if self.time == "night":
            c = mix(c, (40, 60, 120), 0.25 if not self.indoor else 0.1)
        elif self.time in ("sunset", "sunrise"):
            c = mix(c, (255, 150, 100), 0.12)
        return self.look.tone(c)

    def sky(self) -> tuple[RGB, RGB]:
        """The sky's top and horizon colours for the time of day, weather and variant."""
        if "space" in self.settings:
            return (5, 5, 20), (25, 20, 60)
        top, low = SKIES[self.time][self.palette]
        if {"storm", "rain", "lightning"} & set(self.reading.weather):
            top, low = mix(top, (70, 75, 90), 0.65), mix(low, (150, 155, 165), 0.6)
        elif "clouds" in self.reading.weather or "fog" in self.reading.weather:
            top, low = mix(top, (160, 170, 185), 0.35), mix(low, (215, 218, 222), 0.35)
        if self.look.sky == "flat":
            top = low = mix(top, low, 0.45)
        return self.look.tone(top), self.look.tone(low)

    def background(self) -> None:
        """Everything behind the subjects: sky, sun or moon, clouds, mountains, city, ground, water; or a room."""
        if self.framing == "iso":
            return self.diorama()
        if self.indoor:
            return self.room()
        if "underwater" in self.settings:
            return self.underwater()
        top, low = self.sky()
        self.sky_low = low
        self.band(0, self.horizon, top, low)
        if self.look.sky == "dots":
            self.halftone(top, low)
        if self.time == "night" or "stars" in self.reading.sky or "space" in self.settings:
            self.stars()
        if "rainbow" in self.reading.weather:
            self.rainbow()
        self.celestial()
        if self.framing == "poster":
            self.disc()
        if {"clouds", "rain", "storm"} & set(self.reading.weather) or (self.look.detail >= 2 and
                                                                      self.framing == "wide"
                                                                      and self.time != "night"):
            self.clouds()
        if self.framing == "wide" and not self.settings & {"mountains", "city", "space"}:
            self.far_hills()
        if "mountains" in self.settings:
            self.mountains()
        if "hills" in self.settings:
            self.hills()
        if "city" in self.settings:
            self.skyline()
        self.ground()
        if "forest" in self.settings:
            self.forest()
        if "road" in self.settings:
            self.road()
        if self.look.detail >= 2 and not self.settings & {"sea", "lake", "city", "space", "snow", "desert"}:
            self.grass()

    def halftone(self, top: RGB, low: RGB) -> None:
        """A comic's halftone screen over the sky: rows of dots, growing towards the horizon, a shade darker than
        the sky behind them (every other row set off by half a step)."""
        step = max(4.0, self.h * 0.022)
        rows = int(self.horizon / step)
        for row in range(rows):
            y = (row + 0.5) * step
            share = y / max(1.0, self.horizon)
            r = step * (0.12 + 0.3 * share)
            fill = darker(mix(top, low, share), 0.16)
            x = step * (0.25 + 0.5 * (row % 2))
            while x < self.w:
                self.draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)
                x += step

    def far_hills(self) -> None:
        """The wide look's distant hills and a line of trees on the horizon, paler with distance."""
        for layer, (depth, rise) in enumerate(((0.28, 0.1), (0.45, 0.06))):
            colour = mix(self.sky_low, self.lit((90, 140, 110)), depth)
            points = [(0.0, float(self.horizon))]
            for k in range(9):
                x = self.w * k / 8
                points.append((x, self.horizon - self.h * rise * (0.5 + 0.5 * math.sin(k * 1.7 + layer * 2 +
                                                                                        self.palette))))
            points.append((float(self.w), float(self.horizon)))
            self.draw.polygon(points, fill=colour)

    def grass(self) -> None:
        """Tufts of grass on the ground, sparse and low in contrast."""
        if self.horizon >= self.h * 0.95:
            return
        base = self.image.getpixel((self.w // 2, min(self.h - 1, int(self.horizon + (self.h - self.horizon) * 0.6))))
        colour = darker(base[:3], 0.1)
        rng = seeded("grass", self.palette, self.framing)
        for _ in range(40):
            y = rng.uniform(self.horizon + (self.h - self.horizon) * 0.15, self.h)
            x = rng.uniform(0, self.w)
            s = self.h * 0.012 * (0.5 + (y - self.horizon) / max(1, self.h - self.horizon))
            for dx in (-0.6, 0.0, 0.6):
                self.draw.line([(x, y), (x + dx * s, y - s * 1.6)], fill=colour, width=self.lw(1.5))

    def road(self) -> None:
        """A road running from the front into the distance."""
        grey = self.lit((110, 112, 118))
        y0 = self.horizon
        self.draw.polygon([(self.w * 0.47, y0), (self.w * 0.53, y0), (self.w * 0.95, self.h), (self.w * 0.05, self.h)],
                          fill=grey)
        for k in range(6):
            a, b = k / 6, (k + 0.5) / 6
            ya, yb = y0 + (self.h - y0) * a ** 1.5, y0 + (self.h - y0) * b ** 1.5
            wa, wb = self.w * (0.004 + 0.012 * a), self.w * (0.004 + 0.012 * b)
            self.draw.polygon([(self.w / 2 - wa, ya), (self.w / 2 + wa, ya), (self.w / 2 + wb, yb),
                               (self.w / 2 - wb, yb)], fill=self.lit((240, 220, 120)))

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
            x, y, r = self.w * side, self.h * 0.18, self.h * (0.085 if "moon" in named else 0.06)
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
        """Two ranges of mountains, the far one with snowy peaks (both, and more snow, in a snowy scene); taller
        when the mountains are the picture's subject."""
        snowy = "snow" in self.settings
        tall = 1.0 if self.items else 1.45
        for layer, (depth, height) in enumerate(((0.45, 0.45 * tall), (0.7, 0.3 * tall))):
            colour = mix(self.sky_low, self.lit((90, 100, 130)), depth)
            if self.time == "night":  # moonlit rock, a shade lighter than the night sky behind it
                colour = mix(self.sky_low, self.look.tone((92, 104, 150)), 0.55 + 0.25 * layer)
            x, points = -self.w * 0.05, [(-self.w * 0.05, float(self.horizon))]
            while x < self.w * 1.05:
                x += self.w * self.rng.uniform(0.12, 0.22)
                points.append((x, self.horizon - self.horizon * height * self.rng.uniform(0.5, 1.0)))
                x += self.w * self.rng.uniform(0.1, 0.18)
                points.append((x, self.horizon - self.horizon * height * self.rng.uniform(0.1, 0.3)))
            points.append((self.w * 1.1, float(self.horizon)))
            self.draw.polygon(points, fill=colour)
            snow = mix(colour, self.lit((250, 250, 255)) if snowy else (250, 250, 255), 0.75 if snowy else 0.7)
            if snowy and self.time == "night":
                snow = mix(snow, (225, 232, 250), 0.5)  # moonlit snow stays bright
            for i in range(1, len(points) - 2, 2):
                (lx, ly), (px, py), (rx, ry) = points[i - 1], points[i], points[i + 1]
                if self.horizon - py > self.horizon * height * 0.45 and (layer == 0 or snowy):
                    f = 0.42 if snowy else 0.25
                    mid = ((px + (rx - px) * f + px + (lx - px) * f) / 2, py + ((ry - py) + (ly - py)) * f * 0.42)
                    self.draw.polygon([(px, py), (px + (rx - px) * f, py + (ry - py) * f),
                                       (mid[0] + (rx - px) * f * 0.2, mid[1] + (ry - py) * f * 0.15), mid,
                                       (mid[0] - (px - lx) * f * 0.2, mid[1] + (ly - py) * f * 0.2),
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
                "savanna" if "savanna" in s else "sea" if "sea" in s else
                "city" if "city" in s and not s & {"hills", "field", "forest"} else "field")
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
        afloat = any(item.place == "water" for item in self.items)
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

