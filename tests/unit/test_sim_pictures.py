"""The simulator's pictures: deterministic scenes from the prompt's words, edits that keep the unmasked pixels."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys

import numpy as np  # streamlit's dependency; counts pixels fast
import pytest
import requests
from PIL import Image, ImageChops, ImageDraw, ImageStat

from kie.simulator import edit_composite, render_result, render_scene
from kie.simulator.scene import draw_scene
from tests.conftest import ROOT, TEST_KEY

AUTH = {"Authorization": f"Bearer {TEST_KEY}"}


def picture(prompt: str, index: int = 0, size: str = "1:1", fetch=lambda url: None, **params) -> Image.Image:
    png = render_result({"prompt": prompt, "size": size, **params}, index, fetch)
    return Image.open(io.BytesIO(png)).convert("RGB")


def difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference per channel, 0..255."""
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_the_same_prompt_and_index_give_the_same_bytes_even_in_another_process():
    params = {"prompt": "a cat by the lake at sunset", "size": "3:2", "nVariants": 2}
    here = render_result(params, 1, lambda url: None)
    assert render_result(params, 1, lambda url: None) == here
    code = ("import hashlib; from kie.simulator import render_result; "
            f"print(hashlib.sha256(render_result({params!r}, 1, lambda url: None)).hexdigest())")
    other = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                           env={"PYTHONHASHSEED": "12345", "PATH": "/usr/bin:/bin"}, check=True)
    assert other.stdout.strip() == hashlib.sha256(here).hexdigest()


@pytest.mark.parametrize("size, pixels", [("1:1", (1024, 1024)), ("3:2", (1536, 1024)), ("2:3", (1024, 1536))])
def test_pictures_have_the_size_the_task_asked_for(size, pixels):
    assert picture("a forest", size=size).size == pixels


def test_different_prompts_give_clearly_different_pictures():
    prompts = ["a city skyline at night", "snowy mountains", "a sailboat on the ocean", "a desert", "a red balloon"]
    pictures = [picture(p) for p in prompts]
    for i in range(len(pictures)):
        for j in range(i + 1, len(pictures)):
            assert difference(pictures[i], pictures[j]) > 8, (prompts[i], prompts[j])


def test_variants_of_one_prompt_differ_a_little():
    for prompt in ["a cat in a forest by the lake", "a city at night", "mountains"]:
        first, second = picture(prompt, 0, nVariants=4), picture(prompt, 1, nVariants=4)
        other = picture(prompt + " in the desert at noon", 0)
        assert 0 < difference(first, second) < difference(first, other), prompt


def test_words_choose_the_scene():
    def top(image):  # the upper sky
        return ImageStat.Stat(image.crop((0, 0, image.width, image.height // 4))).mean

    night, day, sunset = picture("a field at night"), picture("a field at noon"), picture("a field at sunset")
    assert sum(top(night)) < sum(top(day)) / 2
    low_sky = ImageStat.Stat(sunset.crop((0, 480, 1024, 540))).mean
    assert low_sky[0] > low_sky[2] + 40  # a warm horizon
    city = picture("a city at night")
    def lit_windows(image):
        r, g, b = np.asarray(image, dtype=int).transpose(2, 0, 1)
        return int(((r > 230) & (g > 190) & (g < 230) & (b < 150)).sum())

    assert lit_windows(city) > 2000 and lit_windows(picture("a field at night")) < lit_windows(city) / 10

    def blue_below_horizon(image):
        r, _, b = np.asarray(image.crop((0, 700, image.width, 800)), dtype=int).transpose(2, 0, 1)
        return int((b > r + 30).sum())

    assert blue_below_horizon(picture("the sea at noon")) > 30_000 > blue_below_horizon(picture("a desert at noon"))
    with_cat = picture("a meadow with a cat at noon")
    assert difference(with_cat, picture("a meadow at noon")) > 0  # the cat is there and the rest of the plan held


def test_the_caption_is_a_small_band_at_the_bottom():
    scene = draw_scene("a lighthouse on the coast", 0, (1024, 1024))
    captioned = render_scene("a lighthouse on the coast", 0, (1024, 1024), "demo · 1/1")
    changed = ImageChops.difference(scene, captioned).getbbox()
    assert changed is not None and changed[1] >= 1024 * 0.94 and changed[3] == 1024  # only the bottom 6 %
    band = ImageStat.Stat(captioned.crop((0, changed[1], 1024, 1024))).mean
    assert sum(band) < sum(ImageStat.Stat(scene.crop((0, changed[1], 1024, 1024))).mean)  # darker: translucent


def source_and_mask(size=(700, 500)) -> tuple[Image.Image, Image.Image]:
    source = render_scene("a city skyline at night", 0, size)
    mask = Image.new("L", size, 255)
    draw = ImageDraw.Draw(mask)
    draw.ellipse((80, 150, 380, 450), fill=0)
    draw.line([(450, 40), (650, 300)], fill=0, width=30)
    return source, mask


def test_an_edit_keeps_every_pixel_outside_the_mask_and_paints_new_content_inside():
    source, mask = source_and_mask()
    edited = edit_composite(source, mask, "a cat in a forest", 0)
    assert edited.size == source.size
    black = mask.point(lambda v: 255 if v < 128 else 0)
    outside = Image.composite(Image.new("RGB", source.size), ImageChops.difference(source, edited), black)
    assert outside.getbbox() is None  # pixel-exact where the mask is white
    inside = ImageChops.difference(source, edited).convert("L").point(lambda v: 255 if v > 24 else 0)
    changed = ImageStat.Stat(inside, mask=black).mean[0] / 255
    assert changed > 0.6  # most of the black area is visibly new


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
    black = mask.point(lambda v: 255 if v < 128 else 0)
    assert Image.composite(Image.new("RGB", source.size), ImageChops.difference(source, result), black).getbbox() \
        is None


def test_edits_survive_odd_inputs():
    source, mask = source_and_mask()
    tiny = Image.new("L", source.size, 255)
    tiny.putpixel((10, 10), 0)
    assert ImageChops.difference(edit_composite(source, tiny, "x", 0), source).getbbox() in (None, (10, 10, 11, 11))
    assert edit_composite(source, Image.new("L", source.size, 255), "x", 0).tobytes() == source.tobytes()
    resized = edit_composite(source, mask.resize((350, 250)), "x", 0)  # a mask of another size: fitted, no crash
    assert resized.size == source.size
    files = {"s": b"not an image", "m": png(mask)}
    broken = picture("a forest", filesUrl=["s"], maskUrl="m", fetch=files.get)
    assert broken.tobytes() == picture("a forest").tobytes()  # unreadable source: the plain scene


def test_a_reference_image_is_blended_into_the_scene():
    red = png(Image.new("RGB", (300, 200), (230, 20, 20)))
    blended = picture("a forest at noon", filesUrl=["r"], fetch={"r": red}.get)
    plain = picture("a forest at noon")
    assert difference(blended, plain) > 20
    r, g, b = ImageStat.Stat(blended).mean
    assert r > ImageStat.Stat(plain).mean[0] + 40 and r > g and r > b
