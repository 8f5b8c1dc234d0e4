"""The Edit page and the Generate page's references under AppTest: validation and limits."""

from __future__ import annotations

from kie.store import TaskStore
from tests.app.conftest import run_until
from tests.fixtures import pictures


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


class patch_session:
    """Run component code that writes `st.session_state` against an AppTest's session state."""

    def __init__(self, at):
        self.at = at

    def __enter__(self):
        import streamlit as st

        from components import state

        self.values = {}
        self.saved = dict(self.at.session_state["_remembered"]) if "_remembered" in self.at.session_state else {}
        self.original = state.st
        outer = self

        class Fake(dict):
            def __setitem__(self, key, value):
                outer.values[key] = value
                super().__setitem__(key, value)

        fake = Fake(_remembered=self.saved)
        self.patched = [(module, module.st) for module in self._modules()]
        for module, _ in self.patched:
            module.st = type("st", (), {"session_state": fake})
        self.st = st
        return fake

    def _modules(self):
        from components import model_form, reuse, state

        return (state, model_form, reuse)

    def __exit__(self, *exc):
        for module, original in self.patched:
            module.st = original
        for key, value in self.values.items():
            self.at.session_state[key] = value
        self.at.session_state["_remembered"] = self.saved


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


def test_aspect_ratio_follows_the_source_picture_for_every_model(app, app_env):
    from components.picker import PickedPicture
    from components.reuse import set_edit_source

    name = TaskStore(app_env, "demo").save_input(pictures.png((200, 300)))
    picked = PickedPicture(name, 200, 300, "tall.png")
    app.switch_page("app_pages/edit.py").run()
    # What the picker's callback writes, replayed into the test's session (a callback has no script run here).
    with patch_session(app):
        set_edit_source(picked)
    app.run()
    assert not app.exception, app.exception
    assert app.radio(key="edit_gpt-4o-image_size").value == "2:3"
    for model_id in ("seedream-4.5", "nano-banana-pro", "gpt-image-2"):
        app.selectbox(key="edit_model").set_value(model_id).run()
        assert app.selectbox(key=f"edit_{model_id}_aspect_ratio").value == "2:3"


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
    click(app, "Use this picture")
    assert "At most 5 reference images" in texts(app.error)
    assert len(app.session_state["gen_refs"]) == 5
