"""The tools a finished picture offers (upscale, remove the background, Midjourney's Upscale and Vary...), read from
the catalogue.

Nothing here knows a tool: `catalog.tools_for(model)` lists the ones that work on that model's pictures, and each
tool's options come from its catalogue entry. A tool with a `menu` gets its entries as buttons ("Upscale 2×",
"Upscale (Midjourney)"); one without, with few combinations of options, one button for each, named by the tool and
its values' labels; one with more draws its options with the model form's widgets and a button to run it. A tool that
acts on the provider's own task (`acts_on_task`) sends no picture: the picture the menu sits under is its index."""

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
PICTURE_OPTION = "image_index"  # set by the picture the menu sits under (kie.tools), never offered as a choice
MENUS_CLOSED = "_menus_closed"  # counts the tools run from a menu: each run gives every result menu a new key


def menu_key(key: str) -> str:
    """The key of a result's menu (a popover): a new one once a tool ran from a menu, so the menu is drawn afresh,
    closed (a popover stays open over reruns while its key stays the same)."""
    return f"{key}-{st.session_state.get(MENUS_CLOSED, 0)}"


def pictures_sent(spec: ModelSpec) -> int:
    """How many pictures a tool's request carries: none for one that acts on the provider's own task (it names the
    task and the picture's index), else the one picture it works on."""
    return 0 if spec.acts_on_task else SOURCE_PICTURES


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
    """One (label, options) per entry of the tool's `menu`, or else per combination the catalogue allows on one
    picture (the picture's own index left out); None when there are too many to offer as buttons (the options are
    then drawn as a form). Entries the catalogue refuses are not offered."""
    refs = pictures_sent(spec)
    if spec.menu:
        return [(label, dict(options)) for label, options in spec.menu if spec.refusal(dict(options), refs) is None]
    allowed: list[dict[str, Any]] = []
    for combination in spec.combinations():
        chosen = {k: v for k, v in combination.items() if k != PICTURE_OPTION}
        if chosen not in allowed and spec.refusal(chosen, refs) is None:
            allowed.append(chosen)
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
    """Every tool of the catalogue that works on this result's model, in the result's menu."""
    for spec in catalog.tools_for(task.model):
        offered = choices(spec)
        if offered is None:  # many combinations: the tool's options as the model form draws them, then Run
            with st.container(border=True):
                options = model_form.option_controls(f"{key}-tool", spec, refs=pictures_sent(spec))
                offered = [(spec.name, options)]
        for label, options in offered:
            if st.button(label, key=f"{key}-tool-{label}", icon=":material/auto_fix_high:", width="stretch"):
                if run_tool(ctx, task, index, spec.id, options):
                    st.session_state[MENUS_CLOSED] = st.session_state.get(MENUS_CLOSED, 0) + 1  # the menu closes
                    st.rerun(scope="app")
