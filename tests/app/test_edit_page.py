"""The Edit page and the Generate page's references under AppTest: validation and limits."""

from __future__ import annotations

from kie.models import GenerateRequest, Task
from kie.store import TaskStore
from tests.app.conftest import run_until
from tests.fixtures import pictures


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def click(at, label):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception


def test_apply_edit_without_a_picture_says_to_choose_one(app):
    app.switch_page("app_pages/edit.py").run()
    assert "Choose a picture to edit" in texts(app.info)
    click(app, "Apply edit")
    assert "Choose a picture to edit first." in texts(app.error)


def test_apply_edit_with_nothing_painted_says_to_paint(app, app_env):
    name = TaskStore(app_env, "demo").save_input(pictures.png((300, 200)))
    app.session_state["edit_source"] = {"name": name, "width": 300, "height": 200, "label": "photo.png"}
    app.switch_page("app_pages/edit.py").run()
    assert not app.exception
    app.text_area(key="edit_prompt").input("a red boat").run()
    click(app, "Apply edit")
    assert "Paint the area you want to change." in texts(app.error)


def test_aspect_ratio_follows_the_source_picture(app, app_env):
    from components.picker import PickedPicture

    name = TaskStore(app_env, "demo").save_input(pictures.png((200, 300)))
    app.switch_page("app_pages/edit.py").run()
    # What the picker's callback does with a portrait picture:
    app.session_state["edit_source"] = PickedPicture(name, 200, 300, "tall.png").__dict__
    app.session_state["edit_size"] = "2:3"
    app.run()
    assert app.segmented_control(key="edit_size").value == "2:3"


def test_a_sixth_reference_is_refused(app, app_env):
    app.text_area(key="gen_prompt").input("seed picture").run()
    click(app, "Generate")
    run_until(app, lambda at: len(at.get("image")) >= 1)
    store = TaskStore(app_env, "demo")
    app.session_state["gen_refs"] = [  # five different pictures already chosen
        {"name": store.save_input(pictures.png((10 + i, 10))), "width": 10 + i, "height": 10, "label": f"r{i}"}
        for i in range(5)
    ]
    app.run()
    assert "Reference images (5 of 5)" in [e.label for e in app.expander]
    app.session_state["gen_ref_pick_tabs"] = "From history"
    app.run()
    next(b for b in app.button if b.key and b.key.startswith("gen_ref_pick_use_")).click().run()
    assert "At most 5 reference images" in texts(app.error)
    assert len(app.session_state["gen_refs"]) == 5


def test_the_picker_searches_the_whole_history_with_thumbnails(app, app_env):
    store = TaskStore(app_env, "demo")
    for n in range(45):  # the picture wanted is 44 tasks older than the newest
        task = Task(task_id=f"task_pick_{n:03d}", kind="text", state="success", created_at=1000.0 + n,
                    request=GenerateRequest(prompt="an old lighthouse" if n == 0 else f"filler {n}"))
        task.images = [store.save_image(task.task_id, 0, pictures.png((24, 24), (n * 5, 0, 0)))]
        store.add(task)
    app.switch_page("app_pages/edit.py").run()
    assert not [b for b in app.button if b.key and b.key.startswith("edit_pick_use_")]  # drawn only when opened
    app.session_state["edit_pick_tabs"] = "From history"
    app.run()
    assert len([b for b in app.button if b.key and b.key.startswith("edit_pick_use_")]) == 8  # thumbnails
    app.text_input(key="edit_pick_search").input("lighthouse").run()
    use = [b for b in app.button if b.key and b.key.startswith("edit_pick_use_")]
    assert [b.key for b in use] == ["edit_pick_use_task_pick_000_0"]
    use[0].click().run()
    assert app.session_state["edit_source"]["label"].startswith("an old lighthouse")
