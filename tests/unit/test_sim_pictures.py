"""The simulator's pictures: what the prompt names is drawn, nothing else; no caption; variants and model looks
differ visibly; edits keep every pixel outside the painted area; the Market tools upscale and cut out."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys

import pytest
import requests
from PIL import Image, ImageChops, ImageDraw, ImageStat

from kie.simulator import edit_composite, render_result, render_scene
from kie.simulator.art.compose import compose
from kie.simulator.art.subjects import SUBJECTS
from kie.simulator.art.vocab import edit_target, read
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

def test_the_vocabulary_has_at_least_sixty_subjects_in_every_group():
    assert len(SUBJECTS) >= 60
    for group in (["cat", "dog", "fox", "bird", "horse", "fish", "owl", "rabbit", "bear", "deer", "elephant",
                   "butterfly"], ["house", "lighthouse", "castle", "tower", "bridge", "barn", "skyscraper"],
                  ["car", "bicycle", "boat", "ship", "train", "plane", "balloon", "rocket"],
                  ["tree", "pine", "palm", "flower", "sunflower", "cactus", "mushroom"],
                  ["apple", "cake", "coffee", "pizza"],
                  ["umbrella", "lamp", "chair", "book", "clock", "guitar", "kite"],
                  ["person", "child", "couple"]):
        assert set(group) <= set(SUBJECTS), set(group) - set(SUBJECTS)


@pytest.mark.parametrize("kind", sorted(SUBJECTS))
def test_each_subject_is_drawn_where_the_picture_says_it_is(kind):
    size = (256, 256)
    word = {"coffee": "coffee cup", "icecream": "ice cream"}.get(kind, kind)
    drawn = compose(f"a {word}", 0, size)
    without = compose("a", 0, size)  # the same prompt without the word
    assert [p.kind for p in drawn.placed] == [kind] and without.placed == []
    box = drawn.placed[0].box
    area = (box[2] - box[0]) * (box[3] - box[1]) / (size[0] * size[1])
    assert area > 0.04, f"{kind} is too small to see ({area:.1%})"
    assert changed_share(drawn.image.crop(box), without.image.crop(box), 20) > 0.1, kind


def test_subjects_look_different_from_each_other():
    crops = {}
    for kind in SUBJECTS:
        drawn = compose(f"a {kind}", 0, (256, 256))
        crops[kind] = drawn.image.crop(drawn.placed[0].box).resize((32, 32))
    kinds = sorted(crops)
    for i, a in enumerate(kinds):
        for b in kinds[i + 1:]:
            assert difference(crops[a], crops[b]) > 6, (a, b)


@pytest.mark.parametrize("prompt, expected", [
    ("two foxes and a puppy", [("fox", 2), ("dog", 1)]), ("kittens", [("cat", 3)]),
    ("a hot air balloon over a palm tree", [("balloon", 1), ("palm", 1)]), ("ice cream", [("icecream", 1)]),
    ("a cup of coffee", [("coffee", 1)]), ("a woman with an umbrella", [("person", 1), ("umbrella", 1)]),
    ("people in the street", [("crowd", 1)]), ("butterflies", [("butterfly", 3)]),
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


def test_nothing_the_prompt_did_not_ask_for_is_added():
    # A subject changes only its own area (and its shadow): no kites, balloons or flags elsewhere.
    size = (512, 512)
    with_dog, park = compose("a dog in a park", 0, size), compose("a park", 0, size)
    assert [p.kind for p in with_dog.placed] == ["dog"] and park.placed == []
    box = grow(with_dog.placed[0].box, 16, size)
    outside = Image.new("L", size, 255)
    ImageDraw.Draw(outside).rectangle(box, fill=0)
    assert ImageChops.difference(with_dog.image, park.image).convert("L").point(
        lambda v: 255 if v else 0).crop((0, 0) + size).getbbox() is not None
    changed = Image.composite(ImageChops.difference(with_dog.image, park.image), Image.new("RGB", size), outside)
    assert changed.getbbox() is None
    # Words nobody taught it draw nothing but the neutral scene.
    assert compose("quantum syntax of a dream", 0, size).image.tobytes() == compose("", 0, size).image.tobytes()


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
                                    "a hot air balloon"])
def test_variants_of_one_prompt_differ_visibly(prompt):
    variants = [picture(prompt, i, nVariants=4).resize((256, 256)) for i in range(4)]
    for i in range(4):
        for j in range(i + 1, 4):
            assert changed_share(variants[i], variants[j]) > 0.2, (prompt, i, j)


def test_the_four_model_looks_draw_the_same_subject_visibly_differently():
    pictures = {look: compose("a red fox in a snowy forest", 0, (512, 512), style=look) for look in LOOKS}
    boxes = {look: p.placed[0].box for look, p in pictures.items()}
    assert len(set(boxes.values())) == 1  # the same composition
    for i, a in enumerate(LOOKS):
        for b in LOOKS[i + 1:]:
            assert difference(pictures[a].image, pictures[b].image) > 5, (a, b)
            assert changed_share(pictures[a].image, pictures[b].image) > 0.3, (a, b)


def test_market_model_names_pick_their_look_and_unknown_models_the_default():
    def look(model):
        return chunks("a dog", size="1:1", model=model)["Model look"]

    assert look("gpt-image-2-text-to-image") == "gpt-image-2" and look("nano-banana-pro") == "nano-banana-pro"
    assert look("seedream/4.5-edit") == "seedream-4.5" and look("something-else") == "gpt-4o-image"
    assert picture("a dog").tobytes() == picture("a dog", model="gpt-4o-image").tobytes()


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


def test_the_contact_sheet_draws_24_tiles_with_the_edit_pair_and_the_four_looks(tmp_path):
    from kie.simulator import contact_sheet

    items = contact_sheet.tiles()
    assert len(items) == 24
    assert [second for _, _, second in items[-4:]] == ["GPT-4o Image", "GPT Image 2", "Nano Banana Pro", "Seedream 4.5"]
    before, after = items[18][0], items[19][0]
    assert difference(before, after) > 2  # the edit changed something...
    assert contact_sheet.main([str(tmp_path / "sheet.png")]) == 0
    assert Image.open(tmp_path / "sheet.png").size == (6 * 310 + 10, 4 * 356 + 10)


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
