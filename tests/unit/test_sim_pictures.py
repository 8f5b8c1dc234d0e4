"""The simulator's pictures: what the prompt names is drawn, nothing else; no caption; variants and model looks
differ visibly; edits keep every pixel outside the painted area; the Market tools upscale and cut out."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys

import pytest
import requests
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageStat

from kie.simulator import edit_composite, render_result, render_scene
from kie.simulator.art.compose import Composer, compose
from kie.simulator.art.styles import LOOKS as STYLES
from kie.simulator.art.styles import look_for
from kie.simulator.art.subjects import SUBJECTS
from kie.simulator.art.vocab import Unit, demo_note, edit_target, not_drawn, read, subject_of, vocabulary
from kie.simulator.pictures import is_instruction, remove_background, upscale
from tests.conftest import ROOT, TEST_KEY

AUTH = {"Authorization": f"Bearer {TEST_KEY}"}
LOOKS = ["gpt-4o-image", "gpt-image-2", "nano-banana-pro", "seedream-4.5"]


def picture(prompt: str, index: int = 0, size: str = "1:1", fetch=lambda url: None, **params) -> Image.Image:
    png = render_result({"prompt": prompt, "size": size, **params}, index, fetch)
    return Image.open(io.BytesIO(png)).convert("RGB")


def chunks(prompt: str, **params) -> dict[str, str]:
    png = render_result({"prompt": prompt, **params}, 0, lambda url: None)
    return Image.open(io.BytesIO(png)).text


def difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference per channel, 0..255."""
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def changed_share(a: Image.Image, b: Image.Image, threshold: int = 12) -> float:
    """The share of pixels where some channel differs by more than `threshold`."""
    diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > threshold else 0)
    return ImageStat.Stat(diff).mean[0] / 255


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def grow(box, by: int, size) -> tuple[int, int, int, int]:
    return max(0, box[0] - by), max(0, box[1] - by), min(size[0], box[2] + by), min(size[1], box[3] + by)


# -- determinism, sizes, text chunks ----------------------------------------------------------------------

def test_the_same_prompt_and_index_give_the_same_bytes_even_in_another_process():
    params = {"prompt": "a cat by the lake at sunset", "size": "3:2", "nVariants": 2, "model": "seedream-4.5"}
    here = render_result(params, 1, lambda url: None)
    assert render_result(params, 1, lambda url: None) == here
    code = ("import hashlib; from kie.simulator import render_result; "
            f"print(hashlib.sha256(render_result({params!r}, 1, lambda url: None)).hexdigest())")
    other = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                           env={"PYTHONHASHSEED": "12345", "PATH": "/usr/bin:/bin"}, check=True)
    assert other.stdout.strip() == hashlib.sha256(here).hexdigest()


@pytest.mark.parametrize("size, pixels", [("1:1", (1024, 1024)), ("3:2", (1536, 1024)), ("2:3", (1024, 1536))])
def test_4o_pictures_have_the_size_the_task_asked_for(size, pixels):
    assert picture("a forest", size=size).size == pixels


@pytest.mark.parametrize("aspect, pixels", [("16:9", (1024, 576)), ("21:9", (1024, 439)), ("9:16", (576, 1024)),
                                            ("4:5", (819, 1024)), ("1:1", (1024, 1024)), ("auto", (1024, 1024))])
def test_market_pictures_are_drawn_at_the_asked_ratio_scaled_down_with_the_asked_size_in_the_text(aspect, pixels):
    params = {"prompt": "a lighthouse", "size": "1:1", "aspect_ratio": aspect, "resolution": "2K",
              "model": "gpt-image-2"}
    assert picture(**params).size == pixels  # aspect_ratio wins over a 4o size sent beside it
    text = chunks(**params)
    assert text["Requested size"] == f"{aspect} · 2K" and text["Drawn size"] == f"{pixels[0]}x{pixels[1]}"


def test_auto_follows_the_shape_of_the_given_picture():
    wide = png(Image.new("RGB", (600, 400), (90, 120, 160)))
    assert picture("a cat", aspect_ratio="auto", filesUrl=["w"], fetch={"w": wide}.get).size == (1024, 683)


def test_the_prompt_and_simulated_go_into_the_text_chunks():
    text = chunks("a red fox in a snowy forest [seconds:3]", size="1:1", model="seedream/4.5-text-to-image",
                  nVariants=2)
    assert text["Description"] == "a red fox in a snowy forest" and text["Simulated"] == "true"
    assert "simulator" in text["Comment"] and text["Model look"] == "seedream-4.5" and text["Variant"] == "1/2"
    assert text["Requested size"] == "1:1 (1024x1024)"


def test_no_caption_is_drawn_on_the_picture():
    # Prompts that name the same things draw the same pixels however their text differs: no words are drawn.
    plain = picture("a cat", nVariants=2)
    wordy = picture("A CAT!!! ultra detailed masterpiece, trending, 8k — demo 1/2", nVariants=2)
    assert plain.tobytes() == wordy.tobytes()
    tagged = render_scene("a cat", 0, (400, 300), "demo · 1/1")
    assert tagged.tobytes() == render_scene("a cat", 0, (400, 300)).tobytes()
    # and the bottom strip is the scene's ground, not a dark band: it matches the rows just above it
    bottom = ImageStat.Stat(plain.crop((0, 990, 1024, 1024))).mean
    above = ImageStat.Stat(plain.crop((0, 930, 1024, 964))).mean
    assert sum(abs(a - b) for a, b in zip(bottom, above, strict=True)) < 45


# -- the subjects ---------------------------------------------------------------------------------------

EMPTY = {}


