"""No stored file can break a page: each kind of bad file in the store, for a finished task's result and for an
edit's source and mask, and every page that shows the task opened under AppTest.

Each page must draw without an exception, say in the picture's place why it cannot be shown (never a traceback
or a server path), keep the task's actions (Run again, Star, Details) and let it be deleted.
"""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from kie import thumbnails
from kie.models import GenerateRequest, Task
from kie.store import TaskStore
from tests.app.conftest import ROOT
from tests.fixtures import pictures
from tests.fixtures.apptest_text import page_text
from tests.fixtures.bad_files import BAD_FILES

BAD_RESULT = "task_bad_result"  # a text task whose result file is the bad one
BAD_SOURCE = "task_bad_source"  # an edit whose source and mask files are the bad one (its result is good)
KINDS = list(BAD_FILES)


def put_result(store: TaskStore, task_id: str, content: bytes | None) -> str:
    if content is None:
        return "0.png"  # named by the task, never written
    return store.save_image(task_id, 0, content)


def put_input(store: TaskStore, content: bytes | None) -> str:
    if content is None:
        return "f" * 32 + ".png"  # named by the task, never written
    return store.save_input(content, ".png")


def seed(data_dir, kind: str) -> TaskStore:
    """The two tasks, finished, starred and in the showcase, with the bad file where their pictures should be."""
    store = TaskStore(data_dir, "demo")
    content = BAD_FILES[kind][0]()
    now = time.time()
    result = Task(task_id=BAD_RESULT, kind="text", request=GenerateRequest(prompt="a fox whose picture broke"),
                  state="success", created_at=now - 20, completed_at=now - 10, result_urls=["https://e.com/0.png"],
                  favourite=True, showcase=True)
    result.images = [put_result(store, BAD_RESULT, content)]
    store.add(result)
    bad_input = put_input(store, content)
    edit = Task(task_id=BAD_SOURCE, kind="edit", state="success", created_at=now - 40, completed_at=now - 30,
                request=GenerateRequest(prompt="a moon over a broken source", files_url=("https://e.com/s.png",),
                                        mask_url="https://e.com/m.png", options=(("size", "3:2"),)),
                result_urls=["https://e.com/1.png"], inputs={"source": bad_input, "mask": bad_input},
                favourite=True, showcase=True)
    edit.images = [store.save_image(BAD_SOURCE, 0, pictures.png((120, 80), (20, 120, 200)))]
    store.add(edit)
    return store


@pytest.fixture
def studio(app_env, request):
    thumbnails.forget()  # every test meets its files afresh
    kind = request.param
    store = seed(app_env, kind)
    at = AppTest.from_file(str(ROOT / "navigation.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    yield at, store, kind, app_env
    thumbnails.forget()


def check_page(at: AppTest, data_dir, kind: str) -> str:
    """No exception, no traceback, no server path; the kind's sentence in the picture's place."""
    assert not at.exception, at.exception
    text = page_text(at)
    assert "Traceback" not in text and str(data_dir) not in text and "/workspaces/" not in text
    assert BAD_FILES[kind][1] in text, text
    return text


def click(at: AppTest, label: str) -> None:
    [b for b in at.button if b.label == label][0].click().run()
    assert not at.exception, at.exception


def labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


@pytest.mark.parametrize("studio", KINDS, indirect=True)
def test_generate_and_history_draw_the_tasks_with_a_sentence(studio):
    at, _, kind, data_dir = studio
    at.switch_page("app_pages/generate.py").run()
    text = check_page(at, data_dir, kind)
    assert "a fox whose picture broke" in text and "a moon over a broken source" in text  # both cards drawn
    assert "Details" in [e.label for e in at.expander]
    assert {"Run again", "Unstar"} <= set(labels(at)), labels(at)  # what needs no picture stays under it
    at.switch_page("app_pages/history.py").run()
    check_page(at, data_dir, kind)
    assert labels(at).count("Open") == 2
    at.query_params["compare"] = f"{BAD_RESULT},{BAD_SOURCE}"  # History's side-by-side comparison
    at.run()
    check_page(at, data_dir, kind)
    assert "Back to all tasks" in labels(at) and "Open" not in labels(at)


@pytest.mark.parametrize("studio", KINDS, indirect=True)
def test_the_detail_page_keeps_every_action_and_deletes_the_task(studio):
    at, store, kind, data_dir = studio
    at.switch_page("app_pages/history.py").run()
    for task_id in (BAD_SOURCE, BAD_RESULT):
        at.query_params["task"] = task_id
        at.run()
        check_page(at, data_dir, kind)
        assert task_id in page_text(at)  # the technical details
        assert {"Run again", "Unstar", "Delete"} <= set(labels(at)), labels(at)
    click(at, "Delete")
    click(at, "Yes, delete")
    assert store.get(BAD_RESULT) is None
    assert not at.query_params.get("task")


@pytest.mark.parametrize("studio", KINDS, indirect=True)
def test_edit_shows_the_edit_and_refuses_to_reopen_a_broken_source(studio):
    at, _, kind, data_dir = studio
    at.switch_page("app_pages/edit.py").run()
    check_page(at, data_dir, kind)  # Recent edits: the source's sentence where the slider would be
    assert "Edit" in labels(at)  # its result is good: its actions, Edit among them
    at.switch_page("app_pages/history.py").run()
    at.query_params["task"] = BAD_SOURCE
    at.run()
    click(at, "Reopen in Edit")
    assert at.title[0].value == "Edit"
    assert "edit_source" not in at.session_state or not at.session_state["edit_source"]  # nothing to paint on
    text = page_text(at)
    assert "The source of that edit" in text and str(data_dir) not in text


@pytest.mark.parametrize("studio", KINDS, indirect=True)
def test_showcase_draws_both_slides(studio):
    at, _, kind, data_dir = studio
    at.switch_page("app_pages/showcase.py").run()
    for slide in ("1", "2"):
        at.query_params["slide"] = slide
        at.run()
        check_page(at, data_dir, kind)
