"""The demo gallery on a real store in a temp folder: idempotent, varied, pictures on disk, fast, and every slide
shows what its caption says."""

from __future__ import annotations

import io

from PIL import Image, ImageChops, ImageStat

from kie.gallery import ENTRIES, load_demo_gallery, task_id
from kie.images import RESULT_PIXELS
from kie.simulator import render_result
from kie.simulator.art.compose import compose
from kie.simulator.art.subjects import SUBJECTS
from kie.simulator.art.vocab import edit_target, not_drawn, read
from kie.store import TaskQuery


def test_loading_twice_adds_nothing_the_second_time(store):
    assert load_demo_gallery(store) == len(ENTRIES)
    first = store.query(limit=100)
    assert load_demo_gallery(store) == 0
    assert store.query(limit=100) == first


def test_a_partly_loaded_gallery_is_completed_and_changes_are_kept(store):
    load_demo_gallery(store)
    store.delete(task_id(3))
    store.set_favourite(task_id(1), False)
    assert load_demo_gallery(store) == 1
    assert store.get(task_id(3)) is not None
    assert store.get(task_id(1)).favourite is False  # the person's own change survives a reload


def test_tasks_are_finished_varied_and_their_pictures_are_on_disk(store):
    load_demo_gallery(store)
    tasks = store.query(limit=100)
    assert {t.kind for t in tasks} == {"text", "edit", "variants", "tool"}
    tasks = [t for t in tasks if t.kind != "tool"]  # a tool's pictures: test_tool_results_...
    assert {t.request.option("size") for t in tasks} == {"1:1", "3:2", "2:3"}
    assert any(t.request.option("n_variants") > 1 for t in tasks)
    for task in tasks:
        assert task.state == "success" and not task.needs_polling
        assert len(task.images) == task.request.option("n_variants")
        for name in task.images:
            with Image.open(io.BytesIO(store.image_path(task.task_id, name).read_bytes())) as image:
                assert image.size == RESULT_PIXELS[task.request.option("size")]


def test_edits_keep_their_source_and_a_mask_that_marks_an_area(store):
    load_demo_gallery(store)
    edits = store.query(TaskQuery(kinds=("edit",)), limit=100)
    assert len(edits) >= 3
    for task in edits:
        assert set(task.inputs) == {"source", "mask"}
        source = Image.open(store.input_path(task.inputs["source"]))
        mask = Image.open(store.input_path(task.inputs["mask"])).convert("L")
        assert mask.size == source.size  # the API requires the mask at the source's size
        black = mask.histogram()[0] / (mask.width * mask.height)
        assert 0.05 < black < 0.6  # a visible area is repainted, most of the picture is kept


def test_favourites_and_a_showcase_selection_give_the_showcase_slides(store):
    load_demo_gallery(store)
    assert store.count(TaskQuery(favourites_only=True)) >= 5
    assert store.count(TaskQuery(showcase_only=True)) >= 3
    newest = store.query(TaskQuery(favourites_only=True), limit=1)[0]
    assert newest.task_id == task_id(1)  # the first entry opens the show


def test_loading_draws_each_picture_once(store):
    """What loading costs is drawing: each result and each source once, nothing twice (the time is in bench)."""
    calls = []

    def counting(params, index, fetch):
        calls.append((params.get("prompt"), index))
        return render_result(params, index, fetch)

    load_demo_gallery(store, render=counting)
    expected = sum(entry.n + (1 if entry.source else 0) for entry in ENTRIES if not entry.tool)
    assert len(calls) == expected and len(set(calls)) == len(calls)
    calls.clear()
    load_demo_gallery(store, render=counting)
    assert calls == []  # loaded already: nothing drawn


def _picture(store, number: int) -> Image.Image:
    task = store.get(task_id(number))
    with Image.open(io.BytesIO(store.image_path(task.task_id, task.images[0]).read_bytes())) as image:
        return image.convert("RGB")


def _share(image: Image.Image, test) -> float:
    """The share of the picture's pixels (on a 128x128 copy) that pass `test`."""
    data = image.resize((128, 128)).tobytes()
    return sum(1 for i in range(0, len(data), 3) if test(data[i:i + 3])) / (128 * 128)


