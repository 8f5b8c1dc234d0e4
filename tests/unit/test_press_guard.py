"""Which presses a fragment's rerun carries from outside the fragments it names (press_guard.py)."""

from streamlit.proto.WidgetStates_pb2 import WidgetStates

import press_guard
from press_guard import presses, presses_outside


def states(**kinds) -> WidgetStates:
    """A rerun's widget changes: widget id -> (kind, value)."""
    message = WidgetStates()
    for widget_id, (kind, value) in kinds.items():
        state = message.widgets.add()
        state.id = widget_id
        if kind == "string_trigger_value":
            state.string_trigger_value.data = value  # (a message of its own)
        else:
            setattr(state, kind, value)
    return message


def test_presses_are_the_triggers_set_and_not_the_values():
    message = states(generate=("trigger_value", True), unpressed=("trigger_value", False),
                     listener=("json_trigger_value", '["asked"]'), prompt=("string_value", "a wren"),
                     chat=("string_trigger_value", "hello"), count=("int_value", 2))
    assert sorted(presses(message)) == ["chat", "generate", "listener"]
    assert presses(None) == []


def test_a_press_outside_the_named_fragments_is_found_and_one_inside_is_not():
    home = {"generate": None, "star": "panel", "listener": "panel", "notice": "sidebar"}
    assert presses_outside(["panel"], ["listener", "generate"], home) == ["generate"]
    assert presses_outside(["panel"], ["listener", "star"], home) == []
    assert presses_outside(["panel"], ["notice"], home) == ["notice"]  # another fragment's press
    assert presses_outside(["panel", "sidebar"], ["notice"], home) == []
    assert presses_outside([], ["generate"], home) == []  # the whole page runs anyway
    assert presses_outside(["panel"], ["drawn-later"], home) == []  # not registered yet: not judged


def test_install_guards_the_runner_once():
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    press_guard.install()
    first = ScriptRunner._run_script
    press_guard.install()
    assert ScriptRunner._run_script is first and getattr(first, press_guard._MARK)
