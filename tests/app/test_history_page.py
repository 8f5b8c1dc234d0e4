"""The History page under AppTest: filters (also from the URL), pagination and every action."""

from __future__ import annotations

import time

import pytest

from components.text import unescape
from kie.gallery import ENTRIES as DEMO_ENTRIES
from kie.models import GenerateRequest, Task
from kie.store import TaskStore, workspace_for_key
from tests.app.conftest import run_until
from tests.fixtures import pictures


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def click(at, label, n=0):
    [b for b in at.button if b.label == label][n].click().run()
    assert not at.exception, at.exception


def seed(data_dir, count=30, workspace="demo"):
    """Finished tasks straight into the store: prompt N is 'fox' when N is even, else 'whale'."""
    store = TaskStore(data_dir, workspace)
    for n in range(count):
        animal = "fox" if n % 2 == 0 else "whale"
        task = Task(task_id=f"task_seed_{n:03d}", kind="text", request=GenerateRequest(prompt=f"{animal} number {n}"),
                    state="success" if n % 5 else "failed", created_at=time.time() - 3600 + n,
                    result_urls=[f"https://e.com/{n}.png"] if n % 5 else [], error_code=None if n % 5 else 400)
        if n % 5:
            task.images = [store.save_image(task.task_id, 0, pictures.png((32, 32), (n * 8, 0, 0)))]
        store.add(task)
    return store


@pytest.fixture
def history(app_env):
    store = seed(app_env)
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "navigation.py"), default_timeout=30)
    at.run()
    at.switch_page("app_pages/history.py").run()
    assert not at.exception, at.exception
    return at, store


def shown_prompts(at) -> list[str]:
    return [unescape(m.value) for m in at.markdown if "number" in m.value]


def test_gallery_is_paginated_newest_first(history):
    at, _ = history
    assert "30 tasks · page 1 of 2" in texts(at.caption)
    assert len(shown_prompts(at)) == 24 and "number 29" in shown_prompts(at)[0]
    click(at, "Next")
    assert "page 2 of 2" in texts(at.caption) and len(shown_prompts(at)) == 6


def test_search_prompts_finds_by_a_word(history):
    at, _ = history
    at.text_input(key="q").input("whale").run()
    assert at.text_input(key="q").label == "Search prompts"
    prompts = shown_prompts(at)
    assert len(prompts) == 15 and all("whale" in p for p in prompts)


def test_state_and_favourite_filters(history):
    at, store = history
    at.pills(key="state").set_value(["failed"]).run()
    assert len(shown_prompts(at)) == 6
    at.pills(key="state").set_value([]).run()
    store.set_favourite("task_seed_007", True)
    at.toggle(key="fav").set_value(True).run()
    assert [p.split("\n")[-1].strip() for p in shown_prompts(at)] == ["whale number 7"]


def test_filters_come_from_the_url(app_env):
    seed(app_env)
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "navigation.py"), default_timeout=30)
    at.query_params["q"] = "fox"
    at.query_params["kind"] = "text"
    at.run()
    at.switch_page("app_pages/history.py").run()
    assert at.text_input(key="q").value == "fox"
    assert all("fox" in p for p in shown_prompts(at)) and len(shown_prompts(at)) == 15


def test_open_star_and_delete_with_confirmation(history):
    at, store = history
    click(at, "Open")
    assert at.query_params["task"] == ["task_seed_029"] or at.query_params["task"] == "task_seed_029"
    assert "task_seed_029" in texts(at.code)
    assert "Parameters sent" in texts(at.caption)
    click(at, "Star")
    assert store.get("task_seed_029").favourite
    click(at, "Delete")
    assert "cannot be undone" in texts(at.warning)
    click(at, "Cancel")
    assert store.get("task_seed_029") is not None
    click(at, "Delete")
    click(at, "Yes, delete")
    assert store.get("task_seed_029") is None
    assert not store.image_path("task_seed_029", "0.png").exists()


def test_a_guessed_task_id_of_another_workspace_shows_nothing(app_env):
    seed(app_env, 2, workspace=workspace_for_key("someone-else"))
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "navigation.py"), default_timeout=30)
    at.query_params["task"] = "task_seed_001"
    at.run()
    at.switch_page("app_pages/history.py").run()
    assert "There is no task with that ID in this workspace" in texts(at.error)
    assert "whale number 1" not in texts(at.markdown)


