"""What goes over the drawn picture: the weather (fog, rain, falling snow, lightning), the close-up looks' soft
focus on everything behind the subjects, and the editorial look's arch in the foreground.

`Overlays` is part of `compose.Composer`: it paints on the composer's picture.
"""

from __future__ import annotations

import math

from PIL import Image, ImageDraw, ImageFilter

from kie.simulator.art.pen import darker, lighter, mix
from kie.simulator.art.scenery import gradient

ARCH_SIDES = (0.13, 0.87)  # the arch's opening, shares of the width (the composer keeps the subjects inside it)
PLASTER = [(226, 212, 192), (204, 196, 186), (234, 218, 200), (214, 204, 212)]  # the wall, per variant palette


class Overlays:
    """Weather and focus over the picture; the composer sets what they read."""

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

    def focus(self) -> None:
        """The close-up looks: the background softly out of focus behind sharp subjects.

        Everything down to a little below the horizon is blurred (the distant things: hills, trees, a skyline,
        a window, the sun); the ground in front is left sharp. Called on the background drawn at the finished
        size (see `compose.Composer.paint`): blurred small and enlarged smoothly back.
        """
        y0, y1 = 0, min(self.h, round(self.horizon + self.h * 0.14))
        y0, y1 = y0 // 4 * 4, min(self.h, -(-y1 // 4) * 4)
        small = self.image.reduce(4, box=(0, y0, self.w, y1)).filter(ImageFilter.GaussianBlur(0.9))
        self.image.paste(small.resize((self.w, y1 - y0), Image.Resampling.BILINEAR), (0, y0))

    def foreground_arch(self) -> None:
        """The scene seen through an arched opening in a plaster wall: the wall in front, the arch's stones round the
        opening, its inner face in shade on one side (the light comes from the other)."""
        w, h = self.w, self.h
        x0, x1 = w * ARCH_SIDES[0], w * ARCH_SIDES[1]
        r = (x1 - x0) / 2
        top = h * 0.08 + (0.02 * h if self.palette % 2 else 0)
        wall = self.look.tone(PLASTER[self.palette])
        reveal = darker(wall, 0.28)
        depth = w * 0.035 * (1 if self.comp[0] >= 0.5 else -1)  # the inner face on the side away from the light

        def opening(draw: ImageDraw.ImageDraw, left: float, right: float, fill, grow: float = 0.0) -> None:
            """An arch from `left` to `right` (its round top at `top`), `grow` pixels larger all round."""
            draw.ellipse((left - grow, top - grow, right + grow, top + (right - left) + grow), fill=fill)
            draw.rectangle((left - grow, top + (right - left) / 2, right + grow, h), fill=fill)

        front = Image.new("RGB", (w, h), wall)
        draw = ImageDraw.Draw(front)
        if self.look.detail >= 2:  # the wall's courses of stone, faint
            for k in range(1, 14):
                draw.line([(0, h * k / 14), (w, h * k / 14)], fill=darker(wall, 0.05), width=self.lw(1))
        band = w * 0.05  # the arch's stones round the opening
        stones = lighter(wall, 0.18)
        opening(draw, x0, x1, stones, band)
        cx, cy = (x0 + x1) / 2, top + r
        for k in range(11):  # the joints between the stones, radiating from the arch's centre
            a = math.pi * k / 10
            draw.line([(cx - math.cos(a) * r, cy - math.sin(a) * r),
                       (cx - math.cos(a) * (r + band), cy - math.sin(a) * (r + band))],
                      fill=darker(stones, 0.2), width=self.lw(2))
        opening(draw, x0, x1, reveal)
        hole = Image.new("L", (w, h), 0)
        opening(ImageDraw.Draw(hole), x0 + max(0.0, depth), x1 + min(0.0, depth), 255)
        front.paste(self.image, (0, 0), hole)
        line = self.look.outline or darker(wall, 0.45)
        edge = ImageDraw.Draw(front)
        edge.arc((x0 - band, top - band, x1 + band, top + 2 * r + band), 180, 360, fill=line, width=self.lw(2))
        for x in (x0 - band, x1 + band):
            edge.line([(x, cy), (x, h)], fill=line, width=self.lw(2))
        self.image = front
        self.draw = ImageDraw.Draw(self.image)
