"""The Model control and each model's options on Generate (AppTest, demo mode): drawn from the catalogue."""

from __future__ import annotations

import pytest

from components import model_form
from kie import catalog
from kie.catalog import ModelSpec, OptionSpec, bool_option
from kie.models import GenerateRequest
from kie.store import TaskStore
from tests.fixtures import pictures

CONTROLS = ("segmented_control", "radio", "selectbox", "toggle")


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def widgets(at) -> dict:
    """Every option-like widget on the page by key."""
    found = {}
    for kind in CONTROLS:
        for widget in getattr(at, kind):
            found[widget.key] = widget
    return found


def option_widgets(at, model_id: str) -> dict:
    """The widgets of one model's options on Generate, by option key."""
    prefix = f"gen_{model_id}_"
    return {k[len(prefix):]: w for k, w in widgets(at).items() if k and k.startswith(prefix)}


def choose(at, model_id: str):
    at.selectbox(key="gen_model").set_value(model_id).run()
    assert not at.exception, at.exception
    return at


def click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def test_the_model_control_lists_the_catalogues_models_by_name(app):
    model = app.selectbox(key="gen_model")
    assert model.label == "Model"
    grouped = catalog.grouped_models()  # every model, grouped by maker, named as the catalogue names it
    assert model.options == [m.name for m in grouped]
    assert model.value == catalog.DEFAULT_MODEL
    assert {m.id for m in grouped} == {m.id for m in catalog.image_models()}
    # The chosen model's maker, what it is good at, its price and time, in the control's help.
    assert model.help.startswith(model_form.model_label(catalog.get(catalog.DEFAULT_MODEL), {}))


@pytest.mark.parametrize("spec", catalog.image_models(), ids=lambda s: s.id)
def test_each_model_shows_its_own_options_and_only_those(app, spec):
    choose(app, spec.id)
    shown = option_widgets(app, spec.id)
    assert set(shown) == {o.key for o in spec.options}
    for option in spec.options:
        widget = shown[option.key]
        assert widget.label == option.label
        if option.kind == "choice":
            allowed = spec.allowed_values(option.key, {}, 0)
            assert widget.options == [option.label_for(v) for v in allowed]
        assert widget.value == option.default  # the catalogue's defaults are shown
    others = [k for k in widgets(app) if k and k.startswith("gen_") and not k.startswith(f"gen_{spec.id}_")
              and k not in ("gen_model", "gen_mode")]
    assert others == []  # no option of another model
    assert f"Prompts up to {spec.max_prompt_chars:,} characters" in texts(app.caption)


def test_gpt_image_2_with_auto_offers_only_1k_and_says_why(app):
    choose(app, "gpt-image-2")
    assert option_widgets(app, "gpt-image-2")["aspect_ratio"].value == "auto"
    assert option_widgets(app, "gpt-image-2")["resolution"].options == ["1K"]
    assert "2K, 4K not offered" in texts(app.caption) and "1K only" in texts(app.caption)
    option_widgets(app, "gpt-image-2")["aspect_ratio"].set_value("16:9").run()
    resolution = option_widgets(app, "gpt-image-2")["resolution"]
    assert resolution.options == ["1K", "2K", "4K"]
    resolution.set_value("4K").run()
    # A ratio that is 1K only takes the resolution back to 1K rather than offering a refused pair.
    option_widgets(app, "gpt-image-2")["aspect_ratio"].set_value("5:4").run()
    assert option_widgets(app, "gpt-image-2")["resolution"].value == "1K"
    assert option_widgets(app, "gpt-image-2")["resolution"].options == ["1K"]


def test_gpt_image_2_with_a_reference_offers_no_4k_at_1_1(app, app_env):
    store = TaskStore(app_env, "demo")
    app.session_state["gen_refs"] = [{"name": store.save_input(pictures.png((20, 20))), "width": 20, "height": 20,
                                      "label": "r"}]
    choose(app, "gpt-image-2")
    option_widgets(app, "gpt-image-2")["aspect_ratio"].set_value("1:1").run()
    assert option_widgets(app, "gpt-image-2")["resolution"].options == ["1K", "2K"]
    assert "cannot make a 1:1 picture at 4K" in texts(app.caption)


def test_a_refused_number_of_references_is_explained(app, app_env):
    store = TaskStore(app_env, "demo")
    spec = catalog.get(catalog.DEFAULT_MODEL)
    app.session_state["gen_refs"] = [
        {"name": store.save_input(pictures.png((10 + i, 10))), "width": 10 + i, "height": 10, "label": f"r{i}"}
        for i in range(spec.max_refs + 1)]
    app.run()
    assert spec.refusal({}, spec.max_refs + 1) in texts(app.warning)


