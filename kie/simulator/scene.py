"""A landscape drawn from a Plan with Pillow: sky, sun or moon, mountains, water, city, trees, a cat.

Positions come from two seeded generators: `layout` (from the prompt alone, so every variant of one prompt
shares its composition) and `jitter` (from the prompt and the variant's index, so variants differ a little).
Same input, same pixels.
"""

from __future__ import annotations

import math
import random

from PIL import Image, ImageDraw

from kie.simulator.plan import COLOURS, RGB, Plan, mix, plan_for, seeded, words_of


def gradient(size: tuple[int, int], top: RGB, bottom: RGB) -> Image.Image:
    """A vertical gradient: a 1x64 strip stretched, far faster than drawing row by row."""
    strip = Image.new("RGB", (1, 64))
    strip.putdata([mix(top, bottom, i / 63) for i in range(64)])
    return strip.resize((max(1, size[0]), max(1, size[1])), Image.Resampling.BILINEAR)


SKIES = {"day": ((70, 130, 210), (175, 212, 240)), "sunset": ((55, 45, 115), (250, 150, 80)),
         "night": ((6, 10, 30), (32, 42, 88))}
SHADE = {"day": 1.0, "sunset": 0.72, "night": 0.32}


class Painter:
    """Draws a Plan onto an image of any size (coordinates are shares of the width and height)."""

    def __init__(self, size: tuple[int, int], plan: Plan, layout: random.Random, jitter: random.Random):
        self.w, self.h = size
        self.plan, self.layout, self.jitter = plan, layout, jitter
        self.unit = max(1.0, min(size) / 1024)  # line widths scale with the picture
        self.horizon = round(self.h * plan.horizon)
        top, low = SKIES[plan.time]
        if "overcast" in plan.has:
            top, low = mix(top, (120, 125, 135), 0.6), mix(low, (170, 172, 178), 0.6)
        self.sky_top, self.sky_low = mix(top, plan.accent, 0.12), low
        self.image = gradient((self.w, self.horizon), self.sky_top, self.sky_low)
        self.image = self.image.crop((0, 0, self.w, self.h))  # the area below the horizon is painted next
        self.draw = ImageDraw.Draw(self.image)

    def shade(self, colour: RGB, amount: float = 1.0) -> RGB:
        """A colour darkened for the time of day (night is dark, sunset warm)."""
        factor = 1 - (1 - SHADE[self.plan.time]) * amount
        warm = (255, 150, 90) if self.plan.time == "sunset" else colour
        return mix(mix((0, 0, 0), colour, factor), warm, 0.12 * amount)

    def sky_at(self, y: float) -> RGB:
        return mix(self.sky_top, self.sky_low, min(1.0, max(0.0, y / max(1, self.horizon))))

    def paint(self) -> Image.Image:
        """Draw every element, back to front, and return the picture."""
        has, plan = self.plan.has, self.plan
        if plan.time == "night" or "stars" in has:
            self.stars()
        if plan.time == "night" or "moon" in has:
            self.moon()
        elif "overcast" not in has and (plan.time == "sunset" or "sun" in has or self.layout.random() < 0.7):
            self.sun()
        if plan.time == "day" and self.layout.random() < 0.5 or has & {"cloud", "clouds", "overcast"}:
            self.clouds()
        if "rainbow" in has:
            self.rainbow()
        if "mountains" in has:
            self.mountains()
        if "city" in has:
            self.city()
        self.ground()
        if "hills" in has:
            self.hills()
        if plan.water:
            self.water()
        if "boat" in has or "ship" in has or "sail" in has or "sailboat" in has:
            self.boat()
        if has & {"house", "home", "cabin", "cottage", "village"}:
            self.houses(4 if "village" in has else 1)
        if "trees" in has:
            self.trees(34 if "forest" in has else 6)
        if has & {"flower", "flowers", "meadow", "spring", "garden"}:
            self.flowers()
        for word in plan.extras:
            self.floating_shape(word)
        if has & {"bird", "birds", "seagull"}:
            self.birds()
        if "cat" in has:
            self.cat()
        if has & {"snow", "snowy", "winter"} and plan.time != "day" or "snow" in has:
            self.falling(snow=True)
        elif has & {"rain", "rainy", "storm"}:
            self.falling(snow=False)
        return self.image

    # -- the sky --------------------------------------------------------------------------------

    def stars(self) -> None:
        for _ in range(int(160 * self.w * self.h / 1024 ** 2) + 10):
            x, y = self.jitter.uniform(0, self.w), self.jitter.uniform(0, self.horizon * 0.9)
            r = self.jitter.choice([0.6, 0.8, 1.0, 1.6]) * self.unit
            self.draw.ellipse((x - r, y - r, x + r, y + r), fill=mix(self.sky_at(y), (255, 250, 225), 0.85))

    def _glow(self, cx: float, cy: float, r: float, colour: RGB, rings: int = 4) -> None:
        back = self.sky_at(cy)
        for i in range(rings, 0, -1):
            rr = r * (1 + i * 0.35)
            self.draw.ellipse((cx - rr, cy - rr, cx + rr, cy + rr), fill=mix(back, colour, 0.12 + 0.1 * (rings - i)))
        self.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)

    def sun(self) -> None:
        low = self.plan.time == "sunset"
        cx = self.w * (self.layout.uniform(0.2, 0.8) + self.jitter.uniform(-0.04, 0.04))
        cy = self.horizon * (self.layout.uniform(0.62, 0.8) if low else self.layout.uniform(0.15, 0.4))
        self.sun_x = cx
        self._glow(cx, cy, self.h * (0.075 if low else 0.055), (252, 170, 70) if low else (255, 240, 170))

    def moon(self) -> None:
        cx = self.w * (self.layout.uniform(0.15, 0.85) + self.jitter.uniform(-0.03, 0.03))
        cy, r = self.horizon * self.layout.uniform(0.15, 0.35), self.h * 0.05
        self.sun_x = cx
        self._glow(cx, cy, r, (238, 236, 214), rings=3)
        for dx, dy, rr in ((-0.3, -0.2, 0.22), (0.25, 0.15, 0.15), (-0.05, 0.4, 0.12)):
            x, y = cx + dx * r, cy + dy * r
            self.draw.ellipse((x - rr * r, y - rr * r, x + rr * r, y + rr * r), fill=(214, 212, 192))

    def clouds(self) -> None:
        white = mix((250, 250, 252), (140, 144, 152), 0.55) if "overcast" in self.plan.has else (250, 250, 252)
        colour = self.shade(white, 0.8)
        for _ in range(self.layout.randint(2, 4)):
            cx = self.w * self.layout.uniform(0, 1) + self.w * self.jitter.uniform(-0.05, 0.05)
            cy, size = self.horizon * self.layout.uniform(0.1, 0.5), self.h * self.layout.uniform(0.03, 0.06)
            for _ in range(6):
                x, y = cx + self.layout.uniform(-2.2, 2.2) * size, cy + self.layout.uniform(-0.5, 0.4) * size
                rx, ry = size * self.layout.uniform(1.0, 1.8), size * self.layout.uniform(0.6, 1.0)
                self.draw.ellipse((x - rx, y - ry, x + rx, y + ry), fill=colour)

    def rainbow(self) -> None:
        cx, cy, r = self.w * self.layout.uniform(0.3, 0.7), self.horizon, self.w * 0.38
        band = max(2, round(self.h * 0.012))
        for i, colour in enumerate([(230, 60, 60), (240, 150, 50), (240, 220, 70), (80, 180, 80), (60, 120, 220),
                                    (130, 70, 190)]):
            rr = r - i * band
            self.draw.arc((cx - rr, cy - rr, cx + rr, cy + rr), 180, 360, fill=mix(self.sky_low, colour, 0.7),
                          width=band)

    def birds(self) -> None:
        colour = self.shade((40, 40, 50))
        for _ in range(self.layout.randint(3, 7)):
            x, y = self.w * self.jitter.uniform(0.1, 0.9), self.horizon * self.jitter.uniform(0.15, 0.6)
            s = self.h * self.jitter.uniform(0.008, 0.016)
            self.draw.line([(x - s, y - s * 0.6), (x, y), (x + s, y - s * 0.6)], fill=colour,
                           width=max(1, round(1.5 * self.unit)))

    def floating_shape(self, word: str) -> None:
        """Another word of the prompt as a kite, balloon, pennant or star: the same word, the same shape."""
        pick = seeded("word", word)
        kind = pick.choice(["balloon", "kite", "pennant", "star"])
        colour = self.shade(mix(pick.choice(list(COLOURS.values())), self.plan.accent, 0.35), 0.4)
        x = self.w * pick.uniform(0.08, 0.92) + self.w * self.jitter.uniform(-0.02, 0.02)
        y, s = self.horizon * pick.uniform(0.2, 0.7), self.h * pick.uniform(0.025, 0.045)
        line = self.shade((60, 60, 60))
        if kind == "balloon":
            self.draw.line([(x, y + s * 1.2), (x + s * 0.3, y + s * 3.2)], fill=line, width=max(1, round(self.unit)))
            self.draw.ellipse((x - s, y - s * 1.2, x + s, y + s * 1.2), fill=colour)
        elif kind == "kite":
            self.draw.line([(x, y + s * 1.4), (x - s, y + s * 3.5)], fill=line, width=max(1, round(self.unit)))
            self.draw.polygon([(x, y - s * 1.4), (x + s, y), (x, y + s * 1.4), (x - s, y)], fill=colour)
        elif kind == "pennant":
            self.draw.line([(x - s, y - s * 1.5), (x - s, y + s * 2)], fill=line, width=max(1, round(2 * self.unit)))
            self.draw.polygon([(x - s, y - s * 1.5), (x + s * 1.6, y - s * 0.7), (x - s, y + s * 0.1)], fill=colour)
        else:
            points = [(x + s * (1.3 if i % 2 == 0 else 0.55) * math.sin(i * math.pi / 5),
                       y - s * (1.3 if i % 2 == 0 else 0.55) * math.cos(i * math.pi / 5)) for i in range(10)]
            self.draw.polygon(points, fill=colour)

    # -- the land ---------------------------------------------------------------------------------

    def mountains(self) -> None:
        for layer, (depth, height) in enumerate(((0.55, 0.42), (0.8, 0.28))):
            colour = mix(self.sky_low, self.shade((70, 80, 100)), depth)
            x, points = 0.0, [(0.0, float(self.horizon))]
            while x < self.w:
                x += self.w * self.layout.uniform(0.08, 0.2)
                peak = self.horizon - self.horizon * height * self.layout.uniform(0.35, 1.0)
                points.append((x, peak))
                x += self.w * self.layout.uniform(0.06, 0.14)
                points.append((x, self.horizon - self.horizon * height * self.layout.uniform(0.05, 0.3)))
            points.append((float(self.w), float(self.horizon)))
            self.draw.polygon(points, fill=colour)
            snow = mix(colour, (245, 248, 252), 0.75 if layer == 0 else 0.85)
            for i in range(1, len(points) - 2, 2):
                (lx, ly), (px, py), (rx, ry) = points[i - 1], points[i], points[i + 1]
                if self.horizon - py > self.horizon * height * 0.6:
                    f = 0.22
                    self.draw.polygon([(px, py), (px + (rx - px) * f, py + (ry - py) * f),
                                       (px + (lx - px) * f, py + (ly - py) * f)], fill=snow)

    def city(self) -> None:
        x = self.w * self.layout.uniform(-0.05, 0.1)
        lit = (255, 214, 120) if self.plan.time != "day" else (190, 215, 235)
        while x < self.w:
            bw = self.w * self.layout.uniform(0.04, 0.09)
            bh = self.horizon * self.layout.uniform(0.12, 0.5)
            top = self.horizon - bh
            body = self.shade(mix((70, 78, 95), self.plan.accent, self.layout.uniform(0, 0.25)))
            self.draw.rectangle((x, top, x + bw, self.horizon), fill=body)
            step = max(4.0, bw / 5)
            wy = top + step * 0.6
            while wy < self.horizon - step * 0.6:
                wx = x + step * 0.5
                while wx < x + bw - step * 0.6:
                    on = self.jitter.random() < (0.45 if self.plan.time != "day" else 0.8)
                    self.draw.rectangle((wx, wy, wx + step * 0.45, wy + step * 0.55),
                                        fill=lit if on else mix(body, (0, 0, 0), 0.3))
                    wx += step
                wy += step
            x += bw + self.w * self.layout.uniform(0.0, 0.02)

    def ground(self) -> None:
        near = self.shade(self.plan.ground)
        far = mix(near, self.sky_low, 0.25)
        self.image.paste(gradient((self.w, self.h - self.horizon), far, mix(near, (0, 0, 0), 0.15)),
                         (0, self.horizon))
        tuft = mix(near, (0, 0, 0), 0.2)
        for _ in range(int(120 * self.w / 1024)):
            x, y = self.jitter.uniform(0, self.w), self.jitter.uniform(self.horizon + 4, self.h)
            s = (y - self.horizon) / max(1, self.h - self.horizon) * 6 * self.unit + self.unit
            self.draw.line([(x, y), (x + s * 0.4, y - s * 1.6)], fill=tuft, width=max(1, round(self.unit)))

    def hills(self) -> None:
        for i in range(3):
            cx = self.w * self.layout.uniform(-0.1, 1.1)
            rx, ry = self.w * self.layout.uniform(0.3, 0.55), self.h * self.layout.uniform(0.06, 0.12)
            cy = self.horizon + self.h * 0.03 * i
            colour = mix(self.shade(mix(self.plan.ground, (0, 0, 0), 0.08 + 0.05 * i)), self.sky_low, 0.2 - 0.06 * i)
            self.draw.ellipse((cx - rx, cy - ry, cx + rx, cy + ry * 3), fill=colour)

    def on_water(self, x: float, y: float) -> bool:
        """Whether a point lies on the scene's water (trees and houses stay off it)."""
        kind = self.plan.water
        if kind == "sea":
            return y < self.shore
        if kind == "lake":
            cx, cy, rx, ry = self.lake
            return ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1.4
        if kind == "river":
            return abs(x - self.river_x(y)) < self.river_half(y) * 1.2
        return False

    def river_x(self, y: float) -> float:
        t = (y - self.horizon) / max(1, self.h - self.horizon)
        return self.w * (self.river_base + 0.12 * math.sin(t * 4.0 + self.river_phase) * t)

    def river_half(self, y: float) -> float:
        t = (y - self.horizon) / max(1, self.h - self.horizon)
        return self.w * (0.01 + 0.12 * t)

    def water(self) -> None:
        deep = self.shade((30, 80, 150), 0.7)
        light = mix(self.sky_low, deep, 0.45)
        kind, ripple = self.plan.water, mix(light, (255, 255, 255), 0.35)
        if kind == "sea":
            self.shore = self.horizon + (self.h - self.horizon) * self.layout.uniform(0.55, 0.75)
            self.image.paste(gradient((self.w, round(self.shore) - self.horizon), light, deep), (0, self.horizon))
            top, bottom, left, right = self.horizon, self.shore, 0.0, float(self.w)
        elif kind == "lake":
            cx, cy = self.w * self.layout.uniform(0.35, 0.65), self.horizon + (self.h - self.horizon) * 0.4
            rx, ry = self.w * self.layout.uniform(0.22, 0.34), (self.h - self.horizon) * 0.22
            self.lake = (cx, cy, rx, ry)
            self.draw.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=mix(light, deep, 0.5))
            top, bottom, left, right = cy - ry * 0.7, cy + ry * 0.7, cx - rx * 0.6, cx + rx * 0.6
        else:
            self.river_base, self.river_phase = self.layout.uniform(0.3, 0.7), self.layout.uniform(0, 6.28)
            ys = [self.horizon + (self.h - self.horizon) * i / 24 for i in range(25)]
            left_bank = [(self.river_x(y) - self.river_half(y), y) for y in ys]
            right_bank = [(self.river_x(y) + self.river_half(y), y) for y in reversed(ys)]
            self.draw.polygon(left_bank + right_bank, fill=mix(light, deep, 0.4))
            return
        for _ in range(int(50 * self.w / 1024)):
            y = self.jitter.uniform(top, bottom)
            x = self.jitter.uniform(left, right)
            span = self.w * 0.02 * (0.5 + (y - self.horizon) / max(1, self.h - self.horizon))
            if self.on_water(x - span, y) and self.on_water(x + span, y):
                self.draw.line([(x - span, y), (x + span, y)], fill=ripple, width=max(1, round(self.unit)))
        sun_x = getattr(self, "sun_x", None)
        if sun_x is not None and kind == "sea":
            glint = (252, 190, 110) if self.plan.time == "sunset" else (235, 235, 215)
            for i in range(14):
                y = top + (bottom - top) * (i + 0.5) / 14
                span = self.w * 0.03 * (1 - i / 20) * self.jitter.uniform(0.5, 1.2)
                self.draw.line([(sun_x - span, y), (sun_x + span, y)], fill=mix(light, glint, 0.7),
                               width=max(1, round(2 * self.unit)))

    def boat(self) -> None:
        if self.plan.water is None:
            return
        y = self.horizon + (getattr(self, "shore", self.h) - self.horizon) * 0.45
        x = self.w * self.layout.uniform(0.2, 0.8) + self.w * self.jitter.uniform(-0.03, 0.03)
        if self.plan.water == "lake":
            x, y = self.lake[0] + self.lake[2] * self.jitter.uniform(-0.3, 0.3), self.lake[1]
        elif self.plan.water == "river":
            y = self.horizon + (self.h - self.horizon) * 0.6
            x = self.river_x(y)
        s = self.h * 0.035
        self.draw.polygon([(x - s * 1.6, y), (x + s * 1.6, y), (x + s * 1.1, y + s * 0.6), (x - s * 1.1, y + s * 0.6)],
                          fill=self.shade((110, 70, 45)))
        self.draw.line([(x, y), (x, y - s * 2.6)], fill=self.shade((80, 60, 40)), width=max(1, round(2 * self.unit)))
        self.draw.polygon([(x + s * 0.1, y - s * 2.5), (x + s * 0.1, y - s * 0.2), (x + s * 1.4, y - s * 0.2)],
                          fill=self.shade(mix((245, 245, 240), self.plan.accent, 0.3)))

    def land_spot(self, low: float, high: float) -> tuple[float, float] | None:
        """A point on dry land between shares `low` and `high` of the ground's depth, or None."""
        for _ in range(12):
            x = self.jitter.uniform(0, self.w)
            y = self.horizon + (self.h - self.horizon) * self.jitter.uniform(low, high)
            if not self.on_water(x, y):
                return x, y
        return None

    def houses(self, count: int) -> None:
        for _ in range(count):
            spot = self.land_spot(0.15, 0.6)
            if spot is None:
                continue
            x, y = spot
            s = self.h * 0.03 * (0.6 + (y - self.horizon) / max(1, self.h - self.horizon))
            self.draw.rectangle((x - s, y - s * 1.4, x + s, y), fill=self.shade((225, 210, 180)))
            self.draw.polygon([(x - s * 1.25, y - s * 1.4), (x + s * 1.25, y - s * 1.4), (x, y - s * 2.4)],
                              fill=self.shade(mix((160, 50, 40), self.plan.accent, 0.4)))
            lit = (255, 210, 110) if self.plan.time != "day" else (120, 160, 200)
            self.draw.rectangle((x - s * 0.6, y - s * 1.0, x - s * 0.15, y - s * 0.55), fill=lit)
            self.draw.rectangle((x + s * 0.2, y - s * 0.8, x + s * 0.6, y), fill=self.shade((110, 75, 50)))

    def trees(self, count: int) -> None:
        spots = [s for s in (self.land_spot(0.0, 0.85) for _ in range(count)) if s]
        autumn = bool(self.plan.has & {"autumn", "fall"})
        for x, y in sorted(spots, key=lambda s: s[1]):
            s = self.h * (0.025 + 0.06 * (y - self.horizon) / max(1, self.h - self.horizon))
            self.draw.rectangle((x - s * 0.12, y - s * 0.8, x + s * 0.12, y), fill=self.shade((90, 60, 35)))
            if autumn or seeded("tree", round(x), round(y)).random() < 0.4:
                crown = (200, 110, 40) if autumn else (60, 130, 55)
                self.draw.ellipse((x - s * 0.7, y - s * 2.2, x + s * 0.7, y - s * 0.6), fill=self.shade(crown))
            else:
                green = self.shade((30, 95, 55))
                for k in range(3):
                    base, width = y - s * (0.6 + k * 0.55), s * (0.8 - k * 0.18)
                    self.draw.polygon([(x - width, base), (x + width, base), (x, base - s * 0.95)], fill=green)

    def flowers(self) -> None:
        palette = [self.plan.accent, (240, 90, 120), (250, 220, 80), (245, 245, 245), (170, 110, 220)]
        for _ in range(int(90 * self.w / 1024)):
            spot = self.land_spot(0.3, 1.0)
            if spot is None:
                continue
            x, y = spot
            r = (1.5 + 4 * (y - self.horizon) / max(1, self.h - self.horizon)) * self.unit
            self.draw.ellipse((x - r, y - r, x + r, y + r), fill=self.shade(self.jitter.choice(palette)))

    def cat(self) -> None:
        """A cat sitting in the foreground, seen from behind-and-side, its tail curled."""
        fur = self.shade(self.plan.cat_colour, 0.6)
        dark = mix(fur, (0, 0, 0), 0.25)
        s = self.h * 0.11
        x = self.w * (self.layout.choice([0.2, 0.78]) + self.jitter.uniform(-0.02, 0.02))
        y = self.h * 0.93  # where it sits
        self.draw.arc((x + s * 0.1, y - s * 1.0, x + s * 1.3, y + s * 0.2), 40, 200, fill=dark,
                      width=max(2, round(s * 0.16)))
        self.draw.ellipse((x - s * 0.75, y - s * 1.5, x + s * 0.75, y), fill=fur)  # body
        self.draw.ellipse((x - s * 0.3, y - s * 0.25, x + s * 0.3, y + s * 0.05), fill=dark)  # front paws
        hx, hy, hr = x, y - s * 1.75, s * 0.55
        for side in (-1, 1):
            self.draw.polygon([(hx + side * hr * 0.95, hy - hr * 0.2), (hx + side * hr * 0.25, hy - hr * 0.75),
                               (hx + side * hr * 0.85, hy - hr * 1.35)], fill=fur)
            self.draw.polygon([(hx + side * hr * 0.78, hy - hr * 0.4), (hx + side * hr * 0.4, hy - hr * 0.7),
                               (hx + side * hr * 0.78, hy - hr * 1.05)], fill=(230, 150, 160))
        self.draw.ellipse((hx - hr, hy - hr * 0.85, hx + hr, hy + hr * 0.85), fill=fur)  # head
        eye = (250, 230, 90) if self.plan.time == "night" else (110, 190, 90)
        for side in (-1, 1):
            ex, ey = hx + side * hr * 0.4, hy - hr * 0.1
            self.draw.ellipse((ex - hr * 0.18, ey - hr * 0.2, ex + hr * 0.18, ey + hr * 0.2), fill=eye)
            self.draw.ellipse((ex - hr * 0.05, ey - hr * 0.17, ex + hr * 0.05, ey + hr * 0.17), fill=(15, 15, 15))
            for k in (-1, 1):  # whiskers
                start, end = (hx + side * hr * 0.25, hy + hr * 0.35), (hx + side * hr * 1.2, hy + hr * (0.3 + k * 0.12))
                self.draw.line([start, end], fill=(235, 235, 235), width=max(1, round(self.unit)))
        self.draw.polygon([(hx - hr * 0.1, hy + hr * 0.2), (hx + hr * 0.1, hy + hr * 0.2), (hx, hy + hr * 0.32)],
                          fill=(220, 120, 130))

    def falling(self, snow: bool) -> None:
        colour = (245, 248, 252) if snow else mix(self.sky_low, (200, 210, 230), 0.6)
        for _ in range(int(220 * self.w * self.h / 1024 ** 2)):
            x, y = self.jitter.uniform(0, self.w), self.jitter.uniform(0, self.h)
            if snow:
                r = self.jitter.uniform(1, 3) * self.unit
                self.draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
            else:
                self.draw.line([(x, y), (x - 4 * self.unit, y + 14 * self.unit)], fill=colour,
                               width=max(1, round(self.unit)))


def draw_scene(prompt: str, index: int, size: tuple[int, int], salt: str = "", time: str | None = None) -> Image.Image:
    """The scene for a prompt (no caption), as an RGB image of `size`.

    `salt` gives another scene for the same prompt (edits); `time` ("day", "sunset", "night") is the time of
    day to use when the prompt names none.
    """
    words = words_of(prompt)
    layout = seeded("layout", salt, prompt)
    jitter = seeded("variant", salt, prompt, index)
    plan = plan_for(words, layout, time)
    return Painter(size, plan, layout, jitter).paint()
