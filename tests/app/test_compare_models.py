"""Generate's Compare models (AppTest, demo mode): one prompt to three models, side by side, Pick, reopen."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from kie import catalog
from kie.models import GenerateRequest
from kie.service import service
from tests.app.conftest import ROOT, run_until
from tests.fixtures.learned import learned_fast

MODELS = ["gpt-4o-image", "nano-banana-pro", "seedream-4.5"]


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def compare_mode(at):
    at.segmented_control(key="gen_mode").set_value("compare").run()
    assert not at.exception, at.exception


def comparison(store, comparison_id: str) -> list:
    return [t for t in store.query(limit=20) if t.comparison_id == comparison_id]


def buttons(at, label: str) -> list:
    return [b for b in at.button if b.label == label]


def test_compare_three_models_pick_the_winner_and_reopen_it(app):
    store = service().server_workspace().store
    for model in MODELS[1:]:
        learned_fast(store, model)
    compare_mode(app)
    app.text_area(key="gen_prompt").input("a lighthouse on a rocky coast").run()
    app.multiselect(key="cmp_models").set_value(MODELS).run()
    assert not app.exception, app.exception
    # One shape for every model, not one control each; each model's other options at the catalogue's defaults.
    assert app.segmented_control(key="cmp_shape").value == "1:1"
    shape_widgets = {"cmp_gpt-4o-image_size", "cmp_nano-banana-pro_aspect_ratio", "cmp_seedream-4.5_aspect_ratio"}
    assert not shape_widgets & {w.key for w in (*app.radio, *app.selectbox, *app.segmented_control)}
    assert "GPT-4o Image: 1:1 · Nano Banana Pro: 1:1 · Seedream 4.5: 1:1" in texts(app.caption)
    app.segmented_control(key="cmp_shape").set_value("16:9").run()
    assert ("GPT-4o Image: 3:2 (nearest to 16:9) · Nano Banana Pro: 16:9 · Seedream 4.5: 16:9"
            in texts(app.caption))
    app.radio(key="cmp_seedream-4.5_quality").set_value("high").run()
    credits = sum(catalog.get(m).estimate({"quality": "high"} if m == "seedream-4.5" else {}) for m in MODELS)
    assert f"3 tasks, 3 images, about {credits:g} credits" in texts(app.caption)
    buttons(app, "Compare 3 models")[0].click().run()
    assert not app.exception and not app.error, texts(app.error)

    comparison_id = app.query_params["comparison"]
    tasks = comparison(store, comparison_id)
    assert sorted(t.model for t in tasks) == sorted(MODELS)  # one task per model, each sent once
    sent = {t.model: t.request.settings() for t in tasks}
    assert sent["gpt-4o-image"]["size"] == "3:2"  # the nearest GPT-4o makes to 16:9
    assert sent["nano-banana-pro"]["aspect_ratio"] == sent["seedream-4.5"]["aspect_ratio"] == "16:9"
    assert sent["seedream-4.5"]["quality"] == "high"
    assert {t.prompt for t in tasks} == {"a lighthouse on a rocky coast"}

    run_until(app, lambda at: len(at.get("image")) >= 3, timeout=40)
    shown = texts(app.markdown)
    for model in MODELS:
        assert catalog.name_of(model) in shown  # each result names its model
    captions = texts(app.caption)
    assert captions.count("took ") == 3 and "credits" in captions and "Landscape 3:2" in captions
    assert not buttons(app, "Star") and not buttons(app, "Unstar")  # Pick is the one way to choose
    assert "Picked" not in shown

    picks = buttons(app, "Pick")
    assert len(picks) == 3
    picks[1].click().run()
    assert not app.exception, app.exception
    starred = [t.task_id for t in comparison(store, comparison_id) if t.favourite]
    assert len(starred) == 1
    assert texts(app.markdown).count("Picked") == 1 and len(buttons(app, "Pick")) == 2  # said once
    assert app.main.get_by_key(f"cmp-card-picked-{starred[0]}") is not None  # the winner's card is framed
    buttons(app, "Pick")[0].click().run()  # another winner: the star moves
    now = [t.task_id for t in comparison(store, comparison_id) if t.favourite]
    assert len(now) == 1 and now != starred

    # A new session (a restart, a link from History) reopens the comparison from its URL.
    again = AppTest.from_file(str(ROOT / "navigation.py"), default_timeout=30)
    again.query_params["comparison"] = comparison_id
    again.run()
    assert not again.exception, again.exception
    assert again.segmented_control(key="gen_mode").value == "compare"
    assert len(again.get("image")) == 3 and texts(again.markdown).count("Picked") == 1


def test_each_result_has_one_row_pick_and_a_menu_with_the_rest(app):
    store = service().server_workspace().store
    learned_fast(store, "gpt-image-2")
    learned_fast(store, "seedream-4.5")
    compare_mode(app)
    app.text_area(key="gen_prompt").input("a green teapot").run()
    app.multiselect(key="cmp_models").set_value(["gpt-image-2", "seedream-4.5"]).run()
    buttons(app, "Compare 2 models")[0].click().run()
    run_until(app, lambda at: len(at.get("image")) >= 2, timeout=40)
    labels = [b.label for b in app.button]
    for label in ("Edit", "Use as reference", "Vary", "Run again", "Upscale 2×", "Remove background",
                  "Add to showcase"):
        assert labels.count(label) == 2, (label, labels)  # once per result, in its More menu
    assert len(app.get("download_button")) == 2
    assert labels.count("Pick") == 2 and "Star" not in labels and "Unstar" not in labels


def test_a_failed_model_says_nothing_was_charged_and_cannot_be_picked(app):
    import time as clock

    from kie.models import Task

    store = service().server_workspace().store
    now = clock.time()
    for n, (model, state) in enumerate((("gpt-image-2", "failed"), ("seedream-4.5", "failed"))):
        store.add(Task(task_id=f"cmp-failed-{n}", kind="text", request=GenerateRequest.build(model, "a kite", {}),
                       state=state, model=model, comparison_id="cmp-failed", created_at=now - 9 + n,
                       completed_at=now - 5 + n, error_message="The service refused it."))
    app.query_params["comparison"] = "cmp-failed"
    app.run()
    assert not app.exception, app.exception
    assert texts(app.caption).count("nothing charged") == 2
    assert not buttons(app, "Pick")
    assert len(buttons(app, "Run again")) == 2  # the one thing to do without a picture


def test_a_pick_the_core_refuses_says_why_and_stars_nothing(app):
    """A comparison changed meanwhile (a task deleted in another tab): its Pick is refused by the core, with words."""
    import time as clock

    from kie.models import Task

    store = service().server_workspace().store
    now = clock.time()
    for n, model in enumerate(("gpt-image-2", "seedream-4.5")):
        store.add(Task(task_id=f"cmp-gone-{n}", kind="text", request=GenerateRequest.build(model, "a kite", {}),
                       state="success", model=model, comparison_id="cmp-gone", created_at=now - 9 + n,
                       completed_at=now - 5 + n, images=["0.png"]))
    app.query_params["comparison"] = "cmp-gone"
    app.run()
    assert len(buttons(app, "Pick")) == 2
    store.delete("cmp-gone-0")  # in another tab
    app.button(key="cmp-pick-cmp-gone-0").click().run()
    assert not app.exception, app.exception
    assert "not part of this comparison" in texts(app.toast)
    assert [t.favourite for t in store.query(limit=5) if t.comparison_id == "cmp-gone"] == [False]


def test_a_grid_of_four_has_a_menu_per_picture_and_one_pick(app):
    import time as clock

    from kie.models import Task

    store = service().server_workspace().store
    now = clock.time()
    for n, (model, images) in enumerate((("midjourney", ["0.png", "1.png", "2.png", "3.png"]),
                                         ("seedream-4.5", ["0.png"]))):
        store.add(Task(task_id=f"cmp-grid-{n}", kind="text", request=GenerateRequest.build(model, "a kite", {}),
                       state="success", model=model, comparison_id="cmp-grid", created_at=now - 9 + n,
                       completed_at=now - 5 + n, images=images))
    app.query_params["comparison"] = "cmp-grid"
    app.run()
    assert not app.exception, app.exception
    assert len(buttons(app, "Pick")) == 2  # one per model, not per picture
    assert app.main.get_by_key("cmp-many-cmp-grid-0") is not None  # the grid's four share the card
    assert len(app.get("popover")) == 5  # a More menu per picture: four of the grid, one of Seedream
    menus = sorted(block.key for block in app.get("popover"))  # keyed by task and picture
    assert [m.startswith(f"cmp-cmp-grid-0-{n}-more") for n, m in enumerate(menus[:4])] == [True] * 4


def test_a_model_that_cannot_follow_the_shape_says_its_nearest(app):
    compare_mode(app)
    app.multiselect(key="cmp_models").set_value(["gpt-4o-image", "midjourney", "imagen-4-fast"]).run()
    app.segmented_control(key="cmp_shape").set_value("21:9").run()
    assert not app.exception, app.exception
    line = texts(app.caption)
    assert ("GPT-4o Image: 3:2 (nearest to 21:9) · Midjourney: 2:1 (nearest to 21:9) · "
            "Imagen 4 Fast: 16:9 (nearest to 21:9)") in line
    app.segmented_control(key="cmp_shape").set_value("2:3").run()
    assert "GPT-4o Image: 2:3 · Midjourney: 2:3 · Imagen 4 Fast: 3:4 (nearest to 2:3)" in texts(app.caption)


def test_fewer_than_two_models_asks_for_more(app):
    compare_mode(app)
    app.multiselect(key="cmp_models").set_value(["gpt-image-2"]).run()
    assert "Choose at least 2 models" in texts(app.info)
    assert not [b for b in app.button if b.label.startswith("Compare ")]


def test_an_empty_prompt_is_refused_once_before_anything_is_sent(app):
    store = service().server_workspace().store
    compare_mode(app)
    app.multiselect(key="cmp_models").set_value(["gpt-image-2", "seedream-4.5"]).run()
    next(b for b in app.button if b.label == "Compare 2 models").click().run()
    assert len(app.error) == 1 and texts(app.error).startswith("Write a prompt")  # said once, not per model
    assert store.query(limit=5) == []


def test_recent_comparisons_reopen(app):
    store = service().server_workspace().store
    compare_mode(app)
    app.text_area(key="gen_prompt").input("a red kite").run()
    app.multiselect(key="cmp_models").set_value(["gpt-image-2", "seedream-4.5"]).run()
    next(b for b in app.button if b.label == "Compare 2 models").click().run()
    comparison_id = app.query_params["comparison"]
    next(b for b in app.button if b.label == "New comparison").click().run()
    assert "comparison" not in app.query_params
    assert "a red kite · GPT Image 2, Seedream 4.5" in texts(app.text)
    app.button(key=f"cmp_open_{comparison_id}").click().run()
    assert app.query_params["comparison"] == comparison_id
    assert len([t for t in store.query(limit=5) if t.comparison_id == comparison_id]) == 2


def test_leaving_a_comparison_for_single_mode_drops_it_from_the_url(app):
    compare_mode(app)
    app.text_area(key="gen_prompt").input("a blue kite").run()
    app.multiselect(key="cmp_models").set_value(["gpt-image-2", "seedream-4.5"]).run()
    next(b for b in app.button if b.label == "Compare 2 models").click().run()
    assert "comparison" in app.query_params
    app.segmented_control(key="gen_mode").set_value("single").run()
    assert "comparison" not in app.query_params
    assert app.selectbox(key="gen_model").label == "Model"  # the Single form, not the comparison
    app.run()
    assert app.segmented_control(key="gen_mode").value == "single"


def test_a_task_of_a_comparison_links_to_it_from_history(app):
    import time

    from kie.models import Task

    store = service().server_workspace().store
    for n, model in enumerate(("gpt-image-2", "seedream-4.5")):
        store.add(Task(task_id=f"cmp-task-{n}", kind="text", request=GenerateRequest.build(model, "a kite", {}),
                       state="success", model=model, comparison_id="cmp-0123", created_at=time.time() - 9 + n,
                       completed_at=time.time() - 5 + n))
    app.query_params["task"] = "cmp-task-0"
    app.switch_page("app_pages/history.py").run()
    assert not app.exception, app.exception
    assert any("[Open the model comparison it was made in](/?comparison=cmp-0123)" in m.value for m in app.markdown)
