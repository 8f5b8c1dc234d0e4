"""Issue 24: "a large result costs its decode once, not per view". The pages' small copies (components/thumbs.py) are
made from the stored picture on the first view only and kept through the store; later views, in this process or
another, read the kept copy and never open the picture again. A picture that cannot be shown is refused from
memory on later views (kie.thumbnails remembers it until the file changes).
"""

from __future__ import annotations

import pytest

from components import thumbs
from kie import thumbnails
from kie.models import GenerateRequest, Task
from kie.store import TaskStore
from tests.fixtures import pictures
from tests.fixtures.hostile_provider import bomb_png


@pytest.fixture
def counted(monkeypatch):
    """How many times a stored picture is opened to make a small copy, and how many decodes that cost."""
    calls = {"small_copy": 0, "decoded": 0}
    real_small_copy, real_decoded = thumbnails.small_copy, thumbnails.decoded

    def small_copy(*args, **kwargs):
        calls["small_copy"] += 1
        return real_small_copy(*args, **kwargs)

    def decoded(*args, **kwargs):
        calls["decoded"] += 1
        return real_decoded(*args, **kwargs)

    monkeypatch.setattr(thumbs, "small_copy", small_copy)
    monkeypatch.setattr(thumbnails, "decoded", decoded)
    thumbnails.forget()
    yield calls
    thumbnails.forget()


def kept_task(store: TaskStore, content: bytes) -> Task:
    task = Task(task_id="task_large", kind="text", request=GenerateRequest(prompt="a large picture"),
                state="success", created_at=1.0, completed_at=2.0, result_urls=["https://e.com/0.png"])
    task.images = [store.save_image(task.task_id, 0, content)]
    store.add(task)
    return task


def test_a_picture_is_decoded_for_its_small_copy_on_the_first_view_only(tmp_path, counted):
    store = TaskStore(tmp_path, "demo")
    task = kept_task(store, bomb_png(6000, 5000))  # 30 MP: within the cap, 90 MB decoded whole
    first = thumbs.thumbnail(store, task, task.images[0], thumbs.CARD_IMAGE_SIZE)
    assert thumbs.shown(first) and counted == {"small_copy": 1, "decoded": 1}
    for _ in range(5):  # five more views, and one from another replica's store on the same files
        assert thumbs.thumbnail(store, task, task.images[0], thumbs.CARD_IMAGE_SIZE) == first
    other = TaskStore(tmp_path, "demo")
    assert thumbs.thumbnail(other, task, task.images[0], thumbs.CARD_IMAGE_SIZE) == first
    assert counted == {"small_copy": 1, "decoded": 1}


def test_a_picture_that_cannot_be_shown_is_not_read_again_on_later_views(tmp_path, counted):
    store = TaskStore(tmp_path, "demo")
    task = kept_task(store, pictures.png()[:-40])  # cut short: opened, decoding fails
    for _ in range(4):
        refused = thumbs.thumbnail(store, task, task.images[0], 512)
        assert isinstance(refused, thumbnails.Unshowable) and "damaged" in refused.sentence
    assert counted["decoded"] == 1  # the later views answer from what was remembered