def empty_scene(prompt: str, index: int = 0, size=(256, 256), style=None) -> Image.Image:
    """The scene the same prompt gives without its subjects: its settings, weather and time only."""
    reading = read(prompt)
    rest = " ".join(sorted(reading.settings)) + " " + " ".join(reading.weather) + " " + (reading.time or "")
    key = (rest, index, size, style)
    if key not in EMPTY:
        EMPTY[key] = compose(rest, index, size, style=style)
        assert EMPTY[key].placed == []
    return EMPTY[key].image


def shows(prompt: str, kinds: list[str], index: int = 0, size=(320, 320), style=None):
    """Draw a prompt; check each kind is drawn, where the picture says, visibly different from the empty scene."""
    drawn = compose(prompt, index, size, style=style)
    placed = {p.kind: p.box for p in drawn.placed}
    assert set(kinds) <= set(placed), (prompt, kinds, list(placed))
    empty = empty_scene(prompt, index, size, style)
    assert changed_share(drawn.image, empty, 20) > 0.03, f"{prompt!r} looks like the empty scene"
    for kind in kinds:
        box = placed[kind]
        assert (box[2] - box[0]) * (box[3] - box[1]) > 0.002 * size[0] * size[1], (prompt, kind, box)
        assert changed_share(drawn.image.crop(box), empty.crop(box), 20) > 0.04, (prompt, kind)
    return drawn, placed


def overlap(a, b) -> float:
    """The share of the smaller box that the two boxes share."""
    w = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    h = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return w * h / max(1, smaller)


def test_the_vocabulary_names_at_least_two_hundred_subjects_drawn_in_every_group():
    assert len(vocabulary()) >= 200 and len(SUBJECTS) >= 200
    drawings = {getattr(s.draw, "__name__", "") for s in SUBJECTS.values()}
    assert len(drawings) >= 180  # a drawing is shared only by close kinds (an orange and a peach)
    groups = {}
    for kind, subject in SUBJECTS.items():
        groups.setdefault(subject.group, []).append(kind)
    for group, at_least in (("animal", 50), ("person", 40), ("food", 50), ("object", 50), ("home", 12),
                            ("building", 15), ("vehicle", 15), ("plant", 12)):
        assert len(groups[group]) >= at_least, (group, len(groups[group]))
    for word, kind in (("smartphone", "phone"), ("noodles", "ramen"), ("grandma", "grandmother"), ("couch", "sofa"),
                       ("bike", "bicycle"), ("puppies", "puppy"), ("strawberries", "strawberry"), ("mice", "mouse")):
        assert subject_of(word)[0] == kind, word


@pytest.mark.parametrize("kind", sorted(SUBJECTS))
def test_each_subject_is_drawn_where_the_picture_says_it_is(kind):
    size = (256, 256)
    reading = read("")  # the neutral scene, with one subject drawn in it
    reading.units = [Unit(kind, names=(kind,))]
    drawn = Composer(reading, 0, size, look_for(None)).paint()
    without = compose("", 0, size)
    assert [p.kind for p in drawn.placed] == [kind]
    box = drawn.placed[0].box
    area = (box[2] - box[0]) * (box[3] - box[1]) / (size[0] * size[1])
    long_side = max(box[2] - box[0], box[3] - box[1]) / size[0]
    assert area > 0.03 or long_side > 0.3, f"{kind} is too small to see ({area:.1%})"  # a knife is thin
    assert changed_share(drawn.image.crop(box), without.image.crop(box), 20) > 0.04, kind


def test_subjects_look_different_from_each_other():
    crops = {}
    for kind, subject in SUBJECTS.items():
        name = getattr(subject.draw, "__name__", kind)
        if name in crops:
            continue  # a drawing shared by close kinds is compared once
        reading = read("")
        reading.units = [Unit(kind, names=(kind,))]
        drawn = Composer(reading, 0, (128, 128), look_for(None)).paint()
        crops[name] = drawn.image.crop(drawn.placed[0].box).resize((24, 24))
    names = sorted(crops)
    same = [(a, b) for i, a in enumerate(names) for b in names[i + 1:] if difference(crops[a], crops[b]) <= 4]
    assert not same, same


PEOPLE_DOING_THINGS = [
    ("a woman riding a bicycle in the park", ["woman", "bicycle"]),
    ("a grandmother reading a book by the window", ["grandmother", "book"]),
    ("a man walking a dog in the rain", ["man", "dog"]),
    ("a chef cooking pasta in a kitchen", ["chef", "pasta"]),
    ("a child holding a red balloon", ["child", "balloon"]),
    ("a teenager playing the guitar on a bench", ["teenager", "guitar", "bench"]),
    ("a man typing on a laptop in a cafe", ["man", "laptop"]),
    ("a woman talking on the phone in the street", ["woman", "phone"]),
    ("a boy flying a kite on a windy hill", ["boy", "kite"]),
    ("a mother pushing a stroller in the park", ["mother", "stroller"]),
    ("a girl drinking a cup of coffee", ["girl", "coffee"]),
    ("a knight riding a horse", ["knight", "horse"]),
    ("an old man with a fishing rod by the lake", ["old_man", "fishingrod"]),
    ("a student writing in a notebook with a pen", ["student", "notebook", "pen"]),
    ("a farmer holding a basket of apples", ["farmer", "apple"]),
    ("an artist painting at an easel", ["artist", "easel"]),
]


def gap(a, b) -> int:
    """How far apart two boxes are across (0 when they overlap)."""
    return max(0, max(a[0], b[0]) - min(a[2], b[2]))


