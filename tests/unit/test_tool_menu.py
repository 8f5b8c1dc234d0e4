"""The result menu's tools come from the catalogue: a tool's own menu entries, or each combination of its options as
buttons named by the tool and its values, or, past a few, as the model form's widgets; a tool that acts on the
provider's task is offered without a picture sent and without a choice of the picture (the menu's own)."""

from __future__ import annotations

import pytest

from components.tool_menu import MAX_BUTTONS, choice_label, choices, pictures_sent
from kie import catalog
from kie.catalog import Constraint, ModelSpec, OptionSpec, bool_option


def tool(tool_id: str, *options: OptionSpec, constraints: tuple[Constraint, ...] = ()) -> ModelSpec:
    return ModelSpec(id=tool_id, name="Sharpen", family="market", is_tool=True, upstream="fake/sharpen",
                     refs_field="image_url", single_ref=True, max_prompt_chars=0, max_refs=1, refs_required=True,
                     options=options, constraints=constraints)


def test_the_built_in_tools_keep_their_words():
    offered = {spec.id: choices(spec) for spec in catalog.tools()}
    assert offered["topaz-upscale"] == [("Upscale 2×", {"upscale_factor": "2"}),
                                        ("Upscale 4×", {"upscale_factor": "4"})]
    assert offered["recraft-remove-background"] == [("Remove background", {})]
    assert offered["midjourney-upscale"] == [("Upscale (Midjourney)", {})]
    assert offered["midjourney-vary"] == [("Vary (Midjourney)", {})]


def test_a_tool_acting_on_the_providers_task_sends_no_picture_and_leaves_the_picture_to_the_menu():
    follow_up = ModelSpec(id="fake-zoom", name="Zoom", family="midjourney", is_tool=True, acts_on_task=True,
                          follow_up="zoom", max_prompt_chars=0, max_refs=0,
                          options=(OptionSpec("image_index", "Picture", (0, 1, 2, 3), 0),
                                   OptionSpec("zoom", "by", ("1.5", "2"), "2")))
    assert pictures_sent(follow_up) == 0 and pictures_sent(catalog.get("topaz-upscale")) == 1
    # one button per zoom, not per zoom and picture; a picture sent would be refused (max_refs 0), so none is
    assert choices(follow_up) == [("Zoom 1.5", {"zoom": "1.5"}), ("Zoom 2", {"zoom": "2"})]


def test_a_switch_adds_its_label_only_when_on():
    spec = tool("fake-sharpen", OptionSpec("amount", "Amount", ("soft", "hard"), "soft", "choice",
                                           {"soft": "softly", "hard": "hard"}),
                bool_option("edges", "keeping edges"))
    assert [label for label, _ in choices(spec)] == ["Sharpen softly", "Sharpen softly keeping edges",
                                                     "Sharpen hard", "Sharpen hard keeping edges"]
    assert choice_label(spec, {"amount": "hard", "edges": False}) == "Sharpen hard"


def test_combinations_the_catalogue_refuses_are_not_offered():
    no_hard_edges = Constraint(("amount", "edges"), lambda o, refs: o["amount"] == "hard" and o["edges"],
                               lambda o, refs: "Hard sharpening cannot keep edges.")
    spec = tool("fake-sharpen", OptionSpec("amount", "Amount", ("soft", "hard"), "soft"),
                bool_option("edges", "keeping edges"), constraints=(no_hard_edges,))
    assert [options for _, options in choices(spec)] == [{"amount": "soft", "edges": False},
                                                         {"amount": "soft", "edges": True},
                                                         {"amount": "hard", "edges": False}]


@pytest.mark.parametrize("values", [MAX_BUTTONS + 1, 9])
def test_a_tool_with_many_combinations_is_drawn_as_a_form(values):
    spec = tool("fake-sharpen", OptionSpec("radius", "Radius", tuple(str(n) for n in range(values)), "1"))
    assert choices(spec) is None
