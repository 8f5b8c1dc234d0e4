"""What goes over the drawn picture: the weather (fog, rain, falling snow, lightning) and the close-up looks'
soft focus on everything behind the subjects.

`Overlays` is part of `compose.Composer`: it paints on the composer's picture.
"""

from __future__ import annotations

from PIL import Image, ImageFilter

from kie.simulator.art.pen import mix
from kie.simulator.art.scenery import gradient


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
