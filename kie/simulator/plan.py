"""What a scene holds, decided from the prompt's words: time of day, palette, water, and which elements appear.

Everything is chosen from the words and a seeded random generator (`layout`, from the prompt alone, so every
variant of one prompt shares its composition). Nothing reads the clock or global randomness.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass

RGB = tuple[int, int, int]

COLOURS: dict[str, RGB] = {
    "red": (210, 45, 45), "crimson": (180, 20, 60), "orange": (240, 140, 40), "yellow": (245, 210, 50),
    "gold": (230, 180, 40), "golden": (230, 180, 40), "green": (60, 170, 80), "teal": (30, 150, 150),
    "cyan": (60, 200, 220), "blue": (50, 100, 220), "navy": (30, 40, 120), "purple": (130, 60, 180),
    "violet": (150, 90, 210), "pink": (240, 120, 170), "magenta": (210, 50, 170), "brown": (130, 85, 50),
    "black": (30, 30, 35), "white": (240, 240, 240), "grey": (130, 130, 135), "gray": (130, 130, 135),
    "silver": (190, 195, 200),
}
NIGHT = {"night", "midnight", "moon", "moonlit", "moonlight", "stars", "starry", "dark", "nocturnal"}
SUNSET = {"sunset", "sunrise", "dusk", "dawn", "evening", "twilight", "golden"}
DAY = {"day", "noon", "sunny", "morning", "bright", "summer", "daylight"}
WATER = {"sea", "ocean", "lake", "river", "beach", "water", "pond", "harbor", "harbour", "coast", "bay"}
TREES = {"forest", "tree", "trees", "woods", "jungle", "park", "garden", "pine", "pines", "orchard"}
CITY = {"city", "town", "skyline", "buildings", "building", "street", "downtown", "metropolis", "skyscrapers"}
MOUNTAINS = {"mountain", "mountains", "alps", "peak", "peaks", "hills", "volcano", "valley", "cliff"}
CATS = {"cat", "cats", "kitten", "kitty"}
OTHERS = {"snow", "snowy", "winter", "ice", "desert", "sand", "dune", "dunes", "autumn", "fall", "cloud", "clouds",
          "cloudy", "bird", "birds", "seagull", "boat", "ship", "sail", "sailboat", "house", "home", "cabin",
          "cottage", "village", "flower", "flowers", "meadow", "spring", "rainbow", "rain", "rainy", "storm", "sun"}
STOP = {"a", "an", "the", "of", "with", "and", "in", "on", "at", "to", "for", "by", "from", "over", "under", "into",
        "is", "are", "its", "his", "her", "their", "this", "that", "very", "some", "few", "many", "image", "picture",
        "photo", "style", "showing", "near", "behind", "front", "above", "below", "beside", "next", "like", "as"}
KNOWN = set(COLOURS) | NIGHT | SUNSET | DAY | WATER | TREES | CITY | MOUNTAINS | CATS | OTHERS | STOP
TRIGGERS = re.compile(r"\[[^\]]*\]")


def words_of(prompt: str) -> list[str]:
    """The prompt's lower-case words, without the simulator's [triggers]."""
    return re.findall(r"[a-z]+", TRIGGERS.sub(" ", prompt.lower()))


def seeded(*parts: object) -> random.Random:
    """A random generator seeded by a stable hash of `parts` (Python's own hash() changes per process)."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """The colour a share `t` of the way from `a` to `b`."""
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


@dataclass
class Plan:
    """What the scene holds, decided from the words and the layout generator."""

    time: str
    horizon: float  # share of the height
    accent: RGB
    ground: RGB
    water: str | None  # "sea", "lake", "river" or None
    has: set[str]
    cat_colour: RGB
    extras: list[str]  # other words, each drawn as a floating shape


def plan_for(words: list[str], layout: random.Random, time: str | None = None) -> Plan:
    """Decide the scene: time of day (`time` when the words name none), horizon, palette, elements."""
    ws = set(words) | {w[:-1] for w in words if w.endswith("s")}  # "boats" draws a boat too
    guess = layout.choices(["day", "sunset", "night"], [6, 3, 2])[0]
    time = ("night" if ws & NIGHT else "sunset" if ws & SUNSET else "day" if ws & DAY else time or guess)
    colour_words = [w for w in words if w in COLOURS]
    accent = COLOURS[colour_words[0]] if colour_words else layout.choice(list(COLOURS.values())[:14])
    ground = ((235, 238, 242) if ws & {"snow", "snowy", "winter", "ice"} else
              (214, 186, 130) if ws & {"desert", "sand", "dune", "dunes"} else
              (170, 130, 60) if ws & {"autumn", "fall"} else (72, 140, 62))
    water = next((kind for kind in ("sea", "ocean", "lake", "pond", "river", "beach", "water", "coast", "bay",
                                    "harbor", "harbour") if kind in ws), None)
    water = {"ocean": "sea", "beach": "sea", "water": "sea", "coast": "sea", "bay": "sea", "harbor": "sea",
             "harbour": "sea", "pond": "lake"}.get(water, water) if water else None
    if water == "sea" and ground == (72, 140, 62):
        ground = (222, 200, 150)  # a beach in front of the sea
    has = set()
    for name, vocab in (("trees", TREES), ("city", CITY), ("mountains", MOUNTAINS), ("cat", CATS)):
        if ws & vocab:
            has.add(name)
    has |= ws & OTHERS
    if "forest" in ws or "woods" in ws or "jungle" in ws:
        has.add("forest")
    if ws & {"desert", "dune", "dunes"}:
        has.add("hills")
    if ws & {"rain", "rainy", "storm", "cloudy", "overcast", "fog", "foggy"}:
        has.add("overcast")
    if not has - {"sun"} and not water:
        has.add(layout.choice(["hills", "mountains", "trees"]))  # a prompt with no scene words still gets one
    cat_word = next((words[i - 1] for i, w in enumerate(words) if w in CATS and i and words[i - 1] in COLOURS), None)
    cat_colour = COLOURS[cat_word] if cat_word else layout.choice([(230, 140, 60), (120, 120, 125), (35, 35, 40),
                                                                   (235, 230, 220)])
    extras = list(dict.fromkeys(w for w in words if w not in KNOWN and w[:-1] not in KNOWN and len(w) >= 3))[:3]
    return Plan(time, layout.uniform(0.56, 0.66), accent, ground, water, has, cat_colour, extras)
