"""Generate's Compare models (AppTest, demo mode): one prompt to three models, side by side, Pick, reopen."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from kie import catalog
from kie.models import GenerateRequest
from kie.service import service
from tests.app.conftest import ROOT, learned_fast, run_until

MODELS = ["gpt-4o-image", "nano-banana-pro", "seedream-4.5"]


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def compare_mode(at):
    at.segmented_control(key="gen_mode").set_value("compare").run()
    assert not at.exception, at.exception


def test_compare_three_models_pick_the_winner_and_reopen_it(app):
    store = service().server_workspace().store
    for model in MODELS[1:]:
        learned_fast(store, model)
    compare_mode(app)
    app.text_area(key="gen_prompt").input("a lighthouse on a rocky coast").run()
    app.multiselect(key="cmp_models").set_value(MODELS).run()
    assert not app.exception, app.exception
    # Each model has its own options, at the catalogue's defaults.
    assert app.radio(key="cmp_gpt-4o-image_size").value == catalog.get("gpt-4o-image").defaults()["size"]
    app.radio(key="cmp_seedream-4.5_quality").set_value("high").run()
    assert app.selectbox(key="cmp_nano-banana-pro_aspect_ratio").value == "1:1"
    credits = sum(catalog.get(m).estimate({"quality": "high"} if m == "seedream-4.5" else {}) for m in MODELS)
    assert f"3 tasks, 3 image(s), about {credits:g} credits" in texts(app.caption)
    next(b for b in app.button if b.label == "Compare 3 models").click().run()
    assert not app.exception and not app.error, texts(app.error)

    comparison_id = app.query_params["comparison"]
    tasks = [t for t in store.query(limit=20) if t.comparison_id == comparison_id]
    assert sorted(t.model for t in tasks) == sorted(MODELS)  # one task per model, each sent once
    assert dict(next(t for t in tasks if t.model == "seedream-4.5").request.options)["quality"] == "high"
    assert {t.prompt for t in tasks} == {"a lighthouse on a rocky coast"}

    run_until(app, lambda at: len(at.get("image")) >= 3, timeout=40)
    shown = texts(app.markdown)
    for model in MODELS:
        assert catalog.name_of(model) in shown  # each result names its model
    assert texts(app.caption).count("took ") == 3 and "credits" in texts(app.caption)

    picks = [b for b in app.button if b.label == "Pick"]
    assert len(picks) == 3
    picks[1].click().run()
    assert not app.exception, app.exception
    starred = [t.model for t in store.query(limit=20) if t.comparison_id == comparison_id and t.favourite]
    assert len(starred) == 1
    first = starred[0]
    next(b for b in app.button if b.label == "Pick").click().run()  # another winner: the star moves
    starred = [t.model for t in store.query(limit=20) if t.comparison_id == comparison_id and t.favourite]
    assert len(starred) == 1 and starred != [first]

    # A new session (a restart, a link from History) reopens the comparison from its URL.
    again = AppTest.from_file(str(ROOT / "navigation.py"), default_timeout=30)
    again.query_params["comparison"] = comparison_id
    again.run()
    assert not again.exception, again.exception
    assert again.segmented_control(key="gen_mode").value == "compare"
    assert len(again.get("image")) == 3 and "Picked" in texts(again.markdown)


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
