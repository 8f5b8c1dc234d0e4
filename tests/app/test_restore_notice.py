"""Issue 24: Restore from a PNG naming a model this studio does not offer says so, and which model it chose instead,
instead of silently falling back (AppTest, demo mode, the Generate page's "Restore settings from an image")."""

from __future__ import annotations

from kie import catalog
from kie.models import GenerateRequest, Task
from kie.pngmeta import tag_png
from tests.fixtures import pictures

SAID = ("This picture was made with 'foo-model', which this studio does not offer; its settings were restored for "
        "GPT-4o Image.")


def made_with(model: str, prompt: str) -> bytes:
    task = Task(task_id="task_elsewhere", kind="text", request=GenerateRequest(prompt=prompt), state="success",
                model=model)
    return tag_png(pictures.png((64, 64)), task, 0)


def warnings(at) -> list[str]:
    return [w.value for w in at.warning]


def test_a_png_naming_an_unknown_model_says_so_and_what_was_chosen(app):
    app.file_uploader(key="gen_restore_file").set_value(("made.png", made_with("foo-model", "a red kite"),
                                                         "image/png")).run()
    assert not app.exception, app.exception
    assert app.text_area(key="gen_prompt").value == "a red kite"
    assert app.selectbox(key="gen_model").value == catalog.DEFAULT_MODEL
    assert [w for w in warnings(app) if "foo" in w] == [SAID]  # nothing in it for Markdown to escape
    # The note stays while the form keeps the model it chose, and goes once the person picks another.
    app.run()
    assert any("which this studio does not offer" in w for w in warnings(app))
    app.selectbox(key="gen_model").set_value("seedream-4.5").run()
    assert not any("which this studio does not offer" in w for w in warnings(app))


def test_a_png_of_a_model_the_studio_offers_restores_without_a_note(app):
    app.file_uploader(key="gen_restore_file").set_value(("made.png", made_with("gpt-4o-image", "a blue kite"),
                                                         "image/png")).run()
    assert not app.exception, app.exception
    assert app.text_area(key="gen_prompt").value == "a blue kite"
    assert not any("does not offer" in w for w in warnings(app))
