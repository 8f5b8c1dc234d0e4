"""Which changes a fragment's rerun carries from outside the fragments it names (press_guard.py)."""

from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates

import press_guard
from press_guard import changed_widgets, changes_outside


def state(widget_id: str, kind: str, value) -> WidgetState:
    one = WidgetState(id=widget_id)
    if kind == "string_trigger_value":
        one.string_trigger_value.data = value  # (a message of its own)
    else:
        setattr(one, kind, value)
    return one


def states(*each: WidgetState) -> WidgetStates:
    message = WidgetStates()
    message.widgets.extend(each)
    return message


def test_every_press_is_a_change_and_a_value_only_when_it_differs_from_the_session_s():
    held = {"prompt": state("prompt", "string_value", "a wren"), "model": state("model", "string_value", "a"),
            "count": state("count", "int_value", 2)}
    message = states(state("generate", "trigger_value", True), state("unpressed", "trigger_value", False),
                     state("listener", "json_trigger_value", '["asked"]'), state("chat", "string_trigger_value", "hi"),
                     state("prompt", "string_value", "a wren"), state("model", "string_value", "b"),
                     state("count", "int_value", 2), state("new", "int_value", 5))
    assert sorted(changed_widgets(message, held.get)) == ["chat", "generate", "listener", "model"]
    assert changed_widgets(None, held.get) == []


def test_a_change_outside_the_named_fragments_is_found_and_one_inside_is_not():
    home = {"generate": None, "star": "panel", "listener": "panel", "notice": "sidebar"}
    assert changes_outside(["panel"], ["listener", "generate"], home) == ["generate"]
    assert changes_outside(["panel"], ["listener", "star"], home) == []
    assert changes_outside(["panel"], ["notice"], home) == ["notice"]  # another fragment's
    assert changes_outside(["panel", "sidebar"], ["notice"], home) == []
    assert changes_outside([], ["generate"], home) == []  # the whole page runs anyway
    assert changes_outside(["panel"], ["drawn-later"], home) == []  # not registered yet: not judged


def test_install_guards_the_runner_once():
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    press_guard.install()
    first = ScriptRunner._run_script
    press_guard.install()
    assert ScriptRunner._run_script is first and getattr(first, press_guard._MARK)
