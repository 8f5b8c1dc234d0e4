"""The subjects a prompt can name, each drawn in a flat-vector style through a Pen (units: base 0, top 1).

A subject says where it belongs (`place`: on the ground, in the sky, on or in the water, on a table, on a room's
floor, in the air just above the ground), its usual colour (a colour word in the prompt, "a red fox", replaces it),
how tall it really is (`real`, in metres: a phone beside a laptop, a zebra beside a giraffe, a book in a hand are
drawn at believable sizes), its group, and how a person uses it (`use`: held in a hand, in both hands, at the ear,
ridden, sat on, walked on a leash, pushed...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw

from kie.simulator.art.drawings import animals as a
from kie.simulator.art.drawings import birds, devices, dishes, drinks, people, produce, things, toys, wear, wild
from kie.simulator.art.drawings import buildings as b
from kie.simulator.art.drawings import food as f
from kie.simulator.art.drawings import home as h
from kie.simulator.art.drawings import kitchen as k
from kie.simulator.art.drawings import objects as o
from kie.simulator.art.drawings import plants as pl
from kie.simulator.art.drawings import sea_animals as sea
from kie.simulator.art.drawings import small_animals as small
from kie.simulator.art.drawings import vehicles as v
from kie.simulator.art.drawings.parts import BLACK, WHITE
from kie.simulator.art.pen import RGB, Pen


@dataclass(frozen=True)
class Subject:
    """How to draw one kind of thing, where it goes and how big it really is."""

    draw: Callable[[Pen, RGB], None]
    place: str  # ground, sky, water, table, floor, air
    colour: RGB
    real: float  # metres, top to bottom as drawn
    group: str  # animal, person, food, object, home, building, vehicle, plant
    use: str | None = None  # how a person uses it (see USES)
    size: float = 1.0  # relative size as the picture's only subject (a child is smaller than a castle)
    home: str | None = None  # the setting it implies when the prompt names none (a penguin: snow)


# How a person uses a thing: hand (held in one hand), both (in both hands in front), ear (a phone), mouth (a cup
# drunk from), above (a balloon on its string), sky (a kite on its line), overhead (an umbrella), low (a bag carried
# at the side), lap (a laptop), strum (an instrument), rod (a fishing rod), ride, board (stood on), seat (sat on),
# leash (walked), push (a stroller), easel (painted at), beside (stood next to).
USES = ("hand", "both", "ear", "mouth", "above", "sky", "overhead", "low", "lap", "strum", "rod", "ride", "board",
        "seat", "leash", "push", "easel", "beside")


def _s(draw, place, colour, real, group, use=None, size=1.0, home=None) -> Subject:
    return Subject(draw, place, colour, real, group, use, size, home)


def _people() -> dict[str, Subject]:
    out = {}
    for kind, outfit in people.OUTFITS.items():
        out[kind] = _s(people.person_drawing(kind), "ground", outfit.top, 1.72 * outfit.height, "person", "beside",
                       1.05 if outfit.height > 0.9 else 0.85)
    out["baby"] = _s(people.baby, "ground", people.OUTFITS["baby"].top, 0.55, "person", "beside", 0.7)
    return out


SUBJECTS: dict[str, Subject] = {
    # animals
    "cat": _s(a.cat, "ground", (235, 140, 60), 0.35, "animal", "both", 0.9),
    "dog": _s(a.dog, "ground", (200, 150, 95), 0.6, "animal", "leash", 0.8),
    "puppy": _s(a.puppy, "ground", (215, 170, 110), 0.35, "animal", "both", 0.75),
    "fox": _s(a.fox, "ground", (230, 110, 40), 0.55, "animal", None, 0.75, "forest"),
    "wolf": _s(a.wolf, "ground", (150, 150, 160), 0.8, "animal", None, 0.8, "forest"),
    "horse": _s(a.horse, "ground", (140, 90, 60), 1.7, "animal", "ride", 1.0, "field"),
    "zebra": _s(a.zebra, "ground", (246, 244, 240), 1.4, "animal", "ride", 1.0, "savanna"),
    "donkey": _s(a.donkey, "ground", (150, 140, 135), 1.3, "animal", "ride", 0.9, "field"),
    "unicorn": _s(a.unicorn, "ground", (248, 246, 250), 1.7, "animal", "ride", 1.0, "field"),
    "rabbit": _s(a.rabbit, "ground", (200, 185, 170), 0.4, "animal", "both", 0.75, "field"),
    "bear": _s(a.bear, "ground", (110, 75, 50), 1.2, "animal", None, 0.9, "forest"),
    "polarbear": _s(a.polarbear, "ground", (240, 240, 236), 1.3, "animal", None, 0.9, "snow"),
    "panda": _s(wild.panda, "ground", (246, 246, 242), 1.0, "animal", None, 0.85, "forest"),
    "koala": _s(wild.koala, "ground", (160, 160, 170), 0.7, "animal", None, 0.8, "forest"),
    "deer": _s(a.deer, "ground", (175, 120, 75), 1.4, "animal", None, 1.0, "forest"),
    "elephant": _s(a.elephant, "ground", (150, 150, 160), 3.0, "animal", "ride", 1.0, "savanna"),
    "giraffe": _s(a.giraffe, "ground", (235, 190, 110), 5.0, "animal", None, 1.1, "savanna"),
    "lion": _s(a.lion, "ground", (225, 175, 95), 1.2, "animal", None, 0.85, "savanna"),
    "tiger": _s(wild.tiger, "ground", (235, 130, 40), 1.1, "animal", None, 0.85, "forest"),
    "leopard": _s(wild.leopard, "ground", (225, 180, 90), 0.9, "animal", None, 0.85, "savanna"),
    "monkey": _s(wild.monkey, "ground", (140, 95, 60), 0.6, "animal", None, 0.8, "forest"),
    "gorilla": _s(wild.gorilla, "ground", (70, 66, 70), 1.5, "animal", None, 0.9, "forest"),
    "kangaroo": _s(wild.kangaroo, "ground", (190, 130, 80), 1.5, "animal", None, 0.95, "desert"),
    "camel": _s(wild.camel, "ground", (205, 160, 100), 2.1, "animal", "ride", 1.0, "desert"),
    "hippo": _s(wild.hippo, "ground", (150, 130, 150), 1.5, "animal", None, 0.85, "lake"),
    "rhino": _s(wild.rhino, "ground", (150, 150, 150), 1.7, "animal", None, 0.9, "savanna"),
    "crocodile": _s(wild.crocodile, "ground", (90, 130, 70), 0.5, "animal", None, 0.6, "lake"),
    "cow": _s(a.cow, "ground", BLACK, 1.5, "animal", None, 0.85, "field"),
    "sheep": _s(a.sheep, "ground", WHITE, 1.0, "animal", None, 0.75, "field"),
    "goat": _s(a.goat, "ground", (235, 230, 220), 0.9, "animal", None, 0.75, "field"),
    "pig": _s(a.pig, "ground", (240, 170, 175), 0.9, "animal", None, 0.7, "field"),
    "chicken": _s(birds.chicken, "ground", (245, 240, 230), 0.45, "animal", "both", 0.7, "field"),
    "chick": _s(birds.chick, "ground", (250, 215, 70), 0.15, "animal", "both", 0.6, "field"),
    "mouse": _s(small.mouse, "ground", (170, 165, 165), 0.08, "animal", "both", 0.55),
    "squirrel": _s(small.squirrel, "ground", (190, 100, 50), 0.3, "animal", None, 0.7, "forest"),
    "hedgehog": _s(small.hedgehog, "ground", (150, 120, 90), 0.2, "animal", None, 0.6, "forest"),
    "bird": _s(a.bird, "sky", (60, 130, 210), 0.3, "animal", None, 1.0),
    "parrot": _s(birds.parrot, "ground", (220, 50, 50), 0.5, "animal", None, 0.9, "forest"),
    "owl": _s(a.owl, "ground", (150, 110, 75), 0.5, "animal", None, 0.85, "forest"),
    "peacock": _s(birds.peacock, "ground", (40, 100, 170), 1.2, "animal", None, 1.0, "field"),
    "flamingo": _s(birds.flamingo, "ground", (245, 140, 160), 1.3, "animal", None, 1.0, "lake"),
    "swan": _s(birds.swan, "water", (250, 250, 248), 0.8, "animal", None, 0.8, "lake"),
    "duck": _s(a.duck, "water", (250, 250, 245), 0.4, "animal", None, 0.75, "lake"),
    "penguin": _s(a.penguin, "ground", BLACK, 0.8, "animal", None, 0.8, "snow"),
    "fish": _s(a.fish, "water", (245, 140, 50), 0.3, "animal", None, 0.6, "underwater"),
    "shark": _s(sea.shark, "water", (110, 130, 150), 1.2, "animal", None, 0.8, "underwater"),
    "whale": _s(a.whale, "water", (70, 100, 150), 4.0, "animal", None, 0.8, "sea"),
    "dolphin": _s(sea.dolphin, "water", (120, 150, 190), 1.2, "animal", None, 0.8, "sea"),
    "octopus": _s(sea.octopus, "water", (220, 90, 110), 0.8, "animal", None, 0.7, "underwater"),
    "jellyfish": _s(sea.jellyfish, "water", (200, 150, 230), 0.6, "animal", None, 0.7, "underwater"),
    "crab": _s(sea.crab, "ground", (230, 90, 60), 0.2, "animal", None, 0.6, "sea"),
    "seal": _s(sea.seal, "ground", (120, 120, 135), 0.8, "animal", None, 0.75, "snow"),
    "turtle": _s(a.turtle, "ground", (90, 140, 80), 0.4, "animal", None, 0.6, "sea"),
    "frog": _s(wild.frog, "ground", (90, 170, 70), 0.12, "animal", None, 0.55, "lake"),
    "snake": _s(wild.snake, "ground", (100, 160, 70), 0.4, "animal", None, 0.6, "forest"),
    "butterfly": _s(a.butterfly, "air", (240, 150, 50), 0.1, "animal", None, 0.95, "field"),
    "bee": _s(small.bee, "air", (245, 190, 40), 0.05, "animal", None, 0.8, "field"),
    "ladybug": _s(small.ladybug, "ground", (215, 40, 40), 0.02, "animal", None, 0.55, "field"),
    "snail": _s(small.snail, "ground", (200, 140, 80), 0.05, "animal", None, 0.55, "field"),
    "bat": _s(wild.bat, "sky", (60, 55, 70), 0.3, "animal", None, 0.8),
    "dinosaur": _s(wild.dinosaur, "ground", (110, 170, 100), 6.0, "animal", None, 1.05, "forest"),
    "dragon": _s(wild.dragon, "ground", (200, 60, 60), 6.0, "animal", None, 1.1, "mountains"),
    # people
    **_people(),
    "couple": _s(people.couple, "ground", (50, 48, 64), 1.72, "person", "beside", 1.05),
    "crowd": _s(people.crowd, "ground", (50, 48, 64), 1.72, "person", "beside", 0.95),
    "family": _s(people.family, "ground", (50, 48, 64), 1.72, "person", "beside", 1.0),
    "snowman": _s(people.snowman, "ground", (246, 248, 252), 1.6, "person", None, 0.9, "snow"),
    "robot": _s(people.robot, "ground", (170, 180, 195), 1.5, "person", None, 0.95),
    # buildings and places
    "house": _s(b.house, "ground", (240, 225, 195), 8.0, "building"),
    "lighthouse": _s(b.lighthouse, "ground", (210, 55, 55), 20.0, "building", size=1.1, home="sea"),
    "castle": _s(b.castle, "ground", (200, 195, 185), 25.0, "building"),
    "tower": _s(b.tower, "ground", (190, 180, 165), 30.0, "building", size=1.1),
    "bridge": _s(b.bridge, "ground", (185, 150, 115), 12.0, "building", home="lake"),
    "barn": _s(b.barn, "ground", (185, 50, 45), 8.0, "building", home="field"),
    "skyscraper": _s(b.skyscraper, "ground", (90, 130, 175), 80.0, "building", size=1.2, home="city"),
    "windmill": _s(b.windmill, "ground", (225, 215, 195), 15.0, "building", size=1.1, home="field"),
    "tent": _s(b.tent, "ground", (235, 130, 50), 1.8, "building", size=0.85),
    "church": _s(b.church, "ground", (235, 225, 205), 18.0, "building"),
    "pyramid": _s(b.pyramid, "ground", (225, 185, 120), 60.0, "building", home="desert"),
    "igloo": _s(b.igloo, "ground", (236, 242, 250), 2.5, "building", size=0.85, home="snow"),
    "shop": _s(b.shop, "ground", (120, 170, 190), 5.0, "building", home="city"),
    "school": _s(b.school, "ground", (215, 150, 110), 9.0, "building"),
    "fountain": _s(b.fountain, "ground", (200, 200, 195), 2.5, "building", size=0.9, home="city"),
    "streetlamp": _s(b.streetlamp, "ground", (60, 62, 70), 4.0, "building", size=1.0, home="city"),
    "fence": _s(b.fence, "ground", (235, 228, 215), 1.0, "building", size=0.6, home="field"),
    "swing": _s(b.swing, "ground", (220, 80, 70), 2.4, "building", "seat", 0.9, "field"),
    "mailbox": _s(b.mailbox, "ground", (60, 90, 160), 1.2, "building", size=0.7),
    "trafficlight": _s(b.trafficlight, "ground", (50, 52, 60), 3.5, "building", size=0.9, home="city"),
    # vehicles
    "car": _s(v.car, "ground", (210, 60, 60), 1.5, "vehicle", "beside", 0.75),
    "taxi": _s(v.taxi, "ground", (250, 200, 40), 1.5, "vehicle", "beside", 0.75, "city"),
    "bus": _s(v.bus, "ground", (245, 190, 40), 3.2, "vehicle", "beside", 0.8, "city"),
    "truck": _s(v.truck, "ground", (60, 120, 200), 3.5, "vehicle", "beside", 0.8),
    "firetruck": _s(v.firetruck, "ground", (215, 40, 40), 3.2, "vehicle", "beside", 0.8, "city"),
    "tractor": _s(v.tractor, "ground", (60, 150, 70), 2.6, "vehicle", "beside", 0.8, "field"),
    "bicycle": _s(v.bicycle, "ground", (40, 130, 200), 1.0, "vehicle", "ride", 0.75),
    "motorbike": _s(v.motorbike, "ground", (200, 50, 50), 1.1, "vehicle", "ride", 0.75),
    "scooter": _s(v.scooter, "ground", (60, 180, 160), 1.0, "vehicle", "board", 0.7),
    "skateboard": _s(toys.skateboard, "ground", (230, 90, 60), 0.12, "object", "board", 0.5),
    "surfboard": _s(toys.surfboard, "ground", (250, 200, 70), 1.9, "object", "board", 0.9, "sea"),
    "skis": _s(toys.skis, "ground", (220, 60, 60), 1.7, "object", "board", 0.9, "snow"),
    "sled": _s(toys.sled, "ground", (200, 60, 50), 0.3, "object", "seat", 0.55, "snow"),
    "boat": _s(v.boat, "water", (180, 70, 50), 5.0, "vehicle", None, 0.8, "sea"),
    "ship": _s(v.ship, "water", (40, 50, 80), 20.0, "vehicle", None, 0.9, "sea"),
    "submarine": _s(v.submarine, "water", (240, 200, 50), 6.0, "vehicle", None, 0.8, "underwater"),
    "train": _s(v.train, "ground", (50, 90, 160), 4.0, "vehicle", None, 0.95),
    "plane": _s(v.plane, "sky", (245, 245, 250), 10.0, "vehicle", None, 0.95),
    "helicopter": _s(v.helicopter, "sky", (60, 110, 190), 4.0, "vehicle", None, 0.95),
    "hotairballoon": _s(v.balloon, "sky", (220, 70, 60), 20.0, "vehicle", None, 1.15),
    "rocket": _s(v.rocket, "sky", (240, 240, 245), 40.0, "vehicle", None, 1.2),
    # plants
    "tree": _s(pl.tree, "ground", (70, 150, 70), 8.0, "plant", size=1.05),
    "pine": _s(pl.pine, "ground", (40, 110, 70), 9.0, "plant", size=1.05),
    "palm": _s(pl.palm, "ground", (70, 160, 80), 8.0, "plant", size=1.05, home="sea"),
    "bamboo": _s(pl.bamboo, "ground", (120, 180, 80), 4.0, "plant", size=1.0, home="forest"),
    "bush": _s(pl.bush, "ground", (70, 140, 70), 1.2, "plant", size=0.7),
    "branch": _s(pl.branch, "ground", (122, 80, 48), 0.5, "plant", size=0.6),
    "flower": _s(pl.flower, "ground", (235, 80, 110), 0.4, "plant", "hand", 0.95),
    "flowerbed": _s(pl.flowerbed, "ground", (225, 50, 60), 0.5, "plant", size=0.85, home="field"),
    "rose": _s(pl.rose, "ground", (210, 40, 60), 0.5, "plant", "hand", 0.95),
    "tulip": _s(pl.tulip, "ground", (240, 90, 120), 0.45, "plant", "hand", 0.95),
    "sunflower": _s(pl.sunflower, "ground", (250, 200, 40), 1.8, "plant", size=1.1),
    "cactus": _s(pl.cactus, "ground", (80, 150, 90), 2.0, "plant", size=0.8, home="desert"),
    "mushroom": _s(pl.mushroom, "ground", (210, 50, 45), 0.12, "plant", size=0.75, home="forest"),
    "houseplant": _s(h.houseplant, "table", (200, 110, 80), 0.5, "home", "both", 0.85),
    # food
    "apple": _s(f.apple, "table", (210, 40, 45), 0.08, "food", "hand", 0.8),
    "orange": _s(produce.orange, "table", (245, 145, 40), 0.08, "food", "hand", 0.8),
    "peach": _s(produce.orange, "table", (250, 170, 120), 0.08, "food", "hand", 0.8),
    "lemon": _s(produce.lemon, "table", (250, 220, 60), 0.06, "food", "hand", 0.7),
    "pear": _s(produce.pear, "table", (180, 200, 70), 0.1, "food", "hand", 0.8),
    "banana": _s(f.banana, "table", (250, 215, 60), 0.08, "food", "hand", 0.6),
    "strawberry": _s(produce.strawberry, "table", (220, 40, 50), 0.04, "food", "hand", 0.7),
    "cherry": _s(produce.cherry, "table", (190, 20, 40), 0.06, "food", "hand", 0.7),
    "grapes": _s(produce.grapes, "table", (120, 60, 140), 0.15, "food", "hand", 0.8),
    "watermelon": _s(produce.watermelon, "table", (235, 70, 80), 0.12, "food", "hand", 0.7),
    "pineapple": _s(produce.pineapple, "table", (235, 180, 60), 0.35, "food", "both", 0.9),
    "carrot": _s(produce.carrot, "table", (245, 130, 40), 0.05, "food", "hand", 0.6),
    "tomato": _s(produce.tomato, "table", (220, 50, 45), 0.07, "food", "hand", 0.7),
    "broccoli": _s(produce.broccoli, "table", (70, 150, 60), 0.15, "food", "hand", 0.7),
    "corn": _s(produce.corn, "table", (250, 210, 70), 0.2, "food", "hand", 0.75),
    "avocado": _s(produce.avocado, "table", (190, 215, 110), 0.1, "food", "hand", 0.7),
    "pumpkin": _s(produce.pumpkin, "ground", (240, 130, 40), 0.3, "food", "both", 0.7, "field"),
    "cake": _s(f.cake, "table", (240, 130, 170), 0.2, "food", "both", 0.8),
    "muffin": _s(f.muffin, "table", (120, 80, 60), 0.08, "food", "hand", 0.75),
    "cupcake": _s(f.muffin, "table", (245, 170, 200), 0.08, "food", "hand", 0.75),
    "pie": _s(f.pie, "table", (160, 40, 60), 0.08, "food", "both", 0.7),
    "cookie": _s(f.cookie, "table", (210, 160, 90), 0.04, "food", "hand", 0.6),
    "donut": _s(f.donut, "table", (240, 140, 180), 0.05, "food", "hand", 0.75),
    "croissant": _s(f.croissant, "table", (225, 160, 70), 0.07, "food", "hand", 0.7),
    "bread": _s(f.bread, "table", (210, 150, 80), 0.12, "food", "both", 0.7),
    "baguette": _s(f.baguette, "table", (220, 165, 90), 0.07, "food", "hand", 0.6),
    "sandwich": _s(f.sandwich, "table", (235, 200, 140), 0.08, "food", "hand", 0.7),
    "burger": _s(f.burger, "table", (220, 150, 70), 0.1, "food", "hand", 0.7),
    "hotdog": _s(f.hotdog, "table", (190, 80, 60), 0.06, "food", "hand", 0.6),
    "taco": _s(f.taco, "table", (235, 195, 100), 0.08, "food", "hand", 0.65),
    "fries": _s(f.fries, "table", (250, 215, 90), 0.16, "food", "hand", 0.75),
    "pizza": _s(f.pizza, "table", (245, 200, 90), 0.06, "food", "both", 0.75),
    "pizzaslice": _s(f.pizzaslice, "table", (200, 50, 40), 0.2, "food", "hand", 0.75),
    "pancakes": _s(f.pancakes, "table", (225, 170, 90), 0.1, "food", "both", 0.75),
    "waffle": _s(f.waffle, "table", (225, 170, 80), 0.12, "food", "hand", 0.65),
    "egg": _s(f.egg, "table", (245, 180, 40), 0.03, "food", "both", 0.55),
    "cheese": _s(f.cheese, "table", (250, 205, 80), 0.08, "food", "hand", 0.65),
    "steak": _s(dishes.steak, "table", (150, 70, 50), 0.06, "food", "both", 0.65),
    "chocolate": _s(f.chocolate, "table", (100, 60, 40), 0.15, "food", "hand", 0.75),
    "popcorn": _s(f.popcorn, "table", (210, 50, 50), 0.2, "food", "hand", 0.8),
    "icecream": _s(f.icecream, "table", (240, 150, 180), 0.18, "food", "hand", 0.95),
    "ramen": _s(dishes.ramen, "table", (235, 235, 230), 0.12, "food", "both", 0.8),
    "soup": _s(dishes.soup, "table", (230, 150, 60), 0.12, "food", "both", 0.75),
    "salad": _s(dishes.salad, "table", (250, 250, 245), 0.12, "food", "both", 0.75),
    "rice": _s(dishes.rice, "table", (90, 140, 190), 0.1, "food", "both", 0.7),
    "cereal": _s(dishes.cereal, "table", (240, 220, 200), 0.1, "food", "both", 0.7),
    "pasta": _s(dishes.pasta, "table", (200, 50, 40), 0.08, "food", "both", 0.7),
    "sushi": _s(dishes.sushi, "table", (245, 130, 90), 0.06, "food", "both", 0.7),
    "dumplings": _s(dishes.dumplings, "table", (248, 244, 232), 0.08, "food", "both", 0.7),
    "fruit": _s(dishes.fruit, "table", (200, 150, 100), 0.18, "food", "both", 0.8),
    "coffee": _s(f.coffee, "table", (250, 250, 248), 0.1, "food", "mouth", 0.95),
    "teacup": _s(drinks.teacup, "table", (235, 240, 245), 0.08, "food", "mouth", 0.85),
    "cocoa": _s(drinks.cocoa, "table", (200, 70, 60), 0.14, "food", "mouth", 0.85),
    "glass": _s(drinks.glass, "table", (230, 240, 250), 0.16, "food", "mouth", 0.85),
    "lemonade": _s(drinks.glass, "table", (250, 225, 90), 0.16, "food", "mouth", 0.85),
    "juice": _s(drinks.glass, "table", (250, 150, 40), 0.16, "food", "mouth", 0.85),
    "milk": _s(drinks.glass, "table", (250, 250, 246), 0.16, "food", "mouth", 0.85),
    "wine": _s(drinks.wine, "table", (130, 20, 40), 0.2, "food", "hand", 0.9),
    "beer": _s(drinks.beer, "table", (235, 170, 50), 0.18, "food", "hand", 0.85),
    "bottle": _s(drinks.bottle, "table", (150, 200, 235), 0.25, "food", "hand", 0.85),
    # tableware and kitchen things
    "plate": _s(dishes.plate, "table", (248, 248, 246), 0.03, "object", "both", 0.6),
    "bowl": _s(dishes.bowl, "table", (90, 140, 190), 0.08, "object", "both", 0.65),
    "chopsticks": _s(k.chopsticks, "table", (180, 120, 70), 0.05, "object", "hand", 0.55),
    "fork": _s(k.fork, "table", k.STEEL, 0.19, "object", "hand", 0.7),
    "knife": _s(k.knife, "table", k.STEEL, 0.21, "object", "hand", 0.7),
    "spoon": _s(k.spoon, "table", k.STEEL, 0.17, "object", "hand", 0.7),
    "pan": _s(k.pan, "table", (60, 60, 66), 0.08, "object", "hand", 0.6),
    "pot": _s(k.pot, "table", (180, 185, 195), 0.25, "object", "both", 0.75),
    "kettle": _s(k.kettle, "table", (200, 60, 60), 0.25, "object", "hand", 0.8),
    "teapot": _s(o.teapot, "table", (80, 150, 170), 0.18, "object", "hand", 0.85),
    "basket": _s(k.basket, "table", (200, 150, 90), 0.3, "object", "low", 0.8),
    "lunchbox": _s(k.lunchbox, "table", (80, 160, 210), 0.15, "object", "low", 0.75),
    "jar": _s(k.jar, "table", (240, 170, 50), 0.14, "object", "hand", 0.75),
    "board": _s(k.board, "table", (200, 150, 95), 0.02, "object", "both", 0.5),
    # everyday objects
    "laptop": _s(devices.laptop, "table", (90, 95, 110), 0.24, "object", "lap", 0.85),
    "phone": _s(devices.phone, "table", (40, 42, 50), 0.15, "object", "ear", 0.75),
    "tablet": _s(devices.tablet, "table", (60, 62, 70), 0.24, "object", "both", 0.8),
    "computer": _s(devices.computer, "table", (70, 74, 84), 0.5, "object", None, 0.9),
    "camera": _s(devices.camera, "table", (50, 50, 56), 0.09, "object", "mouth", 0.7),
    "headphones": _s(devices.headphones, "table", (60, 60, 70), 0.2, "object", "hand", 0.75),
    "watch": _s(devices.watch, "table", (90, 60, 40), 0.2, "object", "hand", 0.7),
    "glasses": _s(devices.glasses, "table", (40, 38, 44), 0.06, "object", "hand", 0.55),
    "microphone": _s(devices.microphone, "table", (60, 60, 70), 1.5, "object", "beside", 0.9),
    "book": _s(o.book, "table", (60, 90, 160), 0.22, "object", "both", 0.7),
    "notebook": _s(things.notebook, "table", (230, 120, 60), 0.2, "object", "both", 0.7),
    "pen": _s(things.pen, "table", (40, 70, 160), 0.08, "object", "hand", 0.5),
    "pencil": _s(things.pencil, "table", (245, 200, 60), 0.08, "object", "hand", 0.5),
    "paintbrush": _s(things.paintbrush, "table", (60, 120, 220), 0.12, "object", "hand", 0.55),
    "envelope": _s(things.envelope, "table", (245, 240, 225), 0.11, "object", "hand", 0.6),
    "gift": _s(things.gift, "table", (220, 60, 70), 0.3, "object", "both", 0.75),
    "key": _s(things.key, "table", (220, 180, 60), 0.04, "object", "hand", 0.5),
    "lightbulb": _s(devices.lightbulb, "table", (255, 225, 110), 0.12, "object", "hand", 0.75),
    "globe": _s(things.globe, "table", (70, 140, 210), 0.4, "object", "both", 0.85),
    "trophy": _s(things.trophy, "table", (240, 195, 60), 0.35, "object", "both", 0.85),
    "flag": _s(things.flag, "ground", (210, 50, 60), 2.0, "object", "hand", 0.9),
    "sword": _s(things.sword, "ground", (200, 204, 212), 0.9, "object", "hand", 0.9),
    "crown": _s(wear.crown, "table", (240, 195, 50), 0.15, "object", "both", 0.6),
    "backpack": _s(wear.backpack, "ground", (220, 90, 60), 0.5, "object", "low", 0.7),
    "handbag": _s(wear.handbag, "table", (170, 60, 80), 0.3, "object", "low", 0.7),
    "suitcase": _s(wear.suitcase, "ground", (70, 110, 170), 0.7, "object", "low", 0.75),
    "sneakers": _s(wear.sneakers, "ground", (230, 70, 70), 0.12, "object", None, 0.55),
    "boots": _s(wear.boots, "ground", (240, 200, 50), 0.35, "object", None, 0.6),
    "hat": _s(wear.hat, "table", (190, 150, 90), 0.15, "object", "hand", 0.6),
    "dress": _s(wear.dress, "ground", (230, 90, 130), 1.2, "object", "both", 0.85),
    "shirt": _s(wear.shirt, "table", (70, 140, 200), 0.7, "object", "both", 0.7),
    "umbrella": _s(o.umbrella, "ground", (220, 60, 70), 0.9, "object", "overhead", 0.9),
    "lamp": _s(o.lamp, "table", (240, 200, 110), 0.5, "object", None, 0.95),
    "clock": _s(o.clock, "table", (200, 60, 60), 0.25, "object", "both", 0.8),
    "candle": _s(o.candle, "table", (245, 240, 225), 0.18, "object", "hand", 0.9),
    "vase": _s(o.vase, "table", (70, 130, 190), 0.45, "object", "both", 0.9),
    "guitar": _s(o.guitar, "table", (210, 120, 50), 1.0, "object", "strum", 1.1),
    "violin": _s(toys.violin, "table", (170, 90, 40), 0.6, "object", "strum", 0.9),
    "drum": _s(toys.drum, "table", (210, 60, 60), 0.5, "object", None, 0.8),
    "piano": _s(h.piano, "floor", (50, 40, 40), 1.3, "home", None, 0.9),
    "kite": _s(o.kite, "sky", (220, 60, 70), 1.0, "object", "sky", 1.1),
    "balloon": _s(toys.partyballoon, "air", (230, 50, 60), 0.9, "object", "above", 0.9),
    "teddy": _s(toys.teddy, "table", (190, 130, 80), 0.35, "object", "both", 0.8),
    "ball": _s(toys.ball, "ground", (248, 248, 246), 0.22, "object", "both", 0.55),
    "basketball": _s(toys.basketball, "ground", (240, 130, 50), 0.24, "object", "both", 0.55),
    "beachball": _s(toys.beachball, "ground", (220, 60, 60), 0.4, "object", "both", 0.6, "sea"),
    "frisbee": _s(toys.frisbee, "air", (250, 90, 60), 0.08, "object", "hand", 0.5),
    "toycar": _s(toys.toycar, "table", (60, 140, 220), 0.08, "object", "hand", 0.5),
    "bucket": _s(things.bucket, "ground", (70, 140, 220), 0.3, "object", "low", 0.6),
    "wateringcan": _s(things.wateringcan, "ground", (80, 160, 110), 0.3, "object", "low", 0.65),
    "shovel": _s(things.shovel, "ground", (150, 150, 160), 1.0, "object", "low", 0.8),
    "hammer": _s(things.hammer, "table", (120, 120, 130), 0.3, "object", "hand", 0.6),
    "scissors": _s(things.scissors, "table", (220, 60, 60), 0.18, "object", "hand", 0.6),
    "fishingrod": _s(things.fishingrod, "ground", (60, 60, 70), 2.0, "object", "rod", 0.9),
    "campfire": _s(things.campfire, "ground", (245, 130, 40), 0.6, "object", None, 0.6, "forest"),
    "picnic": _s(things.picnic, "ground", (210, 60, 60), 0.5, "object", None, 0.7, "field"),
    # home
    "sofa": _s(h.sofa, "floor", (90, 120, 170), 0.85, "home", "seat", 0.9, "indoor"),
    "armchair": _s(h.armchair, "floor", (170, 90, 80), 1.0, "home", "seat", 0.9, "indoor"),
    "bench": _s(h.bench, "ground", (160, 110, 70), 0.85, "home", "seat", 0.8, "field"),
    "chair": _s(o.chair, "floor", (170, 110, 60), 0.95, "home", "seat", 1.0),
    "stool": _s(o.chair, "floor", (160, 120, 80), 0.7, "home", "seat", 0.8),
    "bed": _s(h.bed, "floor", (90, 140, 200), 0.9, "home", "seat", 0.9, "indoor"),
    "table": _s(h.table, "floor", (160, 110, 70), 0.75, "home", None, 0.85, "indoor"),
    "desk": _s(h.desk, "floor", (150, 105, 70), 0.75, "home", None, 0.85, "indoor"),
    "bookshelf": _s(h.bookshelf, "floor", (150, 100, 60), 1.9, "home", None, 1.0, "indoor"),
    "fireplace": _s(h.fireplace, "floor", (170, 80, 60), 1.2, "home", None, 0.95, "indoor"),
    "tv": _s(h.tv, "table", (40, 40, 46), 0.6, "home", None, 0.9, "indoor"),
    "stroller": _s(h.stroller, "ground", (90, 120, 190), 1.0, "home", "push", 0.75),
    "easel": _s(h.easel, "floor", (200, 120, 80), 1.6, "home", "easel", 0.95),
    "rug": _s(h.rug, "floor", (190, 70, 80), 0.1, "home", None, 0.6, "indoor"),
    "mirror": _s(h.mirror, "floor", (200, 160, 80), 0.8, "home", None, 0.8, "indoor"),
}

# Things whose drawing already shows another named thing ("a birthday cake with candles": the cake has them).
INCLUDES: dict[str, set[str]] = {
    "cake": {"candle"}, "parrot": {"branch"}, "owl": {"branch"}, "koala": {"branch", "tree"},
    "picnic": {"basket", "bottle", "apple"}, "fireplace": {"campfire"}, "ramen": {"bowl", "egg"},
    "soup": {"bowl"}, "salad": {"bowl", "tomato"}, "rice": {"bowl"}, "cereal": {"bowl", "milk"},
    "fruit": {"bowl", "banana", "apple", "orange", "grapes"}, "pasta": {"plate"}, "pancakes": {"plate"},
    "steak": {"plate"}, "sushi": {"board"}, "dumplings": {"basket"}, "panda": {"bamboo"}, "coffee": {"plate"},
    "teacup": {"plate"}, "fries": {"box"}, "vase": {"flower", "rose", "tulip"}, "easel": {"paintbrush"},
    "monkey": {"banana"}, "sandwich": {"bread", "cheese", "tomato"}, "burger": {"cheese", "tomato"},
    "fishingrod": {"fish"}, "flowerbed": {"flower", "rose", "tulip"}, "glass": {"lemon"},
}


@cache
def extents(kind: str) -> tuple[float, float, float, float]:
    """Where a subject's drawing really reaches, in its units: (left, right, bottom, top), measured once."""
    return measure(SUBJECTS[kind].draw)


def measure(draw: Callable[[Pen, RGB], None]) -> tuple[float, float, float, float]:
    """Where a drawing reaches in its units: (left, right, bottom, top)."""
    scale, x, y = 400, 800, 1000
    scratch = Image.new("L", (1600, 1500))
    draw(Pen(ImageDraw.Draw(scratch), x, y, scale, tone=lambda c: 255), (128, 128, 128))
    box = scratch.getbbox() or (x - scale // 2, y - scale, x + scale // 2, y)
    return (box[0] - x) / scale, (box[2] - x) / scale, (y - box[3]) / scale, (y - box[1]) / scale


def metres(kind: str) -> float:
    """Metres for one of a subject's units: its real height over the height its drawing reaches."""
    _, _, v0, v1 = extents(kind)
    return SUBJECTS[kind].real / max(0.05, v1 - v0)