def test_every_slide_shows_what_its_caption_says(store):
    load_demo_gallery(store)
    for number, entry in enumerate(ENTRIES, 1):
        if entry.tool:
            continue  # a tool's result is named after what it did (test_tool_results_...)
        picture = _picture(store, number)
        if entry.area:  # an edit: its caption says the change, and the change is drawn inside the painted area
            kind = edit_target(entry.prompt).subjects[0][0]
            source = Image.open(store.input_path(store.get(task_id(number)).inputs["source"])).convert("RGB")
            w, h = picture.size
            area = tuple(round(v * s) for v, s in zip(entry.area, (w, h, w, h), strict=True))
            changed = ImageChops.difference(picture.crop(area), source.crop(area)).convert("L")
            assert ImageStat.Stat(changed.point(lambda v: 255 if v > 30 else 0)).mean[0] / 255 > 0.1, entry.prompt
            assert kind in SUBJECTS, entry.prompt
            continue
        assert not_drawn(entry.prompt) == [], entry.prompt  # the caption names nothing the picture leaves out
        if not entry.source:
            drawn = compose(entry.prompt, 0, picture.size)
            assert drawn.image.tobytes() == picture.tobytes()
            named = [kind for unit in drawn.reading.units for kind in unit.names]
            assert set(named) <= set(drawn.drawn()), entry.prompt


def test_the_full_moon_slide_is_night_with_a_moon_and_snow_on_the_mountains(store):
    load_demo_gallery(store)
    number = next(n for n, e in enumerate(ENTRIES, 1) if e.prompt == "A full moon over snowy mountains at night")
    picture = _picture(store, number)
    w, h = picture.size
    top = picture.crop((0, 0, w, h // 4)).resize((64, 16))
    assert sum(ImageStat.Stat(top).mean) / 3 < 80  # a dark sky
    assert _share(picture.crop((0, 0, w, h // 2)), lambda p: p[0] > 200 and p[1] > 195 and p[2] > 150) > 0.01  # moon
    reading = read(ENTRIES[number - 1].prompt)
    assert {"mountains", "snow"} <= reading.settings and reading.time == "night"
    horizon = compose(ENTRIES[number - 1].prompt, 0, picture.size).horizon
    peaks = picture.crop((0, horizon // 3, w, horizon))
    assert _share(peaks, lambda p: p[2] > 150 and p[0] > 120 and max(p) - min(p) < 70) > 0.02  # snow caps


def test_the_garden_slide_is_red_flowers_not_a_city(store):
    load_demo_gallery(store)
    number = next(n for n, e in enumerate(ENTRIES, 1) if e.prompt == "A garden of red flowers")
    picture = _picture(store, number)
    assert _share(picture, lambda p: p[0] > 150 and p[1] < 100 and p[2] < 110) > 0.04
    assert compose(ENTRIES[number - 1].prompt, 0, picture.size).drawn() == ["flowerbed"]


def test_tool_results_are_linked_to_their_source_and_show_what_the_tool_did(store):
    """A background removed (a see-through picture for the Showcase) and an upscale 2x, each made from a gallery
    picture: linked to it, its source kept, named after what it did."""
    load_demo_gallery(store)
    tools = {e.tool: (n, e) for n, e in enumerate(ENTRIES, 1) if e.tool}
    assert set(tools) == {"recraft-remove-background", "topaz-upscale"}
    for number, entry in tools.values():
        task = store.get(task_id(number))
        assert task.kind == "tool" and task.model == entry.tool and task.parent_id == task_id(entry.on)
        source = store.get(task.parent_id)
        assert task.created_at > source.created_at  # made after its source: History lists it above
        assert store.input_path(task.inputs["source"]).read_bytes() == store.image_path(
            source.task_id, source.images[0]).read_bytes()
    cut_out = _stored(store, tools["recraft-remove-background"][0])
    assert cut_out.mode == "RGBA" and cut_out.getchannel("A").getextrema() == (0, 255)
    upscaled = _stored(store, tools["topaz-upscale"][0])
    assert upscaled.size == (2048, 2048)
    assert store.get(task_id(tools["recraft-remove-background"][0])).showcase  # the see-through Showcase slide


def _stored(store, number: int) -> Image.Image:
    task = store.get(task_id(number))
    image = Image.open(io.BytesIO(store.image_path(task.task_id, task.images[0]).read_bytes()))
    image.load()
    return image


def test_a_removed_tool_result_and_its_source_come_back_together(store):
    load_demo_gallery(store)
    number, entry = next((n, e) for n, e in enumerate(ENTRIES, 1) if e.tool)
    store.delete(task_id(number))
    store.delete(task_id(entry.on))
    assert load_demo_gallery(store) == 2  # the source first (an earlier entry), then the tool's result on it
    assert store.get(task_id(number)).parent_id == task_id(entry.on)
