"""Streamlit decodes a component's state and events before our code runs: the bound sits in front of both."""

from __future__ import annotations

import json

from streamlit.components.v2.bidi_component import main
from streamlit.components.v2.bidi_component.serialization import BidiComponentSerde
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.state import session_state

from components import browser_values

DEEP = "[" * 5000 + "]" * 5000


def state(**value) -> WidgetState:
    return WidgetState(id="w", **value)


def test_the_bound_is_installed_in_the_streamlit_that_is_installed():
    browser_values.install()
    browser_values.install()  # once is enough: a second call changes nothing
    assert session_state.unpack_widget_state_value.__module__ == "components.browser_values"
    assert main.deserialize_trigger_list.__module__ == "components.browser_values"


def test_a_deep_or_huge_state_becomes_a_refusal_not_a_recursion_error():
    browser_values.install()
    unpack, serde = session_state.unpack_widget_state_value, BidiComponentSerde(default={"drawing": None})
    for sent in ('{"drawing": ' + DEEP + "}", json.dumps({"drawing": "x" * 3_000_000})):
        value = serde.deserialize(unpack(state(json_value=sent)))  # as Streamlit's session state does
        assert set(value) == {browser_values.REFUSED, "drawing"} and value["drawing"] is None
        assert value[browser_values.REFUSED].startswith("What the page sent is ")
    assert unpack(state(json_value='{"drawing": "[[1, 2]]"}')) == {"drawing": "[[1, 2]]"}
    assert unpack(state(string_value=DEEP)) == DEEP  # other widgets' values are not JSON: left as they were
    assert unpack(state(int_value=3)) == 3


def test_deep_events_are_dropped_and_others_pass():
    browser_values.install()
    assert main.deserialize_trigger_list(DEEP) is None
    assert main.deserialize_trigger_list('[{"event": "x", "value": 1}]') == [{"event": "x", "value": 1}]
    assert main.deserialize_trigger_list('{"event": "x"}') == [{"event": "x"}]
    assert main.deserialize_trigger_list(None) is None
