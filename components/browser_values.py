"""Every value our Components-v2 components send from the page is bounded before Streamlit decodes it.

Streamlit 1.67 decodes a component's state (`unpack_widget_state_value` in its session state) and its events (the
events decoder `bidi_component/main.py` names) with `json.loads` when a rerun begins, before any of our code runs,
and then compares them with the last ones. A value nested a few thousand levels deep (anyone can call a component's
setter from the browser console) raises `RecursionError` there: a traceback in the page on every rerun until a
reload. `install` puts `kie.browser_input.parse_json_value` in front of both: a state too large or too deep becomes
one with only `REFUSED` (the reason; `mask_canvas` shows it), events too large or too deep become none.

This reaches into Streamlit's internals, so tests/unit/test_browser_values.py checks it against the installed
Streamlit; if an upgrade moves them, `install` logs a warning and leaves Streamlit as it is.
"""

from __future__ import annotations

import logging

from kie.browser_input import BrowserInputError, parse_json_value

MAX_BYTES = 2_500_000  # a component's whole state: the mask canvas's drawing (2 MB of JSON at most), as a string
MAX_DEPTH = 16  # ours nest 3 at most (the canvas sends its drawing as text)
REFUSED = "refused_value"  # the key of a refused state; its value says why

_log = logging.getLogger(__name__)
_installed = False


def bounded(raw: str) -> object:
    """What the page sent, decoded, or `BrowserInputError` when it is too large or too deep."""
    return parse_json_value(raw, max_bytes=MAX_BYTES, max_depth=MAX_DEPTH, what="What the page sent")


def install() -> None:
    """Bound every component value Streamlit decodes (once per process; later calls do nothing)."""
    global _installed  # noqa: PLW0603 - one patch for the whole process
    if _installed:
        return
    _installed = True
    try:
        from streamlit.components.v2.bidi_component import main
        from streamlit.runtime.state import session_state
        state_decoder = session_state.unpack_widget_state_value
        events_decoder = main.deserialize_trigger_list
    except (ImportError, AttributeError):
        _log.warning("Streamlit's component decoders moved: component values are decoded without a size bound")
        return

    def unpack_widget_state_value(widget_state):
        if widget_state.WhichOneof("value") != "json_value":  # only components send JSON state
            return state_decoder(widget_state)
        try:
            return bounded(widget_state.json_value)
        except BrowserInputError as error:
            _log.warning("A component's state from the page was refused: %s", error)
            return {REFUSED: str(error)}

    def deserialize_trigger_list(raw):
        if not isinstance(raw, str):
            return events_decoder(raw)
        try:
            value = bounded(raw)
        except BrowserInputError as error:
            _log.warning("A component's events from the page were refused: %s", error)
            return None
        return value if value is None or isinstance(value, list) else [value]

    session_state.unpack_widget_state_value = unpack_widget_state_value
    main.deserialize_trigger_list = deserialize_trigger_list
