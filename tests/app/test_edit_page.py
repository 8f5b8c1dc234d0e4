"""The Edit page and the Generate page's references under AppTest: validation and limits."""

from __future__ import annotations

from kie.models import GenerateRequest, Task
from kie.store import TaskStore
from tests.app.conftest import run_until
from tests.fixtures import pictures
from tests.fixtures.learned import learned_fast


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
        from components import edit_source, model_form, state

        return (state, model_form, edit_source)

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
    from components.edit_source import set_edit_source
    from components.picker import PickedPicture

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
    assert "Reference pictures (5 of 5)" in [e.label for e in app.expander]
    app.session_state["gen_ref_pick_tabs"] = "From history"
    app.run()
    next(b for b in app.button if b.key and b.key.startswith("gen_ref_pick_use_")).click().run()
    assert "At most 5 reference pictures" in texts(app.error)
    assert len(app.session_state["gen_refs"]) == 5


def _studio_mask(size, box) -> bytes:
    """A studio mask: white stays, the box painted black."""
    import io

    from PIL import Image

    mask = Image.new("L", size, 255)
    mask.paste(0, box)
    out = io.BytesIO()
    mask.save(out, format="PNG")
    return out.getvalue()


def test_edit_with_a_model_that_takes_no_mask_keeps_the_unpainted_area_exactly(app, app_env):
    import io

    from PIL import Image, ImageChops

    from kie.composite import KEEP_MASK

    store = TaskStore(app_env, "demo")
    learned_fast(store, "seedream-4.5")
    source_png = pictures.png((300, 200), (30, 140, 200))
    source = store.save_input(source_png)
    box = (120, 60, 220, 160)
    app.session_state["edit_source"] = {"name": source, "width": 300, "height": 200, "label": "photo.png"}
    app.session_state["edit_base_mask"] = store.save_input(_studio_mask((300, 200), box))  # as if painted
    app.switch_page("app_pages/edit.py").run()
    app.selectbox(key="edit_model").set_value("seedream-4.5").run()
    assert "Seedream 4.5 takes no mask: the picture and the prompt are sent as an image-to-image edit" in \
        texts(app.caption)
    assert app.toggle(key="edit_keep").value is True  # on by default
    app.text_area(key="edit_prompt").input("a yellow moon").run()
    click(app, "Apply edit")
    assert not app.error, texts(app.error)
    run_until(app, lambda at: store.query(limit=1)[0].images, timeout=30)
    [task] = store.query(limit=1)
    assert task.model == "seedream-4.5" and task.kind == "edit" and KEEP_MASK in task.inputs  # History: "Edit"
    assert task.request.mask_url is None and len(task.request.files_url) == 1  # the mask was never sent
    with Image.open(store.image_path(task.task_id, task.images[0])) as made:
        result = made.convert("RGB")
    with Image.open(io.BytesIO(source_png)) as original:
        original = original.convert("RGB")
    assert result.size == original.size  # scaled to the source's size
    outside = Image.new("L", result.size, 255)
    outside.paste(0, box)
    differs = ImageChops.difference(result, original).convert("L").point(lambda v: 255 if v else 0)
    assert ImageChops.multiply(differs, outside).getbbox() is None  # not one pixel outside the mask changed
    inside = differs.crop((box[0] + 10, box[1] + 10, box[2] - 10, box[3] - 10))
    assert inside.getbbox() is not None  # and the painted area is the model's
    app.run()
    assert any("Seedream 4.5 · unpainted area kept" in str(m.value) for m in app.markdown)  # its card says so


def test_edit_with_the_mask_model_sends_the_mask(app, app_env):
    store = TaskStore(app_env, "demo")
    source = store.save_input(pictures.png((300, 200)))
    app.session_state["edit_source"] = {"name": source, "width": 300, "height": 200, "label": "photo.png"}
    app.session_state["edit_base_mask"] = store.save_input(_studio_mask((300, 200), (0, 0, 100, 100)))
    app.switch_page("app_pages/edit.py").run()
    assert app.selectbox(key="edit_model").value == "gpt-4o-image"
    assert "GPT-4o Image takes the painted mask" in texts(app.caption)
    assert not [t for t in app.toggle if t.key == "edit_keep"]  # nothing to keep: the model takes the mask
    app.text_area(key="edit_prompt").input("a red boat").run()
    click(app, "Apply edit")
    [task] = store.query(limit=1)
    assert task.kind == "edit" and task.request.mask_url and "mask" in task.inputs
    run_until(app, lambda at: any(e.label == "Technical details" for e in at.expander), timeout=20)
    assert "Details" in [e.label for e in app.expander]  # the edit's card has its details in the page too


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
