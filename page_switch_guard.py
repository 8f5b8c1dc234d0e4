"""A fragment's rerun asked for from a page the session has since left is dropped, not run.

Streamlit queues a rerun the browser asks for while a run is in progress, and the browser names the page it shows.
When a run switches pages (`st.switch_page`: a result's Edit button, say) and the browser asks for a fragment of the
old page before it has heard of the switch (a person's second click, or a listening fragment hearing a task's end,
components/listen), the fragment's rerun is queued behind the new page's run. It then runs with the old page's name:
Streamlit takes it for a page change, finds no such fragment, and the browser is left with the new page's address and
an empty main area until the next reload (seen as a blank Edit page on a loaded machine; Streamlit 1.67).

`install()` puts a check in front of each run the script runner starts: a fragment run naming another page than the
session's is skipped (logged), and nothing of it reaches the browser. A fragment lives on one page, so such a run could
only find nothing; the new page was drawn whole by its own run. Called once by app.py before the app is served.
"""

from __future__ import annotations

import functools
import logging

from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

log = logging.getLogger(__name__)
_MARK = "_studio_page_switch_guard"


def fragment_run_of_a_page_left(current_page: str, asked_page: str, fragments: list[str]) -> bool:
    """Whether a run asked for names fragments of a page other than the one the session is on (an empty page name on
    either side is Streamlit's "the main page" or "not known yet": never dropped)."""
    return bool(fragments) and bool(current_page) and bool(asked_page) and asked_page != current_page


def install() -> None:
    """Guard ScriptRunner._run_script (once per process). Fails loudly at start if Streamlit's runner no longer has
    the method this wraps, rather than leaving the defect unguarded."""
    original = ScriptRunner._run_script
    if getattr(original, _MARK, False):
        return

    @functools.wraps(original)
    def _run_script(self, rerun_data):
        current = self._get_script_run_ctx().page_script_hash
        if fragment_run_of_a_page_left(current, rerun_data.page_script_hash, list(rerun_data.fragment_id_queue)):
            log.info("Skipped a rerun of fragments %s asked for from a page this session has left",
                     list(rerun_data.fragment_id_queue))
            return None
        return original(self, rerun_data)

    setattr(_run_script, _MARK, True)
    ScriptRunner._run_script = _run_script