@pytest.mark.parametrize("prompt, kinds", PEOPLE_DOING_THINGS)
def test_people_doing_things_are_drawn_with_what_they_do_it_with(prompt, kinds):
    drawn, placed = shows(prompt, kinds)
    person, thing = placed[kinds[0]], placed[kinds[1]]
    if SUBJECTS[kinds[1]].use in ("leash", "easel"):  # walked on a leash, painted at: close beside
        assert gap(person, thing) < 0.12 * drawn.image.width, (prompt, person, thing)
    elif SUBJECTS[kinds[1]].use in ("above", "sky"):  # a balloon or a kite on its string: up over the hand
        assert thing[3] <= person[1] + (person[3] - person[1]) * 0.3 and gap(person, thing) < 0.3 * drawn.image.width
    else:  # in the hands, ridden, pushed, sat on: overlapping
        assert overlap(person, thing) > 0.05, (prompt, person, thing)
    assert len(read(prompt).units) == 1, "one group, not two things side by side"


def test_a_rider_sits_on_the_bicycle_and_a_reader_holds_the_book_in_front():
    _, rider = shows("a woman riding a bicycle", ["woman", "bicycle"])
    woman, bike = rider["woman"], rider["bicycle"]
    assert woman[3] > bike[1] + (bike[3] - bike[1]) * 0.3  # her feet are on the pedals, not on the ground beside
    assert bike[0] <= (woman[0] + woman[2]) / 2 <= bike[2]
    _, reader = shows("a grandmother reading a book", ["grandmother", "book"])
    book, granny = reader["book"], reader["grandmother"]
    assert granny[0] <= (book[0] + book[2]) / 2 <= granny[2] + 10 and granny[1] < book[1] < granny[3]


@pytest.mark.parametrize("prompt, person, seat", [("a man sitting on a bench", "man", "bench"),
                                                 ("a girl sitting on a swing", "girl", "swing"),
                                                 ("a boy sitting on a sled in the snow", "boy", "sled")])
def test_a_person_sitting_on_a_seat_sits_on_it(prompt, person, seat):
    """"Sitting on" a seat (a sofa, a bench, a swing or a sled) seats the person on it (such prompts used to fail
    to be read at all: the simulator answered them with an error)."""
    [unit] = read(prompt).units
    assert unit.kind == person and unit.seat == seat and unit.thing is None
    _, placed = shows(prompt, [person, seat])
    sitter, under = placed[person], placed[seat]
    assert under[0] <= (sitter[0] + sitter[2]) / 2 <= under[2]  # over it, not beside it ("a man and a bench")
    assert under[1] <= sitter[3] <= under[3] + 2  # and down on it


FOOD = ["a bowl of ramen", "a croissant", "a plate of sushi", "a slice of pizza", "a hamburger and french fries",
        "a stack of pancakes", "a bowl of salad", "a sandwich", "a glass of lemonade", "a cup of tea",
        "a glass of red wine", "a piece of cheese", "a bowl of fruit", "dumplings", "a birthday cake",
        "a strawberry", "a watermelon", "a taco", "a hot dog", "a cup of hot chocolate", "a bowl of soup",
        "spaghetti", "a donut", "an ice cream cone"]


@pytest.mark.parametrize("prompt", FOOD)
def test_food_is_drawn_on_a_table(prompt):
    reading = read(prompt)
    kinds = [kind for unit in reading.units for kind in unit.names]
    assert kinds and not not_drawn(prompt), prompt
    drawn, _ = shows(prompt, kinds)
    assert all(SUBJECTS[k].group == "food" for k in kinds[:1])


OBJECTS = ["a laptop", "a smartphone", "chopsticks", "a plate", "a coffee cup", "a backpack", "a pair of sneakers",
           "an umbrella", "a teddy bear", "a camera", "headphones", "a notebook and a pen", "a suitcase",
           "a houseplant", "a lamp", "a clock", "a football", "a water bottle", "a gift", "a candle",
           "a fork and a knife", "a frying pan", "a sofa", "a fireplace"]


@pytest.mark.parametrize("prompt", OBJECTS)
def test_everyday_objects_are_drawn(prompt):
    reading = read(prompt)
    kinds = [kind for unit in reading.units for kind in unit.names]
    assert kinds and not not_drawn(prompt), prompt
    shows(prompt, kinds)


ANIMALS = ["a zebra", "a giraffe", "a panda", "a tiger", "a parrot on a branch", "a dolphin in the sea",
           "a penguin", "a monkey", "a kangaroo", "a frog", "a chicken", "a shark underwater", "a hedgehog",
           "a flamingo", "a camel in the desert", "a squirrel", "a bee", "an octopus", "a horse", "a puppy"]


@pytest.mark.parametrize("prompt", ANIMALS)
def test_animals_are_drawn(prompt):
    reading = read(prompt)
    kinds = [kind for unit in reading.units for kind in unit.names]
    assert kinds and not not_drawn(prompt), prompt
    shows(prompt, kinds)


TWO_SUBJECTS = [
    ("a giraffe and a zebra", ["giraffe", "zebra"]), ("a coffee and a croissant", ["coffee", "croissant"]),
    ("a laptop and a smartphone on a desk", ["laptop", "phone"]), ("a cat and a dog", ["cat", "dog"]),
    ("a bicycle leaning against a tree", ["bicycle", "tree"]), ("a farmer and a cow next to a barn",
                                                                ["farmer", "cow", "barn"]),
    ("a sandwich and an apple in a lunchbox", ["sandwich", "apple", "lunchbox"]),
    ("a glass of red wine and a piece of cheese", ["wine", "cheese"]), ("a baby with a teddy bear",
                                                                        ["baby", "teddy"]),
    ("a backpack and a water bottle", ["backpack", "bottle"]), ("a hot air balloon over a palm tree",
                                                                ["hotairballoon", "palm"]),
]


