"""The tools a finished picture offers (upscale, remove the background, ...), read from the catalogue.

Nothing here knows a tool: `catalog.tools()` lists them, and each tool's options come from its catalogue entry. A
tool with few combinations of options gets one button for each, named by the tool and its values' labels
("Upscale 2×"); one with more draws its options with the model form's widgets and a button to run it."""

from __future__ import annotations

from typing import Any

import streamlit as st

from components import following, model_form
from components.session import SessionContext
from components.trouble import show_error
from kie import catalog, errors
from kie.catalog import ModelSpec
from kie.models import Task

MAX_BUTTONS = 4  # a tool with at most this many combinations of options: one button each, no form
SOURCE_PICTURES = 1  # a tool works on one picture: its options are checked for one reference


def choice_label(spec: ModelSpec, options: dict[str, Any]) -> str:
    """A tool and its chosen values in words: "Upscale 2×", "Remove background" (an option switched on adds its
    label, one switched off adds nothing)."""
    words = [spec.name]
    for key, value in options.items():
        option = spec.option(key)
        if option.kind == "bool":
            words += [option.label] if value else []
        else:
            words.append(option.label_for(value))
    return " ".join(words)


def choices(spec: ModelSpec) -> list[tuple[str, dict[str, Any]]] | None:
    """One (label, options) per combination the catalogue allows on one picture; None when there are too many to
    offer as buttons (the options are then drawn as a form)."""
    allowed = [c for c in spec.combinations() if spec.refusal(c, SOURCE_PICTURES) is None]
    if len(allowed) > MAX_BUTTONS:
        return None
    return [(choice_label(spec, c), c) for c in allowed]


def run_tool(ctx: SessionContext, task: Task, index: int, tool_id: str, options: dict[str, Any]) -> Task | None:
    """Run a tool on one result: a new task linked to its source, followed like any other (None, with the reason
    shown, if refused)."""
    try:
        made = ctx.workspace.run_tool(task, index, tool_id, dict(options))
    except errors.KieError as error:
        show_error(error)
        return None
    following.follow(made.task_id)
    return made


def tool_buttons(ctx: SessionContext, task: Task, index: int, key: str) -> None:
    """Every tool of the catalogue for one result, in the result's menu."""
    for spec in catalog.tools():
        offered = choices(spec)
        if offered is None:  # many combinations: the tool's options as the model form draws them, then Run
            with st.container(border=True):
                options = model_form.option_controls(f"{key}-tool", spec, refs=SOURCE_PICTURES)
                offered = [(spec.name, options)]
        for label, options in offered:
            if st.button(label, key=f"{key}-tool-{label}", icon=":material/auto_fix_high:", width="stretch"):
                if run_tool(ctx, task, index, spec.id, options):
                    st.rerun(scope="app")
