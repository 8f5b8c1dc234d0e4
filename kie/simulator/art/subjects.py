"""The subjects a prompt can name, each drawn in a flat-vector style through a Pen (units: base 0, top 1).

A subject declares its width-to-height ratio (`aspect`), where it belongs (`place`: on the ground, in the sky,
on or in the water, on a table, in the air just above the ground) and its usual colour; a colour word in the
prompt ("a red fox") replaces that colour.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw

from kie.simulator.art.drawings.animals import (
    bear,
    bird,
    butterfly,
    cat,
    cow,
    deer,
    dog,
    duck,
    elephant,
    fish,
    fox,
    giraffe,
    horse,
    lion,
    owl,
    penguin,
    pig,
    rabbit,
    sheep,
    turtle,
    whale,
)
from kie.simulator.art.drawings.buildings import (
    barn,
    bridge,
    castle,
    church,
    house,
    lighthouse,
    pyramid,
    skyscraper,
    tent,
    tower,
    windmill,
)
from kie.simulator.art.drawings.food import apple, banana, burger, cake, coffee, donut, icecream, pizza
from kie.simulator.art.drawings.objects import (
    book,
    candle,
    chair,
    clock,
    guitar,
    kite,
    lamp,
    teapot,
    umbrella,
    vase,
)
from kie.simulator.art.drawings.parts import BLACK, WHITE
from kie.simulator.art.drawings.people import child, couple, crowd, person
from kie.simulator.art.drawings.plants import cactus, flower, mushroom, palm, pine, sunflower, tree
from kie.simulator.art.drawings.vehicles import (
    balloon,
    bicycle,
    boat,
    bus,
    car,
    plane,
    rocket,
    ship,
    train,
)
from kie.simulator.art.pen import RGB, Pen


@dataclass(frozen=True)
class Subject:
    """How to draw one kind of thing and where it goes."""

    draw: Callable[[Pen, RGB], None]
    aspect: float  # width / height, as designed (the drawing's measured `extents` are what placement uses)
    place: str  # ground, sky, water, table, air
    colour: RGB
    size: float = 1.0  # relative size as a hero (a child is smaller than a castle)


SUBJECTS: dict[str, Subject] = {
    # animals
    "cat": Subject(cat, 0.9, "ground", (235, 140, 60), 0.9),
    "dog": Subject(dog, 1.25, "ground", (200, 150, 95), 0.8),
    "fox": Subject(fox, 1.45, "ground", (230, 110, 40), 0.75),
    "horse": Subject(horse, 1.2, "ground", (140, 90, 60)),
    "rabbit": Subject(rabbit, 0.9, "ground", (200, 185, 170), 0.75),
    "bear": Subject(bear, 1.35, "ground", (110, 75, 50), 0.9),
    "deer": Subject(deer, 1.0, "ground", (175, 120, 75)),
    "elephant": Subject(elephant, 1.3, "ground", (150, 150, 160)),
    "cow": Subject(cow, 1.3, "ground", BLACK, 0.85),
    "sheep": Subject(sheep, 1.25, "ground", WHITE, 0.75),
    "pig": Subject(pig, 1.3, "ground", (240, 170, 175), 0.7),
    "lion": Subject(lion, 1.4, "ground", (225, 175, 95), 0.85),
    "giraffe": Subject(giraffe, 0.75, "ground", (235, 190, 110), 1.1),
    "bird": Subject(bird, 1.2, "sky", (60, 130, 210), 1.0),
    "owl": Subject(owl, 1.0, "ground", (150, 110, 75), 0.85),
    "fish": Subject(fish, 1.4, "water", (245, 140, 50), 0.6),
    "whale": Subject(whale, 1.55, "water", (70, 100, 150), 0.8),
    "duck": Subject(duck, 1.15, "water", (250, 250, 245), 0.75),
    "penguin": Subject(penguin, 0.7, "ground", BLACK, 0.8),
    "turtle": Subject(turtle, 1.5, "ground", (90, 140, 80), 0.6),
    "butterfly": Subject(butterfly, 1.2, "air", (240, 150, 50), 0.95),
    # buildings
    "house": Subject(house, 1.1, "ground", (240, 225, 195)),
    "lighthouse": Subject(lighthouse, 0.55, "ground", (210, 55, 55), 1.1),
    "castle": Subject(castle, 1.35, "ground", (200, 195, 185)),
    "tower": Subject(tower, 0.45, "ground", (190, 180, 165), 1.1),
    "bridge": Subject(bridge, 2.2, "ground", (185, 150, 115), 1.0),
    "barn": Subject(barn, 1.05, "ground", (185, 50, 45)),
    "skyscraper": Subject(skyscraper, 0.8, "ground", (90, 130, 175), 1.2),
    "windmill": Subject(windmill, 0.85, "ground", (225, 215, 195), 1.1),
    "tent": Subject(tent, 1.2, "ground", (235, 130, 50), 0.85),
    "church": Subject(church, 1.0, "ground", (235, 225, 205)),
    "pyramid": Subject(pyramid, 1.6, "ground", (225, 185, 120)),
    # vehicles
    "car": Subject(car, 2.0, "ground", (210, 60, 60), 0.75),
    "bus": Subject(bus, 2.2, "ground", (245, 190, 40), 0.8),
    "bicycle": Subject(bicycle, 1.6, "ground", (40, 130, 200), 0.75),
    "boat": Subject(boat, 0.95, "water", (180, 70, 50), 0.8),
    "ship": Subject(ship, 2.0, "water", (40, 50, 80), 0.9),
    "train": Subject(train, 2.6, "ground", (50, 90, 160), 0.95),
    "plane": Subject(plane, 1.8, "sky", (245, 245, 250), 0.95),
    "balloon": Subject(balloon, 0.75, "sky", (220, 70, 60), 1.15),
    "rocket": Subject(rocket, 0.55, "sky", (240, 240, 245), 1.2),
    # plants
    "tree": Subject(tree, 0.85, "ground", (70, 150, 70), 1.05),
    "pine": Subject(pine, 0.9, "ground", (40, 110, 70), 1.05),
    "palm": Subject(palm, 0.95, "ground", (70, 160, 80), 1.05),
    "flower": Subject(flower, 0.55, "ground", (235, 80, 110), 0.95),
    "sunflower": Subject(sunflower, 0.6, "ground", (250, 200, 40), 1.1),
    "cactus": Subject(cactus, 0.75, "ground", (80, 150, 90), 0.8),
    "mushroom": Subject(mushroom, 1.0, "ground", (210, 50, 45), 0.75),
    # food
    "apple": Subject(apple, 1.0, "table", (210, 40, 45), 0.8),
    "cake": Subject(cake, 1.05, "table", (240, 130, 170), 0.8),
    "coffee": Subject(coffee, 1.1, "table", (250, 250, 248), 0.95),
    "pizza": Subject(pizza, 1.7, "table", (245, 200, 90), 0.75),
    "banana": Subject(banana, 1.1, "table", (250, 215, 60), 0.6),
    "icecream": Subject(icecream, 0.5, "table", (240, 150, 180), 0.95),
    "burger": Subject(burger, 1.1, "table", (220, 150, 70), 0.7),
    "donut": Subject(donut, 1.5, "table", (240, 140, 180), 0.75),
    # objects
    "umbrella": Subject(umbrella, 1.05, "ground", (220, 60, 70), 0.9),
    "lamp": Subject(lamp, 0.65, "table", (240, 200, 110), 0.95),
    "chair": Subject(chair, 0.7, "table", (170, 110, 60), 1.0),
    "book": Subject(book, 1.25, "table", (60, 90, 160), 0.7),
    "clock": Subject(clock, 0.95, "table", (200, 60, 60), 0.8),
    "guitar": Subject(guitar, 0.45, "table", (210, 120, 50), 1.1),
    "kite": Subject(kite, 0.7, "sky", (220, 60, 70), 1.1),
    "candle": Subject(candle, 0.4, "table", (245, 240, 225), 0.9),
    "vase": Subject(vase, 0.6, "table", (70, 130, 190), 0.9),
    "teapot": Subject(teapot, 1.25, "table", (80, 150, 170), 0.85),
    # people
    "person": Subject(person, 0.45, "ground", (50, 48, 64), 1.05),
    "child": Subject(child, 0.45, "ground", (60, 58, 78), 0.85),
    "couple": Subject(couple, 0.8, "ground", (50, 48, 64), 1.05),
    "crowd": Subject(crowd, 1.55, "ground", (50, 48, 64), 0.95),
}


@cache
def extents(kind: str) -> tuple[float, float, float, float]:
    """Where a subject's drawing really reaches, in its units: (left, right, bottom, top), measured once."""
    scale, x, y = 400, 600, 800
    scratch = Image.new("RGB", (1200, 1200))
    SUBJECTS[kind].draw(Pen(ImageDraw.Draw(scratch), x, y, scale), (128, 128, 128))
    box = scratch.getbbox() or (x - scale // 2, y - scale, x + scale // 2, y)
    return (box[0] - x) / scale, (box[2] - x) / scale, (y - box[3]) / scale, (y - box[1]) / scale