@pytest.mark.parametrize("prompt, kinds", TWO_SUBJECTS)
def test_two_or_three_subjects_are_each_drawn_and_each_can_be_seen(prompt, kinds):
    drawn, placed = shows(prompt, kinds)
    for i, a in enumerate(kinds):
        for b in kinds[i + 1:]:
            assert overlap(placed[a], placed[b]) < 0.35, (prompt, a, b)  # side by side, not hidden behind


def test_things_on_a_seat_and_dishes_with_their_utensils_are_drawn_together():
    _, placed = shows("a cat sleeping on a sofa", ["cat", "sofa"])
    cat, sofa = placed["cat"], placed["sofa"]
    assert sofa[0] <= (cat[0] + cat[2]) / 2 <= sofa[2] and cat[3] < sofa[3]  # on it, not beside it
    _, placed = shows("a bowl of ramen with chopsticks on a wooden table", ["ramen", "chopsticks"])
    assert overlap(placed["ramen"], placed["chopsticks"]) > 0.2  # resting across the bowl


@pytest.mark.parametrize("prompt, expected", [
    ("two foxes and a puppy", [("fox", 2), ("puppy", 1)]), ("kittens", [("cat", 3)]),
    ("a hot air balloon over a palm tree", [("hotairballoon", 1), ("palm", 1)]), ("ice cream", [("icecream", 1)]),
    ("a cup of coffee", [("coffee", 1)]), ("a woman with an umbrella", [("woman", 1), ("umbrella", 1)]),
    ("people in the street", [("crowd", 1)]), ("butterflies", [("butterfly", 3)]),
    ("an orange cat", [("cat", 1)]), ("a bowl of noodles", [("ramen", 1)]), ("a paper boat", [("boat", 1)]),
    ("a glass vase", [("vase", 1)]), ("an artist painting", [("artist", 1)]),
    ("a watercolor painting of a fox", [("fox", 1)]), ("a fox in the style of a studio", [("fox", 1)]),
    ("an abstract dream of syntax", []),
])
def test_synonyms_plurals_and_phrases(prompt, expected):
    assert [(kind, count) for kind, count, _ in read(prompt).subjects] == expected


def test_a_colour_word_colours_its_subject():
    red = compose("a red car", 0, (256, 256))
    blue = compose("a blue car", 0, (256, 256))
    r1, _, b1 = ImageStat.Stat(red.image.crop(red.placed[0].box)).mean
    r2, _, b2 = ImageStat.Stat(blue.image.crop(blue.placed[0].box)).mean
    assert r1 - b1 > r2 - b2 + 30
    assert read("an orange and a banana").units[1].colour is None  # "orange" there is the fruit


def test_nothing_the_prompt_did_not_ask_for_is_added():
    # A subject changes only its own area (and its shadow): no kites, balloons or flags elsewhere.
    size = (512, 512)
    with_dog, park = compose("a dog in a park", 0, size), compose("a park", 0, size)
    assert [p.kind for p in with_dog.placed] == ["dog"] and park.placed == []
    box = grow(with_dog.placed[0].box, 16, size)
    outside = Image.new("L", size, 255)
    ImageDraw.Draw(outside).rectangle(box, fill=0)
    assert ImageChops.difference(with_dog.image, park.image).getbbox() is not None
    changed = Image.composite(ImageChops.difference(with_dog.image, park.image), Image.new("RGB", size), outside)
    assert changed.getbbox() is None


# -- what it cannot draw ----------------------------------------------------------------------------------

@pytest.mark.parametrize("prompt, missing", [
    ("a bowl of zorblax with chopsticks", ["zorblax"]),
    ("a quokka and a narwhal on a trampoline", ["quokka", "narwhal", "trampoline"]),
    ("a cat", []), ("a woman riding a bicycle in the park at sunset", []),
    ("a cat, ultra detailed masterpiece, 8k, cinematic lighting, trending on artstation", []),
    ("a red fox in a snowy forest [seconds:3]", []), ("", []),
    ("a fox in the style of Studio Ghibli", []), ("a family eating dinner together", []),  # no things to draw
    ("portrait of a woman with red hair", []), ("a birthday party with balloons and cake", []),
    ("a cat, a dog, a horse and a pig", ["pig"]),  # a fourth group has no room
])
def test_not_drawn_names_the_nouns_the_picture_leaves_out(prompt, missing):
    assert not_drawn(prompt) == missing


def test_the_note_for_the_card_and_the_text_chunk_say_what_was_left_out():
    assert demo_note("a bowl of zorblax") == "Not drawn in demo mode: zorblax"
    assert demo_note("a bowl of ramen") is None
    assert chunks("a quokka on a sofa", size="1:1")["Not drawn"] == "quokka"
    assert "Not drawn" not in chunks("a cat on a sofa", size="1:1")


def test_a_prompt_with_only_unknown_nouns_draws_a_labelled_stand_in_not_an_empty_scene():
    unknown = compose("a bowl of zorblax", 0, (256, 256))
    assert [p.kind for p in unknown.placed] == ["crate"]
    assert changed_share(unknown.image, compose("", 0, (256, 256)).image, 20) > 0.05
    assert compose("a bowl of zorblax", 0, (256, 256)).image.tobytes() != compose(
        "a bowl of quokka", 0, (256, 256)).image.tobytes()  # the tag names the word


THE_ISSUE = [("a bowl of ramen with chopsticks on a wooden table", ["ramen", "chopsticks"]),
             ("a laptop and a smartphone on a desk", ["laptop", "phone"]),
             ("a grandmother reading a book by the window", ["grandmother", "book"]),
             ("a giraffe and a zebra", ["giraffe", "zebra"]), ("a coffee and a croissant", ["coffee", "croissant"]),
             ("a woman riding a bicycle", ["woman", "bicycle"])]


