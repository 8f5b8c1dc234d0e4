"""The demo gallery on a real store in a temp folder: idempotent, varied, pictures on disk, fast."""

from __future__ import annotations

import io
import time

import pytest
from PIL import Image

from kie.gallery import ENTRIES, load_demo_gallery, task_id
from kie.images import RESULT_PIXELS
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
    assert {t.kind for t in tasks} == {"text", "edit", "variants"}
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


@pytest.mark.serial  # a time limit: run alone, not beside other tests
def test_loading_is_fast(store):
    start = time.perf_counter()
    load_demo_gallery(store)
    assert time.perf_counter() - start < 3.0
