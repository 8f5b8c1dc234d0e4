"""The words a picture listens to: subjects (with synonyms and plurals), settings, weather, times of day, colours.

`read(prompt)` turns a prompt into a `Reading`: which subjects in which order (and how many of each), the
setting, the weather, the time of day and a colour for each subject. Words it does not know are ignored: a
picture shows what the prompt names and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kie.simulator.art.pen import RGB
from kie.simulator.art.subjects import SUBJECTS

TRIGGERS = re.compile(r"\[[^\]]*\]")  # the simulator's own [commands] in a prompt are no words of the picture

SYNONYMS: dict[str, str] = {
    "kitten": "cat", "kitty": "cat", "puppy": "dog", "doggy": "dog", "hound": "dog", "vixen": "fox",
    "pony": "horse", "stallion": "horse", "mare": "horse", "foal": "horse", "bunny": "rabbit", "hare": "rabbit",
    "cub": "bear", "stag": "deer", "fawn": "deer", "reindeer": "deer", "moose": "deer", "calf": "cow",
    "cattle": "cow", "bull": "cow", "lamb": "sheep", "piglet": "pig", "lioness": "lion", "sparrow": "bird",
    "robin": "bird", "seagull": "bird", "gull": "bird", "parrot": "bird", "eagle": "bird", "swallow": "bird",
    "goldfish": "fish", "salmon": "fish", "dolphin": "whale", "swan": "duck", "goose": "duck", "geese": "duck",
    "tortoise": "turtle", "moth": "butterfly",
    "home": "house", "cottage": "house", "cabin": "house", "hut": "house", "villa": "house", "palace": "castle",
    "fortress": "castle", "fort": "castle", "turret": "tower", "barnyard": "barn",
    "farmhouse": "barn", "skyscrapers": "skyscraper", "highrise": "skyscraper", "office": "skyscraper",
    "mill": "windmill", "camp": "tent", "campsite": "tent", "chapel": "church", "cathedral": "church",
    "temple": "church",
    "automobile": "car", "taxi": "car", "truck": "car", "jeep": "car", "coach": "bus", "bike": "bicycle",
    "cycle": "bicycle", "sailboat": "boat", "yacht": "boat", "canoe": "boat", "rowboat": "boat",
    "sailing": "boat", "steamer": "ship", "liner": "ship", "ferry": "ship", "cruise": "ship", "freighter": "ship",
    "locomotive": "train", "tram": "train", "railway": "train", "airplane": "plane", "aeroplane": "plane",
    "jet": "plane", "aircraft": "plane", "airliner": "plane", "spaceship": "rocket", "spacecraft": "rocket",
    "oak": "tree", "maple": "tree", "birch": "tree", "willow": "tree", "fir": "pine", "spruce": "pine",
    "conifer": "pine", "christmas": "pine", "coconut": "palm", "rose": "flower",
    "tulip": "flower", "daisy": "flower", "blossom": "flower", "bouquet": "vase", "lily": "flower",
    "cacti": "cactus", "succulent": "cactus", "toadstool": "mushroom",
    "fungi": "mushroom", "cherry": "apple", "birthday": "cake", "cupcake": "cake",
    "dessert": "cake", "cup": "coffee", "mug": "coffee", "espresso": "coffee", "latte": "coffee",
    "cappuccino": "coffee", "tea": "teapot", "gelato": "icecream", "hamburger": "burger",
    "cheeseburger": "burger", "doughnut": "donut", "plantain": "banana",
    "parasol": "umbrella", "lantern": "lamp", "armchair": "chair", "seat": "chair", "stool": "chair",
    "novel": "book", "library": "book", "alarm": "clock",
    "ukulele": "guitar", "pot": "vase", "kettle": "teapot",
    "man": "person", "woman": "person", "girl": "child", "boy": "child", "kid": "child", "baby": "child",
    "lady": "person", "gentleman": "person", "hiker": "person", "traveler": "person", "traveller": "person",
    "figure": "person", "silhouette": "person", "lovers": "couple", "people": "crowd",
    "family": "crowd", "friends": "crowd", "children": "crowd", "men": "crowd", "women": "crowd",
}
IRREGULAR_PLURALS = {"mice": "mouse", "geese": "goose", "puppies": "puppy", "bunnies": "bunny", "ponies": "pony",
                     "cherries": "cherry", "babies": "baby", "butterflies": "butterfly", "wolves": "wolf",
                     "leaves": "leaf", "knives": "knife", "loaves": "loaf", "buses": "bus", "foxes": "fox",
                     "cacti": "cactus", "kitties": "kitty", "lilies": "lily", "daisies": "daisy",
                     "benches": "bench"}
PHRASES = {"ice cream": "icecream", "hot air balloon": "balloon", "air balloon": "balloon",
           "coffee cup": "coffee", "cup of coffee": "coffee", "cup of tea": "coffee", "space shuttle": "rocket",
           "sail boat": "boat", "christmas tree": "pine", "palm tree": "palm", "pine tree": "pine",
           "fir tree": "pine", "teddy bear": "bear", "polar bear": "bear", "light house": "lighthouse",
           "sky scraper": "skyscraper", "wind mill": "windmill"}
GROUPS = {"village": "house", "orchard": "tree", "herd": "cow", "flock": "sheep", "fleet": "boat",
          "zoo": "elephant", "farm": "barn"}  # a word that names several of a subject ("a village": three houses)
NUMBERS = {"two": 2, "three": 3, "four": 3, "five": 3, "several": 3, "many": 3, "some": 2, "pair": 2}

SETTINGS: dict[str, str] = {
    "sea": "sea", "ocean": "sea", "beach": "sea", "coast": "sea", "shore": "sea", "harbor": "sea",
    "harbour": "sea", "bay": "sea", "waves": "sea", "island": "sea", "seaside": "sea", "port": "sea",
    "lake": "lake", "pond": "lake", "river": "lake", "stream": "lake", "water": "lake",
    "forest": "forest", "woods": "forest", "jungle": "forest", "woodland": "forest", "grove": "forest",
    "mountain": "mountains", "mountains": "mountains", "alps": "mountains", "peak": "mountains",
    "peaks": "mountains", "volcano": "mountains", "valley": "mountains", "hills": "hills", "hill": "hills",
    "city": "city", "town": "city", "skyline": "city", "street": "city", "downtown": "city", "urban": "city",
    "desert": "desert", "dune": "desert", "dunes": "desert", "sand": "desert", "sahara": "desert",
    "snow": "snow", "snowy": "snow", "winter": "snow", "ice": "snow", "icy": "snow", "arctic": "snow",
    "frozen": "snow", "field": "field", "meadow": "field", "farm": "field", "garden": "field", "park": "field",
    "countryside": "field", "grass": "field", "prairie": "field", "savanna": "field", "rocky": "sea",
    "kitchen": "indoor", "room": "indoor", "table": "indoor", "desk": "indoor", "cafe": "indoor",
    "indoors": "indoor", "interior": "indoor", "studio": "indoor", "bedroom": "indoor", "shelf": "indoor",
    "space": "space", "galaxy": "space", "cosmos": "space", "underwater": "underwater", "reef": "underwater",
    "aquarium": "underwater", "autumn": "autumn", "fall": "autumn",
}
WEATHER: dict[str, str] = {
    "rain": "rain", "rainy": "rain", "raining": "rain", "drizzle": "rain", "shower": "rain", "wet": "rain",
    "snowfall": "snowfall", "snowflakes": "snowfall", "blizzard": "snowfall",
    "fog": "fog", "foggy": "fog", "mist": "fog", "misty": "fog", "haze": "fog", "hazy": "fog",
    "storm": "storm", "stormy": "storm", "thunderstorm": "storm", "thunder": "storm", "tempest": "storm",
    "lightning": "lightning", "rainbow": "rainbow", "clouds": "clouds", "cloudy": "clouds", "cloud": "clouds",
    "overcast": "clouds",
}
TIMES: dict[str, str] = {
    "sunrise": "sunrise", "dawn": "sunrise", "morning": "sunrise", "daybreak": "sunrise",
    "sunset": "sunset", "dusk": "sunset", "evening": "sunset", "twilight": "sunset", "golden": "sunset",
    "night": "night", "midnight": "night", "nighttime": "night", "moonlit": "night", "moonlight": "night",
    "starry": "night", "nocturnal": "night", "dark": "night",
    "noon": "noon", "midday": "noon", "day": "noon", "daytime": "noon", "sunny": "noon", "summer": "noon",
    "afternoon": "noon", "bright": "noon",
}
SKY_THINGS = {"sun": "sun", "moon": "moon", "crescent": "moon", "stars": "stars", "star": "stars"}
COLOURS: dict[str, RGB] = {
    "red": (210, 50, 50), "crimson": (180, 25, 60), "orange": (240, 140, 40), "yellow": (245, 210, 50),
    "gold": (230, 180, 40), "green": (60, 160, 80), "teal": (30, 150, 150), "cyan": (60, 200, 220),
    "blue": (50, 100, 210), "navy": (30, 45, 110), "purple": (130, 60, 180), "violet": (150, 90, 210),
    "pink": (240, 130, 170), "magenta": (210, 50, 170), "brown": (130, 85, 50), "black": (40, 38, 44),
    "white": (246, 244, 240), "grey": (140, 140, 148), "gray": (140, 140, 148), "silver": (195, 198, 205),
    "ginger": (225, 120, 50), "tabby": (200, 140, 80),
}
# The words of an edit that say what the painted area becomes ("make it a dog", "turn into", "replace with").
CHANGE_WORDS = {"becomes", "become", "into", "make", "turn", "replace", "with", "add", "put", "place", "draw",
                "now", "instead"}
# The words that make a prompt given with a picture an instruction to change it rather than a new picture.
INSTRUCTION_WORDS = {"add", "make", "turn", "replace", "becomes", "become", "remove", "erase", "delete", "put",
                     "change", "instead", "into"}


@dataclass
class Reading:
    """What a prompt names, in the order it names them."""

    subjects: list[tuple[str, int, RGB | None]] = field(default_factory=list)  # (kind, how many, colour)
    settings: set[str] = field(default_factory=set)  # sea, lake, forest, mountains, hills, city, desert, ...
    weather: list[str] = field(default_factory=list)
    time: str | None = None
    sky: set[str] = field(default_factory=set)  # sun, moon, stars named on their own


def words_of(prompt: str) -> list[str]:
    """The prompt's lower-case words, without the simulator's [triggers], phrases joined into one word."""
    text = " " + " ".join(re.findall(r"[a-z]+", TRIGGERS.sub(" ", prompt.lower()))) + " "
    for phrase, word in PHRASES.items():
        text = text.replace(f" {phrase} ", f" {word} ")
        text = text.replace(f" {phrase}s ", f" {word}s ")
    return text.split()


def singular(word: str) -> tuple[str, bool]:
    """The word's singular form and whether it was plural ("foxes" -> ("fox", True))."""
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word], True
    if word in SUBJECTS or word in SYNONYMS or word in SETTINGS or word in WEATHER or word in TIMES:
        return word, False
    for ending, cut in (("ies", "y"), ("es", ""), ("s", "")):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)] + cut
            if stem in SUBJECTS or stem in SYNONYMS:
                return stem, True
    return word, False