@pytest.mark.parametrize("look", LOOKS)
@pytest.mark.parametrize("prompt, kinds", THE_ISSUE)
def test_the_prompts_of_issue_26_show_what_they_name_in_every_look(prompt, kinds, look):
    shows(prompt, kinds, style=look)
    assert not not_drawn(prompt)


@pytest.mark.parametrize("word, region", [("night", "sky"), ("sunset", "sky"), ("sunrise", "sky"), ("noon", "sky"),
                                          ("rain", "all"), ("snow", "all"), ("fog", "all"), ("storm", "all"),
                                          ("lightning", "sky"), ("rainbow", "sky"), ("clouds", "sky")])
def test_times_of_day_and_weather_change_the_picture(word, region):
    drawn, without = compose(f"a field, {word}", 0, (256, 256)), compose("a field", 0, (256, 256))
    box = (0, 0, 256, drawn.horizon) if region == "sky" else (0, 0, 256, 256)
    assert difference(drawn.image.crop(box), without.image.crop(box)) > 6, word


def test_night_is_dark_and_sunset_is_warm():
    def top(image):
        return sum(ImageStat.Stat(image.crop((0, 0, image.width, image.height // 4))).mean)

    night, noon, sunset = picture("a field at night"), picture("a field at noon"), picture("a field at sunset")
    assert top(night) < top(noon) / 2
    low_sky = ImageStat.Stat(sunset.crop((0, 560, 1024, 600))).mean
    assert low_sky[0] > low_sky[2] + 40


# -- variants and looks -----------------------------------------------------------------------------------

@pytest.mark.parametrize("prompt", ["a cat in a forest by the lake", "a lighthouse at sunset", "a cup of coffee",
                                    "a hot air balloon", "a woman riding a bicycle"])
def test_variants_of_one_prompt_differ_visibly(prompt):
    variants = [picture(prompt, i, nVariants=4).resize((256, 256)) for i in range(4)]
    for i in range(4):
        for j in range(i + 1, 4):
            assert changed_share(variants[i], variants[j]) > 0.2, (prompt, i, j)


def edges(image: Image.Image) -> Image.Image:
    """Where the picture's shapes are: its outlines, whatever their colours."""
    grey = image.convert("L").resize((256, 256))
    return grey.filter(ImageFilter.FIND_EDGES).point(lambda v: 255 if v > 24 else 0).convert("1")


def edge_change(a: Image.Image, b: Image.Image) -> float:
    """The share of the two pictures' outlines that are not where the other's are."""
    ea, eb = edges(a), edges(b)
    apart = ImageStat.Stat(ImageChops.logical_xor(ea, eb).convert("L")).sum[0]
    either = ImageStat.Stat(ImageChops.logical_or(ea, eb).convert("L")).sum[0]
    return apart / max(1.0, either)


@pytest.mark.parametrize("prompt", ["a woman riding a bicycle in the park", "a cup of coffee",
                                    "a red fox in a snowy forest", "a giraffe and a zebra"])
def test_every_models_look_differs_in_composition_line_and_detail_not_only_in_colour(prompt):
    looks = list(STYLES)
    pictures = {look: compose(prompt, 0, (512, 512), style=look).image for look in looks}
    base = pictures["gpt-4o-image"]
    # A filter (another colour grade of the same drawing) moves few outlines: the measure can tell the two apart.
    recoloured = base.point(lambda v: int(v * 0.7 + 40))
    swapped = Image.merge("RGB", base.split()[::-1])
    assert edge_change(base, recoloured) < 0.2 and edge_change(base, swapped) < 0.2
    for i, a in enumerate(looks):
        for b in looks[i + 1:]:
            assert edge_change(pictures[a], pictures[b]) > 0.3, (prompt, a, b)
            assert changed_share(pictures[a], pictures[b]) > 0.12, (prompt, a, b)


def test_looks_differ_in_where_the_subject_stands_and_how_large_it_is():
    boxes = {look: compose("a red fox", 0, (512, 512), style=look).placed[0].box for look in STYLES}
    heights = {look: box[3] - box[1] for look, box in boxes.items()}
    assert heights["gpt-image-2"] > heights["gpt-4o-image"] * 1.15  # close up
    assert heights["nano-banana-pro"] < heights["gpt-4o-image"] * 0.85  # wide
    assert len(set(boxes.values())) >= 6


def test_model_names_pick_their_look_by_id_market_name_or_family_and_unknown_models_the_default():
    def look(model):
        return chunks("a dog", size="1:1", model=model)["Model look"]

    assert look("gpt-image-2-text-to-image") == "gpt-image-2" and look("nano-banana-pro") == "nano-banana-pro"
    assert look("seedream/4.5-edit") == "seedream-4.5" and look("something-else") == "gpt-4o-image"
    for model, name in (("google/nano-banana", "nano-banana"), ("google/nano-banana-edit", "nano-banana"),
                        ("bytedance/seedream-v4-text-to-image", "seedream-4.0"), ("midjourney", "midjourney"),
                        ("bytedance/seedream-v4-edit", "seedream-4.0"), ("seedream-4.0", "seedream-4.0"),
                        ("seedream-4.5", "seedream-4.5"), ("flux-2/pro-text-to-image", "flux"),
                        ("flux-kontext-pro", "flux-kontext"), ("flux-kontext-max", "flux-kontext"),
                        ("google/imagen4-ultra", "imagen"), ("qwen/image-edit", "qwen"), ("", "gpt-4o-image")):
        assert look_for(model).name == name, model
    assert picture("a dog").tobytes() == picture("a dog", model="gpt-4o-image").tobytes()


def test_models_of_one_maker_that_differ_have_looks_of_their_own():
    """Flux Kontext and Flux 2, Seedream 4.0 and 4.5 (as the catalogue names them and as their APIs name them)
    draw different pictures: another camera, not another colour grade."""
    from kie import catalog

    for a, b in (("flux-kontext-max", "flux-2-pro"), ("seedream-4.0", "seedream-4.5")):
        ends = [look_for(catalog.get(m).upstream).name for m in (a, b)]
        assert look_for(a).name != look_for(b).name and ends == [look_for(a).name, look_for(b).name]
        pictures = [compose("a red fox in a forest", 0, (512, 512), style=m).image for m in (a, b)]
        assert edge_change(*pictures) > 0.3 and changed_share(*pictures) > 0.12, (a, b)
    assert len({look_for(m.id).name for m in catalog.image_models()}) >= 11  # 15 models, 11 looks at least


def test_the_tilted_camera_turns_the_scene_and_keeps_what_it_names_in_the_frame():
    level = compose("a giraffe and a zebra", 0, (512, 512), style="gpt-4o-image")
    tilted = [compose("a giraffe and a zebra", i, (512, 512), style="seedream-4.0") for i in (0, 1)]
    assert all(t.image.size == (512, 512) and sorted(t.drawn()) == sorted(level.drawn()) for t in tilted)
    for picture in tilted:
        for placed in picture.placed:
            x0, y0, x1, y1 = placed.box
            assert 0 <= x0 < x1 <= 512 and 0 <= y0 < y1 <= 512 and (x1 - x0) * (y1 - y0) > 512 * 512 * 0.02

    def horizon_slope(prompt: str, index: int) -> int:
        """How much lower the ground starts on the left than on the right (the first row where green beats blue)."""
        image = compose(prompt, index, (512, 512), style="seedream-4.0").image

        def meets(x: int) -> int:
            return next(y for y in range(512) if image.getpixel((x, y))[1] > image.getpixel((x, y))[2] + 20)
        return meets(40) - meets(470)

    # turned 7 degrees: the horizon drops about 53 px (tan 7° x 430 px) across, one way or the other; level it is 0
    assert horizon_slope("a green field", 0) > 30 and horizon_slope("a green field", 1) < -30


def test_the_arch_frames_the_scene_and_keeps_its_subjects_inside_the_opening():
    picture = compose("a giraffe and a zebra", 0, (512, 512), style="flux-kontext-pro")
    corners = [picture.image.getpixel(xy) for xy in ((3, 3), (508, 3), (3, 508), (508, 508))]
    assert max(corners) == min(corners)  # the plaster wall in front, one colour in every corner
    assert picture.drawn() == ["giraffe", "zebra"]
    assert all(0.13 * 512 <= p.box[0] and p.box[2] <= 0.87 * 512 for p in picture.placed)


# -- edits ------------------------------------------------------------------------------------------------

def source_and_mask(size=(700, 500)) -> tuple[Image.Image, Image.Image]:
    source = render_scene("a city skyline at night", 0, size)
    mask = Image.new("L", size, 255)
    draw = ImageDraw.Draw(mask)
    draw.ellipse((80, 150, 380, 450), fill=0)
    draw.line([(450, 40), (650, 300)], fill=0, width=30)
    return source, mask


def painted_of(mask: Image.Image) -> Image.Image:
    return mask.convert("L").point(lambda v: 255 if v < 128 else 0)


def outside_unchanged(source: Image.Image, edited: Image.Image, mask: Image.Image) -> bool:
    diff = Image.composite(Image.new("RGB", source.size), ImageChops.difference(source, edited), painted_of(mask))
    return diff.getbbox() is None


@pytest.mark.parametrize("look", LOOKS)
def test_an_edit_keeps_every_pixel_outside_the_mask_and_paints_new_content_inside(look):
    source, mask = source_and_mask()
    edited = edit_composite(source, mask, "add a cat", 0, style=look)
    assert edited.size == source.size and outside_unchanged(source, edited, mask)
    inside = ImageChops.difference(source, edited).convert("L").point(lambda v: 255 if v > 24 else 0)
    assert ImageStat.Stat(inside, mask=painted_of(mask)).mean[0] / 255 > 0.3  # visibly new


def subject_mask(prompt: str, size=(512, 512)) -> tuple[Image.Image, Image.Image, tuple]:
    drawn = compose(prompt, 0, size)
    box = grow(drawn.placed[0].box, 24, size)
    mask = Image.new("L", size, 255)
    ImageDraw.Draw(mask).ellipse(box, fill=0)
    return drawn.image, mask, box


def test_the_cat_becomes_a_small_dog_draws_a_dog_where_the_cat_was():
    source, mask, box = subject_mask("a cat in a meadow")
    dog = edit_composite(source, mask, "the cat becomes a small dog", 0)
    removed = edit_composite(source, mask, "remove the cat", 0)
    horse = edit_composite(source, mask, "make it a horse", 0)
    assert outside_unchanged(source, dog, mask) and outside_unchanged(source, removed, mask)
    assert difference(dog.crop(box), source.crop(box)) > 10  # the cat is gone
    assert changed_share(dog.crop(box), removed.crop(box), 20) > 0.15  # something stands there: a dog...
    assert changed_share(dog.crop(box), horse.crop(box), 20) > 0.1  # ...not any animal
    # "remove" leaves the surroundings carrying on: the area is close to the plain meadow
    meadow = compose("a meadow", 0, (512, 512)).image
    assert difference(removed.crop(box), meadow.crop(box)) < difference(source.crop(box), meadow.crop(box)) / 2


def test_add_a_moon_puts_a_pale_disc_in_the_painted_sky():
    source = compose("a lighthouse on the coast at night", 0, (512, 512)).image
    mask = Image.new("L", source.size, 255)
    ImageDraw.Draw(mask).ellipse((60, 40, 200, 170), fill=0)
    edited = edit_composite(source, mask, "add a moon", 0)
    assert outside_unchanged(source, edited, mask)
    pale = edited.crop((60, 40, 200, 170)).convert("L").point(lambda v: 255 if v > 200 else 0)
    assert ImageStat.Stat(pale).mean[0] / 255 > 0.15


def test_an_edit_draws_what_it_names_as_a_group():
    source, mask, box = subject_mask("a house in a field")
    rider = edit_composite(source, mask, "add a woman riding a bicycle", 0)
    walker = edit_composite(source, mask, "add a woman", 0)
    assert outside_unchanged(source, rider, mask)
    assert changed_share(rider.crop(box), walker.crop(box), 20) > 0.05  # her bicycle is there too


def test_edits_leave_no_dark_ovals():
    for prompt, edit in [("a house in a field", "make it a castle"), ("a dog in a park", "remove the dog"),
                         ("a sailboat on the lake", "add a duck")]:
        source, mask, box = subject_mask(prompt)
        edited = edit_composite(source, mask, edit, 0)
        ring = Image.new("L", source.size, 0)
        ImageDraw.Draw(ring).ellipse(grow(box, 30, source.size), fill=255)
        ring.paste(0, box)
        inside = ImageStat.Stat(edited.convert("L"), mask=painted_of(mask)).mean[0]
        around = ImageStat.Stat(edited.convert("L"), mask=ring).mean[0]
        assert inside > around * 0.7, (prompt, edit, inside, around)


@pytest.mark.parametrize("prompt, kind", [("make it a dog", "dog"), ("the cat becomes a small dog", "dog"),
                                          ("replace the house with a castle", "castle"), ("add a moon", None),
                                          ("turn the car into a bicycle", "bicycle")])
def test_an_edit_reads_what_the_area_becomes(prompt, kind):
    target = edit_target(prompt)
    if kind:
        assert target.subjects[0][0] == kind
    else:
        assert "moon" in target.sky and not target.subjects


def test_render_result_is_the_composite_resized_and_honours_the_mask_over_http(sim_server):
    source, mask = source_and_mask((1024, 1024))  # at the output size the final resize changes nothing
    urls = []
    for name, image in (("source.png", source), ("mask.png", mask)):
        answer = requests.post(sim_server.url + "/api/file-stream-upload", headers=AUTH, timeout=5,
                               files={"file": (name, png(image), "image/png")}, data={"uploadPath": "t"}).json()
        urls.append(answer["data"]["downloadUrl"])
    body = {"prompt": "a cat", "size": "1:1", "filesUrl": [urls[0]], "maskUrl": urls[1]}
    task_id = requests.post(sim_server.url + "/api/v1/gpt4o-image/generate", json=body, headers=AUTH,
                            timeout=5).json()["data"]["taskId"]
    sim_server.simulator.state.tasks[task_id].created -= 60  # finished
    result = Image.open(io.BytesIO(requests.get(f"{sim_server.url}/files/results/{task_id}/0.png",
                                                timeout=10).content)).convert("RGB")
    assert result.tobytes() == edit_composite(source, mask, "a cat", 0).tobytes()
    assert outside_unchanged(source, result, mask)


def test_edits_survive_odd_inputs():
    source, mask = source_and_mask()
    tiny = Image.new("L", source.size, 255)
    tiny.putpixel((10, 10), 0)
    assert ImageChops.difference(edit_composite(source, tiny, "x", 0), source).getbbox() in (None, (10, 10, 11, 11))
    assert edit_composite(source, Image.new("L", source.size, 255), "x", 0).tobytes() == source.tobytes()
    resized = edit_composite(source, mask.resize((350, 250)), "x", 0)  # a mask of another size: fitted, no crash
    assert resized.size == source.size
    edge = Image.new("L", source.size, 255)
    ImageDraw.Draw(edge).rectangle((0, 0, 120, 499), fill=0)  # an area touching the picture's border
    assert outside_unchanged(source, edit_composite(source, edge, "add a tree", 1), edge)
    files = {"s": b"not an image", "m": png(mask)}
    broken = picture("a forest", filesUrl=["s"], maskUrl="m", fetch=files.get)
    assert broken.tobytes() == picture("a forest").tobytes()  # unreadable source: the plain scene


def test_an_instruction_with_a_picture_and_no_mask_changes_the_middle_and_keeps_the_rest():
    source = compose("a cat in a meadow", 0, (1024, 1024)).image
    edited = picture("make it a dog", filesUrl=["s"], fetch={"s": png(source)}.get, model="nano-banana-pro",
                     aspect_ratio="1:1")
    border = Image.new("L", (1024, 1024), 255)
    ImageDraw.Draw(border).rectangle((205, 205, 819, 942), fill=0)  # the middle, a little wider than the area
    assert Image.composite(ImageChops.difference(source, edited), Image.new("RGB", source.size),
                           border).getbbox() is None
    assert difference(source.crop((300, 300, 720, 900)), edited.crop((300, 300, 720, 900))) > 10


def test_only_change_words_make_a_prompt_with_a_picture_an_instruction():
    assert is_instruction("add a moon") and is_instruction("the cat becomes a small dog")
    assert is_instruction("make it a dog") and is_instruction("remove the car")
    assert not is_instruction("a cat with a hat in the style of this picture")


def test_a_reference_image_washes_its_colours_over_the_scene():
    red = png(Image.new("RGB", (300, 200), (230, 20, 20)))
    washed = picture("a forest at noon", filesUrl=["r"], fetch={"r": red}.get)
    plain = picture("a forest at noon")
    assert difference(washed, plain) > 20
    r, g, b = ImageStat.Stat(washed).mean
    assert r > ImageStat.Stat(plain).mean[0] + 30 and r > g and r > b


# -- tools ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("look", LOOKS)
def test_remove_background_makes_the_corners_transparent_and_keeps_the_subject(look):
    for prompt in ["a dog in a park", "a lighthouse on a rocky coast at sunset", "a cup of coffee", "a castle"]:
        content = render_result({"prompt": prompt, "size": "1:1", "model": look}, 0, lambda url: None)
        cut = Image.open(io.BytesIO(remove_background(content)))
        assert cut.mode == "RGBA" and cut.size == (1024, 1024)
        alpha = cut.getchannel("A")
        for corner in ((0, 0), (1023, 0), (0, 1023), (1023, 1023)):
            assert alpha.getpixel(corner) == 0, (prompt, look, corner)
        box = compose(prompt, 0, (1024, 1024), style=look).placed[0].box
        assert ImageStat.Stat(alpha.crop(box)).mean[0] > 60, (prompt, look)
        assert ImageStat.Stat(alpha).mean[0] < 160  # most of the picture is background


def test_remove_background_on_a_plain_photo_like_picture():
    image = Image.new("RGB", (400, 300), (240, 240, 235))
    ImageDraw.Draw(image).ellipse((120, 80, 280, 240), fill=(200, 40, 40))
    alpha = Image.open(io.BytesIO(remove_background(png(image)))).getchannel("A")
    assert alpha.getpixel((5, 5)) == 0 and alpha.getpixel((200, 160)) == 255


def test_upscale_is_a_real_resize_and_keeps_transparency():
    content = render_result({"prompt": "a fox", "aspect_ratio": "16:9"}, 0, lambda url: None)
    bigger = Image.open(io.BytesIO(upscale(content, 2)))
    assert bigger.size == (2048, 1152) and bigger.text["Requested factor"] == "2"
    small = Image.open(io.BytesIO(content)).convert("RGB")
    assert difference(bigger.convert("RGB").resize(small.size, Image.Resampling.BOX), small) < 4
    cut = remove_background(content)
    assert Image.open(io.BytesIO(upscale(cut, 2))).mode == "RGBA"
    with pytest.raises(ValueError):
        upscale(b"not a picture", 2)


def test_the_contact_sheet_is_drawn_from_its_prompt_file_by_one_command(tmp_path, capsys):
    from kie.simulator import contact_sheet

    prompts = tmp_path / "prompts.txt"
    prompts.write_text("# notes are skipped\na coffee and a croissant\n\na bowl of zorblax\na cat\n", encoding="utf-8")
    out = tmp_path / "sheet.png"
    assert contact_sheet.main([str(out), "--prompts", str(prompts)]) == 0
    cell = contact_sheet.TILE + contact_sheet.GAP
    assert Image.open(out).size == (contact_sheet.COLUMNS * cell + contact_sheet.GAP, contact_sheet.HEADER +
                                    contact_sheet.TILE + contact_sheet.LABEL + 2 * contact_sheet.GAP)
    assert Image.open(tmp_path / "sheet-looks.png").size[0] > Image.open(out).size[0] // 2
    said = capsys.readouterr().out
    assert "3 prompts, 3 of 4 subjects drawn" in said and "not drawn: zorblax" in said
    counted = contact_sheet.tile("a coffee and a croissant", 0)
    assert counted.count == "2 of 2 drawn" and counted.missing == []
    assert contact_sheet.main([str(out), "--prompts", str(tmp_path / "missing.txt")]) == 2


def test_the_docs_prompt_file_has_48_everyday_prompts_a_third_with_two_subjects():
    from kie.simulator import contact_sheet

    prompts = contact_sheet.prompts_from(contact_sheet.PROMPTS_FILE)
    assert len(prompts) == 48 and len(set(prompts)) == 48
    assert sum(1 for prompt in prompts if len(read(prompt).subjects) >= 2) >= 16


@pytest.mark.parametrize("field", ["input_urls", "image_input", "image_urls", "filesUrl"])
def test_every_market_field_for_input_pictures_is_read(field):
    source = compose("a house in a field", 0, (1024, 1024)).image
    fetch = {"s": png(source)}.get
    edited = picture("add a moon", aspect_ratio="1:1", fetch=fetch, **{field: ["s"]})
    plain = picture("add a moon", aspect_ratio="1:1")
    corner = (0, 0, 150, 150)  # outside the middle, where an instruction changes nothing
    assert difference(edited.crop(corner), source.crop(corner)) == 0
    assert difference(plain.crop(corner), source.crop(corner)) > 0


@pytest.mark.parametrize("aspect", ["1:1", "16:9", "9:16"])
def test_a_market_models_picture_keeps_its_text_chunks(aspect):
    """What the Market API returns says what it is, as the 4o pictures do: prompt, 'Simulated', the size asked."""
    from kie.simulator import market

    body = {"model": "gpt-image-2-text-to-image", "input": {"prompt": "a red fox", "aspect_ratio": aspect}}
    png = market.render(body, lambda url: None)
    with Image.open(io.BytesIO(png)) as picture:
        assert picture.text["Simulated"] == "true" and picture.text["Title"] == "a red fox"
        assert picture.text["Requested size"].startswith(aspect)
    jpeg = market.render({"model": "gpt-image-2-text-to-image", "input": {"prompt": "a red fox", "aspect_ratio": aspect,
                                                                          "output_format": "jpg"}}, lambda url: None)
    with Image.open(io.BytesIO(jpeg)) as picture:
        assert picture.format == "JPEG" and b"Simulated: true" in picture.info["comment"]
