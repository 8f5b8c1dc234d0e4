"""A press that reaches the server inside a fragment's rerun, made on a widget outside that fragment, runs the whole
page: it is never taken and then dropped.

Streamlit's browser side sends the widget changes made before its next flush (a zero-delay timer) as one rerun, and
that rerun names the fragment of whichever change named one (Streamlit 1.67, `WidgetStateManager.scheduleFlush`).
When a listening fragment's component asks for its rerun (components/listen: a task changed) in the same moment as
a person presses a button outside it (Generate, say), the press rides in a rerun of that fragment alone: its trigger
is set and cleared again, but the code that acts on it is never run, and the press is lost; were the fragment gone
by then, the whole rerun was dropped with it. Seen once in a full run of the test command: a Generate press made no
task while the panel's listener asked for a rerun.

`install()` puts a check in front of each run the script runner starts: a fragment run whose changes carry a press
(a trigger) of a widget registered outside the fragments it names runs as the whole page's run instead, which runs
those fragments too. Called once by app.py before the app is served.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Iterable, Mapping

from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
from streamlit.runtime.state.common import WidgetMetadata
from streamlit.runtime.state.session_state import SessionState

from page_switch_guard import fragment_run_of_a_page_left

log = logging.getLogger(__name__)
_MARK = "_studio_press_guard"
# The kinds of widget state that are a press (set for one run, then cleared), as Streamlit's WidgetState names them.
PRESSES = frozenset({"trigger_value", "string_trigger_value", "json_trigger_value", "chat_input_value"})


def presses(widget_states) -> list[str]:
    """The ids of the widgets pressed in a rerun's widget changes (a WidgetStates message, or None)."""
    if widget_states is None:
        return []
    pressed = []
    for state in widget_states.widgets:
        kind = state.WhichOneof("value")
        if kind in PRESSES and (kind != "trigger_value" or state.trigger_value):
            pressed.append(state.id)
    return pressed


def presses_outside(fragments: Iterable[str], pressed: Iterable[str], home: Mapping[str, str | None]) -> list[str]:
    """The pressed widgets that live outside every fragment a run names (`home`: widget id -> the fragment it was
    drawn in, None for the page itself). A widget not drawn yet is not judged."""
    named = set(fragments)
    return [w for w in pressed if w in home and home[w] not in named] if named else []


def _widget_homes(runner: ScriptRunner) -> Mapping[str, str | None]:
    """Widget id -> the fragment it was drawn in (None: the page), from the session's registered widgets."""
    widgets = runner._session_state._state._new_widget_state.widget_metadata
    return {widget_id: meta.fragment_id for widget_id, meta in widgets.items()}


def install() -> None:
    """Guard ScriptRunner._run_script (once per process). Fails loudly at start if Streamlit's runner or its session
    state no longer has what this reads, rather than leaving presses unguarded."""
    original = ScriptRunner._run_script
    if getattr(original, _MARK, False):
        return
    if "fragment_id" not in {f.name for f in dataclasses.fields(WidgetMetadata)} or "_new_widget_state" not in {
            f.name for f in dataclasses.fields(SessionState)}:
        raise RuntimeError("press_guard: Streamlit's widget state no longer holds what this reads; review it")

    @functools.wraps(original)
    def _run_script(self, rerun_data):
        fragments = list(rerun_data.fragment_id_queue)
        pressed = presses(rerun_data.widget_states) if fragments else []  # (a tick of run_every carries none)
        current = self._get_script_run_ctx().page_script_hash
        # (A run naming a page the session has left is page_switch_guard's: a press there is on a page not shown.)
        if pressed and not fragment_run_of_a_page_left(current, rerun_data.page_script_hash, fragments):
            outside = presses_outside(fragments, pressed, _widget_homes(self))
            if outside:
                log.info("A rerun of fragments %s carried presses made outside them (%s): the whole page runs",
                         fragments, outside)
                rerun_data = dataclasses.replace(rerun_data, fragment_id_queue=[], is_fragment_scoped_rerun=False)
        return original(self, rerun_data)

    setattr(_run_script, _MARK, True)
    ScriptRunner._run_script = _run_script

