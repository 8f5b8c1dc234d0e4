"""History shows a model comparison as one tile (AppTest): its models' pictures together, its prompt once, the cost
of all of it, and a link that reopens it; the other tasks keep their own tiles."""

from __future__ import annotations

import time

from streamlit.testing.v1 import AppTest

from components.comparison_tile import one_per_comparison
from kie.models import GenerateRequest, Task
from kie.store import TaskStore
from tests.app.conftest import ROOT
from tests.fixtures import pictures

COMPARED = ("gpt-4o-image", "seedream-4.5", "nano-banana-pro")


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def seed(data_dir) -> TaskStore:
    store = TaskStore(data_dir, "demo")
    now = time.time() - 600
    for n, model in enumerate(COMPARED):
        task = Task(task_id=f"cmp-{n}", kind="text", request=GenerateRequest.build(model, "a kite over the dunes"),
                    state="success", model=model, comparison_id="cmp-1", created_at=now + n, completed_at=now + 30)
        task.images = [store.save_image(task.task_id, 0, pictures.png((32, 32), (40 * n, 90, 0)))]
        store.add(task)
    for n in range(2):
        alone = Task(task_id=f"alone-{n}", kind="text", request=GenerateRequest(prompt=f"a lone heron {n}"),
                     state="success", created_at=now + 100 + n)
        alone.images = [store.save_image(alone.task_id, 0, pictures.png((32, 32), (0, 0, 200)))]
        store.add(alone)
    return store


def test_a_comparison_is_one_tile_with_each_models_picture_and_a_link_back(app_env):
    seed(app_env)
    at = AppTest.from_file(str(ROOT / "navigation.py"), default_timeout=30)
    at.run()
    at.switch_page("app_pages/history.py").run()
    assert not at.exception, at.exception
    markdown = texts(at.markdown)
    assert markdown.count("Comparison of 3 models") == 1
    assert markdown.count("a kite over the dunes") == 1  # the prompt once, not once a model
    assert markdown.count("a lone heron") == 2  # the other tasks keep their own tiles
    captions = texts(at.caption)
    assert all(name in captions for name in ("GPT-4o Image", "Seedream 4.5", "Nano Banana Pro"))
    assert "about 7.6 credits (estimate) in all" in captions  # 1.5 + 1.6 + 4.5, as their cards say each
    [link] = [p for p in at.get("page_link") if p.proto.label == "Open comparison"]
    assert link.proto.query_string == "comparison=cmp-1"  # Generate reopens it
    next(b for b in at.button if b.key and b.key.endswith("-open-cmp-1")).click().run()  # one model's result
    assert not at.exception, at.exception
    assert at.query_params["task"] == ["cmp-1"] or at.query_params["task"] == "cmp-1"
    assert "Seedream 4.5" in texts(at.markdown)  # its detail: the model in its heading


def test_one_per_comparison_keeps_the_first_of_each_and_every_other_task():
    def task(task_id, comparison=None):
        return Task(task_id=task_id, kind="text", request=GenerateRequest(prompt="x"), comparison_id=comparison)

    tasks = [task("a", "c1"), task("b"), task("c", "c1"), task("d", "c2"), task("e"), task("f", "c2")]
    assert [t.task_id for t in one_per_comparison(tasks)] == ["a", "b", "d", "e"]