def test_the_prompt_limit_is_the_models_own(app):
    choose(app, "seedream-4.5")
    limit = catalog.get("seedream-4.5").max_prompt_chars
    app.text_area(key="gen_prompt").input("y" * (limit + 1)).run()
    assert f"takes at most {limit:,}" in texts(app.warning)
    click(app, "Generate")
    assert f"shorten it to {limit:,}" in texts(app.error)
    choose(app, "gpt-image-2")  # a model with a longer limit takes the same prompt
    assert "takes at most" not in texts(app.warning)


def test_an_empty_prompt_shows_only_its_message(app):
    app.text_area(key="gen_prompt").input("a paper boat").run()
    click(app, "Generate")
    assert [s.label for s in app.status] == ["Submitted"]  # a request that is sent shows its status box
    app.text_area(key="gen_prompt").input("").run()
    click(app, "Generate")
    assert texts(app.error) == "Write a prompt, or add a reference picture."
    assert [s.label for s in app.status] == []  # no "Submitting…" box above it
    from kie.service import service

    assert [t.prompt for t in service().server_workspace().store.query(limit=5)] == ["a paper boat"]  # nothing more


def test_choices_survive_switching_model_and_back(app):
    choose(app, "nano-banana-pro")
    option_widgets(app, "nano-banana-pro")["output_format"].set_value("jpg").run()
    choose(app, "gpt-4o-image")
    choose(app, "nano-banana-pro")
    assert option_widgets(app, "nano-banana-pro")["output_format"].value == "jpg"


def test_a_new_catalogue_entry_gets_its_form_with_no_page_change(app):
    fake = ModelSpec(
        id="fake-painter", name="Fake Painter 1", family="market", upstream="fake/painter", max_prompt_chars=1234,
        max_refs=2, options=(
            OptionSpec("palette", "Palette", ("warm", "cool", "mono"), "cool", "choice",
                       {"warm": "Warm", "cool": "Cool", "mono": "Mono"}),
            OptionSpec("detail", "Detail level", tuple(f"level-{n}" for n in range(9)), "level-3"),
            bool_option("grain", "Film grain", True),
        ))
    catalog.register(fake)
    try:
        app.run()
        assert "Fake Painter 1" in app.selectbox(key="gen_model").options  # its name
        choose(app, "fake-painter")
        shown = option_widgets(app, "fake-painter")
        assert {k: w.label for k, w in shown.items()} == {"palette": "Palette", "detail": "Detail level",
                                                         "grain": "Film grain"}
        assert shown["palette"].options == ["Warm", "Cool", "Mono"] and shown["palette"].value == "cool"
        assert shown["detail"].options == [f"level-{n}" for n in range(9)]  # many values: a selectbox
        assert shown["grain"].value is True
        assert "Prompts up to 1,234 characters" in texts(app.caption)
        assert "Reference pictures (0 of 2)" in [e.label for e in app.expander]
    finally:
        catalog.unregister("fake-painter")


def test_restore_from_a_png_brings_the_model_and_its_options_back(app):
    from kie.models import Task
    from kie.pngmeta import tag_png

    request = GenerateRequest.build("seedream-4.5", "a glass lighthouse", {"aspect_ratio": "21:9", "quality": "high"})
    task = Task(task_id="task_restore", kind="text", request=request.validated(), state="success",
                model="seedream-4.5")
    png = tag_png(pictures.png((64, 64)), task, 0)
    app.file_uploader(key="gen_restore_file").set_value(("made.png", png, "image/png")).run()
    assert not app.exception, app.exception
    assert app.selectbox(key="gen_model").value == "seedream-4.5"
    assert app.text_area(key="gen_prompt").value == "a glass lighthouse"
    shown = option_widgets(app, "seedream-4.5")
    assert shown["aspect_ratio"].value == "21:9" and shown["quality"].value == "high"
    assert "Seedream 4.5" in texts(app.toast)


def test_the_fallback_model_can_be_chosen_only_with_the_fallback_on(app):
    """Nothing offered that cannot work: GPT-4o's fallback model counts only when the fallback is on."""
    assert app.radio(key="gen_gpt-4o-image_fallback_model").disabled
    app.toggle(key="gen_gpt-4o-image_enable_fallback").set_value(True).run()
    assert not app.radio(key="gen_gpt-4o-image_fallback_model").disabled
