"""Vary and Run again on a result card (issue 26), under AppTest with the demo simulator.

Vary makes variations of this picture: the picture goes as the one reference, with the same prompt and settings,
to the task's model. Run again sends the same request once more. Neither sends on one click: the first click shows
what will be sent and its cost ("Vary: about 3 credits"), and only the second sends, once. A model that takes no
reference pictures offers no Vary and says why.
"""

from __future__ import annotations

import time

from kie import catalog
from kie.models import GenerateRequest, Task
from kie.store import TaskStore
from tests.app.conftest import run_until
from tests.fixtures import pictures

PRICE = catalog.GPT_4O.price_per_image


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def buttons(at, label: str) -> list:
    return [b for b in at.button if b.label == label]


def click(at, label: str, n: int = 0) -> None:
    buttons(at, label)[n].click().run()
    assert not at.exception, at.exception


def generated(app, app_env, prompt: str) -> tuple[TaskStore, Task]:
    """Generate two pictures of `prompt` on GPT-4o Image (landscape) and wait until they are shown."""
    app.text_area(key="gen_prompt").input(prompt).run()
    app.segmented_control(key="gen_gpt-4o-image_n_variants").set_value(2).run()
    app.radio(key="gen_gpt-4o-image_size").set_value("3:2").run()
    click(app, "Generate")
    run_until(app, lambda at: len(buttons(at, "Vary")) == 2)
    store = TaskStore(app_env, "demo")
    return store, store.query(limit=1)[0]


def test_vary_shows_its_cost_first_and_sends_the_picture_as_a_reference_on_the_second_click(app, app_env):
    store, source = generated(app, app_env, "a lighthouse on a rocky coast")
    before = store.count()
    click(app, "Vary", 1)  # the second picture's
    assert store.count() == before  # one click alone sends nothing
    assert [b.label for b in app.button if b.label.startswith("Vary:")] == [f"Vary: about {2 * PRICE:g} credits"]
    assert ("This picture goes as a reference, with the same prompt and settings, to GPT-4o Image: 2 new pictures."
            in texts(app.caption))
    click(app, "Cancel")  # changed their mind: nothing sent, the plain button back
    assert store.count() == before and len(buttons(app, "Vary")) == 2
    click(app, "Vary", 1)
    click(app, f"Vary: about {2 * PRICE:g} credits")
    assert store.count() == before + 1  # sent once
    varied = store.query(limit=1)[0]
    assert varied.parent_id == source.task_id and varied.prompt == source.prompt
    assert varied.request.settings() == source.request.settings()  # the same settings (landscape, two pictures)
    assert set(varied.inputs) == {"ref0"} and varied.kind == "variants"
    second = store.image_path(source.task_id, source.images[1]).read_bytes()
    assert store.input_path(varied.inputs["ref0"]).read_bytes() == second  # this picture, not its neighbour
    assert not [b for b in app.button if b.label.startswith("Vary:")]  # asked once, sent once
    app.run()
    assert store.count() == before + 1


def test_run_again_shows_its_cost_first_and_sends_the_same_settings_once(app, app_env):
    store, source = generated(app, app_env, "a paper boat on a pond")
    before = store.count()
    assert len(buttons(app, "Run again")) == 1  # the task's own, once under its two pictures (each has its Vary)
    click(app, "Run again")
    assert store.count() == before
    assert f"Run again: about {2 * PRICE:g} credits" in [b.label for b in app.button]
    assert "The same request again: GPT-4o Image · Landscape 3:2, 2 new pictures." in texts(app.caption)
    click(app, f"Run again: about {2 * PRICE:g} credits")
    assert store.count() == before + 1
    again = store.query(limit=1)[0]
    assert again.task_id != source.task_id and again.parent_id is None and not again.inputs
    assert again.request.settings() == source.request.settings() and again.prompt == source.prompt
    app.run()
    assert store.count() == before + 1


def test_a_model_without_reference_pictures_offers_no_vary_and_says_why(app, app_env):
    store = TaskStore(app_env, "demo")
    request = GenerateRequest.build("imagen-4-fast", "a quiet harbour at dawn", {})
    task = Task(task_id="task_imagen_1", kind="text", request=request, state="success", model="imagen-4-fast",
                created_at=time.time(), completed_at=time.time(), result_urls=["https://e.com/0.png"])
    task.images = [store.save_image(task.task_id, 0, pictures.png((64, 48), (20, 90, 160)))]
    store.add(task)
    app.run()
    vary = buttons(app, "Vary")
    assert len(vary) == 1 and vary[0].disabled
    assert "Imagen 4 Fast takes no reference pictures, so it cannot make variations of a picture" in vary[0].help
    assert buttons(app, "Run again") and not buttons(app, "Run again")[0].disabled  # the same request still can


def test_a_variation_the_model_refuses_says_why_once_pressed_and_offers_no_send(app, app_env):
    store = TaskStore(app_env, "demo")
    request = GenerateRequest.build("gpt-image-2", "a square harbour", {"aspect_ratio": "1:1", "resolution": "4K"})
    task = Task(task_id="task_gpt2_4k", kind="text", request=request, state="success", model="gpt-image-2",
                created_at=time.time(), completed_at=time.time(), result_urls=["https://e.com/0.png"])
    task.images = [store.save_image(task.task_id, 0, pictures.png((64, 64), (120, 30, 60)))]
    store.add(task)
    app.run()
    before = store.count()
    click(app, "Vary")
    assert "With reference pictures GPT Image 2 cannot make a 1:1 picture at 4K" in texts(app.caption)
    assert not [b for b in app.button if b.label.startswith("Vary:")] and buttons(app, "Cancel")
    click(app, "Cancel")
    assert store.count() == before and buttons(app, "Vary")