def subject_of(word: str) -> tuple[str | None, bool]:
    """The subject kind a word names (or None) and whether it was plural."""
    stem, plural = singular(word)
    kind = stem if stem in SUBJECTS else SYNONYMS.get(stem)
    if kind and word in SYNONYMS and SYNONYMS[word] == "crowd":
        plural = False
    return kind, plural


def read(prompt: str) -> Reading:
    """What the prompt names: subjects (up to three kinds), setting, weather, time of day, sky things."""
    words = words_of(prompt)
    reading = Reading()
    seen: set[str] = set()
    for i, word in enumerate(words):
        kind, plural = subject_of(word)
        if kind is None and word in GROUPS:
            kind, plural = GROUPS[word], word != "farm"
        if kind and kind not in seen:
            before = words[max(0, i - 3):i]
            colour = next((COLOURS[w] for w in reversed(before) if w in COLOURS), None)
            count = next((NUMBERS[w] for w in reversed(before) if w in NUMBERS), 3 if plural else 1)
            reading.subjects.append((kind, count, colour))
            seen.add(kind)
        elif word in SKY_THINGS:
            reading.sky.add(SKY_THINGS[word])
        if word in SETTINGS:
            reading.settings.add(SETTINGS[word])
        if word in WEATHER and WEATHER[word] not in reading.weather:
            reading.weather.append(WEATHER[word])
        if word in TIMES and reading.time is None:
            reading.time = TIMES[word]
        if word in ("snow", "snowing") and "snowfall" not in reading.weather:
            reading.weather.append("snowfall")  # "snow" falls; "snowy" only lies on the ground
    if "moon" in reading.sky and reading.time is None:
        reading.time = "night"
    reading.subjects = reading.subjects[:3]
    return reading


def edit_target(prompt: str) -> Reading:
    """What an edit asks for: the subject after its change word ("the cat becomes a small dog" -> the dog)."""
    words = words_of(prompt)
    reading = read(prompt)
    cut = max((i for i, w in enumerate(words) if w in CHANGE_WORDS), default=-1)
    if cut >= 0:
        after = read(" ".join(words[cut + 1:]))
        if after.subjects or after.sky:
            reading.subjects, reading.sky = after.subjects, after.sky
    return reading
