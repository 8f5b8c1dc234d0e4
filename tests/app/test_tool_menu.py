"""The result menu lists the catalogue's tools that work on the result's model (a tool added to the catalogue shows
with no change to the menu; Midjourney's Upscale and Vary only under a Midjourney grid), and a press runs the tool
with the options its button names on the picture the menu sits under."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from kie import catalog
from kie.catalog import ModelSpec, OptionSpec


def menu() -> None:
    from types import SimpleNamespace

    import streamlit as st

    from components.tool_menu import tool_buttons

    def run_tool(task, index, tool_id, options):  # the workspace's run_tool, as the menu calls it
        st.session_state["ran"] = (tool_id, index, options)
        return SimpleNamespace(task_id="made-by-tool")

    result = SimpleNamespace(task_id="source", model=st.session_state.get("model", "gpt-4o-image"))
    tool_buttons(SimpleNamespace(workspace=SimpleNamespace(run_tool=run_tool)), result,
                 st.session_state.get("picture", 0), "k")


@pytest.fixture
def fake_tools():
    few = catalog.register(ModelSpec(
        id="fake-tint", name="Tint", family="market", is_tool=True, upstream="fake/tint", max_prompt_chars=0,
        max_refs=1, refs_required=True, single_ref=True, refs_field="image_url",
        options=(OptionSpec("colour", "Colour", ("sepia", "blue"), "sepia", "choice",
                            {"sepia": "sepia", "blue": "blue"}),)))
    many = catalog.register(ModelSpec(
        id="fake-grain", name="Add grain", family="market", is_tool=True, upstream="fake/grain", max_prompt_chars=0,
        max_refs=1, refs_required=True, single_ref=True, refs_field="image_url",
        options=(OptionSpec("amount", "Amount", tuple(str(n) for n in range(1, 10)), "3"),)))
    yield few, many
    catalog.unregister(few.id)
    catalog.unregister(many.id)


def test_the_menu_lists_every_tool_of_the_catalogue(fake_tools):
    at = AppTest.from_function(menu, default_timeout=30).run()
    assert not at.exception, at.exception
    assert [b.label for b in at.button] == ["Upscale 2×", "Upscale 4×", "Remove background", "Tint sepia",
                                            "Tint blue", "Add grain"]
    assert at.selectbox(key="k-tool_fake-grain_amount").options == [str(n) for n in range(1, 10)]  # many: a form


def test_a_press_runs_the_tool_with_the_options_its_button_names(fake_tools):
    at = AppTest.from_function(menu, default_timeout=30).run()
    next(b for b in at.button if b.label == "Upscale 4×").click().run()
    assert not at.exception, at.exception
    assert at.session_state["ran"] == ("topaz-upscale", 0, {"upscale_factor": "4"})
    assert "made-by-tool" in at.session_state["_pending"]  # followed like any task
    at.selectbox(key="k-tool_fake-grain_amount").set_value("7").run()
    next(b for b in at.button if b.label == "Add grain").click().run()
    assert at.session_state["ran"] == ("fake-grain", 0, {"amount": "7"})


def test_a_midjourney_grid_offers_its_upscale_and_vary_and_runs_them_on_the_picture_under_the_menu():
    at = AppTest.from_function(menu, default_timeout=30)
    at.session_state["model"], at.session_state["picture"] = "midjourney", 2
    at.run()
    assert not at.exception, at.exception
    assert [b.label for b in at.button] == ["Upscale 2×", "Upscale 4×", "Remove background", "Upscale (Midjourney)",
                                            "Vary (Midjourney)"]
    next(b for b in at.button if b.label == "Vary (Midjourney)").click().run()
    assert not at.exception, at.exception
    assert at.session_state["ran"] == ("midjourney-vary", 2, {})  # the picture's index is the menu's own
    assert "made-by-tool" in at.session_state["_pending"]


def test_other_models_pictures_do_not_offer_midjourneys_follow_ups():
    at = AppTest.from_function(menu, default_timeout=30)
    at.session_state["model"] = "flux-kontext-max"
    at.run()
    assert not at.exception, at.exception
    assert [b.label for b in at.button] == ["Upscale 2×", "Upscale 4×", "Remove background"]
