"""Rooms and other sets behind the subjects: a room with its window (a table top for things on a table, a
floor for people and furniture), the isometric look's diorama tile and the poster look's disc.

`Interiors` is part of `compose.Composer` (with `scenery.Scenery`): it paints on the composer's picture.
"""

from __future__ import annotations

from kie.simulator.art.drawings.plants import pine, tree
from kie.simulator.art.pen import Pen, darker, lighter, mix
from kie.simulator.art.scenery import GROUNDS, SKIES, gradient, seeded


class Interiors:
    """The sets that are no landscape; the composer sets what they read."""

    def room(self) -> None:
        """A room: a wall with a window showing the time of day, and a wooden table (for things on a table) or a
        floor (for people, animals and furniture)."""
        wall = [(236, 222, 200), (196, 220, 226), (242, 200, 190), (212, 206, 240)][self.palette]
        if self.time == "night":
            wall = mix(wall, (60, 60, 100), 0.35)
        share = {"high": 0.5, "low": 0.8, "wide": 0.64}.get(self.framing, 0.7) - (0.06 if self.floor else 0)
        top = round(self.h * (share + (0.04 if self.floor and self.framing == "close" else 0)))
        self.horizon = top
        self.sky_low = self.look.tone(wall)
        self.band(0, top, self.look.tone(lighter(wall, 0.25)), self.look.tone(wall))
        if self.look.detail >= 1:  # a skirting board or a shelf line, and a soft stripe pattern
            for k in range(1, 8):
                x = self.w * k / 8
                self.draw.line([(x, 0), (x, top)], fill=self.look.tone(mix(wall, lighter(wall, 0.3), 0.5)),
                               width=self.lw(2))
        # a window on the wall shows the time of day
        wx0, wy0 = self.w * (0.08 if self.comp[0] >= 0.5 else 0.62), self.h * 0.1
        wx1, wy1 = wx0 + self.w * 0.3, wy0 + self.h * 0.36
        sky_top, sky_low = SKIES[self.time][self.palette]
        self.image.paste(gradient((round(wx1 - wx0), round(wy1 - wy0)), self.look.tone(sky_top),
                                  self.look.tone(sky_low)), (round(wx0), round(wy0)))
        if self.time == "night":
            r = self.h * 0.03
            mx, my = wx0 + (wx1 - wx0) * 0.7, wy0 + (wy1 - wy0) * 0.3
            self.draw.ellipse((mx - r, my - r, mx + r, my + r), fill=self.look.tone((245, 240, 215)))
        if "snow" in self.settings or "snowfall" in self.reading.weather:
            rng = seeded("window-snow", self.index)
            for _ in range(24):
                x, y = rng.uniform(wx0, wx1), rng.uniform(wy0, wy1)
                self.draw.ellipse((x - 2 * self.ss, y - 2 * self.ss, x + 2 * self.ss, y + 2 * self.ss),
                                  fill=(250, 252, 255))
        frame = self.look.tone(lighter(wall, 0.5))
        t = max(2, round(self.h * 0.012))
        self.draw.rectangle((wx0, wy0, wx1, wy1), outline=frame, width=t)
        self.draw.line([((wx0 + wx1) / 2, wy0), ((wx0 + wx1) / 2, wy1)], fill=frame, width=t)
        self.draw.rectangle((wx0 - t, wy1, wx1 + t, wy1 + t * 1.6), fill=frame)  # the sill
        wood = [(160, 110, 70), (120, 130, 140), (185, 135, 85), (110, 80, 70)][self.palette]
        if self.floor:
            wood = [(175, 130, 90), (160, 120, 85), (190, 150, 105), (150, 110, 80)][self.palette]
            self.draw.rectangle((0, top - self.h * 0.02, self.w, top), fill=self.look.tone(lighter(wall, 0.4)))
        self.band(top, self.h - top, self.lit(lighter(wood, 0.1)), self.lit(darker(wood)))
        if self.floor and self.look.detail >= 1:  # floorboards
            for k in range(1, 6):
                y = top + (self.h - top) * (k / 6) ** 1.3
                self.draw.line([(0, y), (self.w, y)], fill=self.lit(darker(wood, 0.1)), width=self.lw(2))
        elif not self.floor:
            self.draw.rectangle((0, top, self.w, top + self.h * 0.012), fill=self.lit(lighter(wood, 0.3)))
            if self.look.detail >= 2:  # wood grain
                rng = seeded("grain", self.palette)
                for _ in range(14):
                    y = rng.uniform(top + self.h * 0.03, self.h)
                    x = rng.uniform(-0.2, 0.8) * self.w
                    self.draw.line([(x, y), (x + self.w * rng.uniform(0.2, 0.5), y + rng.uniform(-2, 2))],
                                   fill=self.lit(darker(wood, 0.08)), width=self.lw(2))

    def diorama(self) -> None:
        """The isometric look: the scene on a floating tile (or a cut-away room) over a plain backdrop."""
        top, low = self.sky()
        back_top, back_low = mix(top, (255, 255, 255), 0.25), mix(low, (255, 255, 255), 0.35)
        self.sky_low = back_low
        self.band(0, self.h, back_top, back_low)
        cx, cy = self.w / 2, self.h * 0.64
        hw = min(self.w * 0.46, self.h * 0.62)
        hh, depth = hw * 0.5, self.h * 0.07
        self.horizon = round(cy - hh)
        if self.time == "night" or "stars" in self.reading.sky:
            self.stars()
        self.celestial()
        if {"clouds", "rain", "storm"} & set(self.reading.weather):
            self.clouds()
        top_face = [(cx, cy - hh), (cx + hw, cy), (cx, cy + hh), (cx - hw, cy)]
        s = self.settings
        if self.indoor:
            wall = self.look.tone([(236, 222, 200), (196, 220, 226), (242, 200, 190), (212, 206, 240)][self.palette])
            wall_h = self.h * 0.42
            self.draw.polygon([(cx - hw, cy), (cx, cy - hh), (cx, cy - hh - wall_h), (cx - hw, cy - wall_h)],
                              fill=wall)
            self.draw.polygon([(cx, cy - hh), (cx + hw, cy), (cx + hw, cy - wall_h), (cx, cy - hh - wall_h)],
                              fill=darker(wall, 0.1))
            wx = cx - hw * 0.55
            self.draw.polygon([(wx, cy - hh * 0.45 - wall_h * 0.3), (wx + hw * 0.3, cy - hh * 0.75 - wall_h * 0.3),
                               (wx + hw * 0.3, cy - hh * 0.75 - wall_h * 0.75), (wx, cy - hh * 0.45 - wall_h * 0.75)],
                              fill=self.look.tone(SKIES[self.time][self.palette][1]))
            ground = self.lit((185, 140, 95))
        else:
            kind = ("snow" if "snow" in s else "desert" if "desert" in s else "savanna" if "savanna" in s else
                    "autumn" if "autumn" in s else "city" if "city" in s else "sea" if "sea" in s else "field")
            ground = self.lit(GROUNDS[kind])
        side_l, side_r = self.lit((150, 105, 70)), self.lit((120, 82, 55))
        self.draw.polygon([(cx - hw, cy), (cx, cy + hh), (cx, cy + hh + depth), (cx - hw, cy + depth)], fill=side_l)
        self.draw.polygon([(cx, cy + hh), (cx + hw, cy), (cx + hw, cy + depth), (cx, cy + hh + depth)], fill=side_r)
        self.draw.polygon(top_face, fill=ground)
        if not self.indoor and ("sea" in s or "lake" in s):  # water on the back half
            self.draw.polygon([(cx, cy - hh), (cx + hw, cy), (cx + hw * 0.4, cy + hh * 0.1),
                               (cx - hw * 0.5, cy - hh * 0.5)], fill=self.lit((70, 140, 200)))
        if not self.indoor and "mountains" in s:
            for px, ph in ((-0.35, 0.5), (0.05, 0.7), (0.4, 0.45)):
                bx, by = cx + hw * px, cy - hh * (0.55 - abs(px) * 0.6)
                peak = self.h * 0.22 * ph
                colour = self.lit((110, 120, 150))
                self.draw.polygon([(bx - hw * 0.22, by), (bx, by - peak), (bx + hw * 0.22, by)], fill=colour)
                self.draw.polygon([(bx - hw * 0.06, by - peak * 0.72), (bx, by - peak), (bx + hw * 0.06,
                                                                                         by - peak * 0.72)],
                                  fill=self.look.tone((245, 245, 250)))
        if not self.indoor and ("forest" in s or self.look.detail >= 1 and kind == "field"):
            for k in range(5 if "forest" in s else 2):
                t = (k + 0.5) / (5 if "forest" in s else 2)
                bx, by = cx - hw * 0.9 + hw * 0.9 * t, cy - hh * 0.9 * t - hh * 0.05
                p = Pen(self.draw, bx, by, self.h * 0.1, tone=self.lit, outline=self.look.outline,
                        line=self.look.line)
                (pine if k % 2 else tree)(p, (60, 130, 70))
        self.draw.line([(cx - hw, cy), (cx, cy + hh), (cx + hw, cy)], fill=lighter(ground, 0.2), width=self.lw(2))

    def disc(self) -> None:
        """The poster look's big flat disc behind the subjects."""
        cx = self.w * (self.comp[0] if len(self.items) <= 1 else 0.5)
        r = self.h * 0.3
        cy = self.horizon - r * 0.45
        colour = mix(self.sky_low, (255, 255, 255), 0.35) if self.time != "night" else mix(self.sky_low,
                                                                                           (90, 90, 150), 0.5)
        self.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)