def test_run_again_adopt_and_direct_link_through_the_simulator(history):
    at, store = history
    from components.session import demo_simulator
    from kie.client import KieClient

    server, key = demo_simulator()
    elsewhere = KieClient(key, server.url, server.url).generate(GenerateRequest(prompt="made by a script"))
    time.sleep(1.5)
    at.text_input(key="adopt_id").input(elsewhere).run()
    click(at, "Add task")
    adopted = store.get(elsewhere)
    assert adopted is not None and adopted.prompt == "made by a script" and adopted.images
    run_until(at, lambda a: "made by a script" in texts(a.markdown))
    # Demo mode: the simulator's address is this machine's, so no direct link is offered to share.
    assert not [b for b in at.button if b.label.startswith("Get a direct link")]
    before = store.count()
    click(at, "Run again")  # the first click says what it will send and cost, and sends nothing
    assert store.count() == before
    assert "The same request again: GPT-4o Image · Square 1:1, 1 new picture." in texts(at.caption)
    click(at, "Run again: about 1.5 credits")
    assert store.count() == before + 1
    newest = store.query(limit=1)[0]
    assert newest.prompt == "made by a script" and newest.task_id != elsewhere
    assert newest.request.settings() == adopted.request.settings()  # the same settings
    assert at.query_params["task"] == newest.task_id  # it opens in the old one's place


def test_use_as_reference_and_open_in_edit(history):
    at, _ = history
    click(at, "Open", 1)  # task 28 has an image
    click(at, "Use as reference")
    assert len(at.session_state["gen_refs"]) == 1
    assert "Reference pictures (1 of 5)" in [e.label for e in at.expander]
    at.switch_page("app_pages/history.py").run()
    at.query_params["task"] = "task_seed_028"
    at.run()
    click(at, "Edit")
    assert at.session_state["edit_source"]["width"] == 32
    assert at.title[0].value == "Edit"


def test_a_past_edit_reopens_with_its_source_and_mask(history):
    at, store = history
    source = store.save_input(pictures.png((120, 80), (0, 90, 200)))
    mask = store.save_input(pictures.png((120, 80), (255, 255, 255)))
    request = GenerateRequest(prompt="add a moon", files_url=("https://e.com/s.png",), mask_url="https://e.com/m.png",
                              options=(("size", "3:2"),))
    store.add(Task(task_id="task_edit_1", kind="edit", request=request, state="failed", created_at=time.time(),
                   inputs={"source": source, "mask": mask}))
    at.query_params["task"] = "task_edit_1"
    at.run()
    assert "Source and mask" in texts(at.caption)
    click(at, "Reopen in Edit")
    assert at.session_state["edit_source"]["name"] == source
    assert at.session_state["edit_base_mask"] == mask
    assert at.text_area(key="edit_prompt").value == "add a moon"
    assert "earlier mask of this edit" in texts(at.caption)


def test_an_image_removed_from_the_disk_is_reported_not_fatal(history):
    at, store = history
    import shutil

    store.image_path("task_seed_029", "0.png").unlink()
    shutil.rmtree(store.thumbs_dir / "task_seed_029")
    at.run()
    assert not at.exception
    assert "no longer in the local cache" in texts(at.caption)
    at.query_params["task"] = "task_seed_029"
    at.run()
    assert not at.exception and "no longer in the local cache" in texts(at.caption)


def test_model_filter_and_model_names_on_tiles(history):
    at, store = history
    other = store.get("task_seed_028")
    other.model = "nano-banana-pro"
    store.save(other)
    assert store.get("task_seed_028").model == "nano-banana-pro", "the store must keep Task.model"
    at.run()
    assert "Nano Banana Pro" in texts(at.caption) and "GPT-4o Image" in texts(at.caption)
    at.multiselect(key="model").set_value(["nano-banana-pro"]).run()
    assert [p.strip() for p in shown_prompts(at)] == ["fox number 28"]
    assert "1 task · page 1 of 1" in texts(at.caption)


def test_demo_tasks_are_marked_filtered_and_removed_in_one_press(history):
    at, store = history
    click(at, "Load demo gallery")
    demo = len(DEMO_ENTRIES)  # the gallery's own count (it grew from 12 to 14)
    assert store.count() == 30 + demo
    assert "Demo" in texts(at.markdown)
    at.pills(key="origin").set_value("demo").run()
    assert f"{demo} tasks · page 1 of 1" in texts(at.caption)
    at.pills(key="origin").set_value("own").run()
    assert "30 tasks · page 2 of 2" in texts(at.caption) or "30 tasks · page 1 of 2" in texts(at.caption)
    click(at, "Remove demo tasks")
    assert store.count() == 30 and all(not t.task_id.startswith("demo-gallery-") for t in store.query(limit=-1))
    assert f"Removed {demo} demo tasks." in texts(at.success)


def test_the_raw_request_is_only_under_technical_details(history):
    at, _ = history
    click(at, "Open", 1)
    technical = next(e for e in at.expander if e.label == "Technical details")
    assert "Parameters sent" in texts(technical.caption)
    outside = texts(at.markdown) + texts(at.caption)
    for word in ("nVariants", "isEnhance", "uploadCn", "Status checks", "Polling"):
        assert word not in outside
