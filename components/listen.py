"""A fragment that listens for its tasks' changes instead of ticking (issue 28).

`listen_for(ctx, tasks, key=...)`, called inside the fragment that draws `tasks`, mounts a small Components-v2
component of our own (components/listen/) that keeps a WebSocket open to server.py's task-events route while any
of them is unfinished. When a task changes (progress, state, pictures), wherever the change was kept (this
server's worker, a callback, another replica), the component sets a trigger and Streamlit reruns that fragment
only. The route is told what to send by a short-lived token signed by this process (kie.task_events), naming this
browser session and the tasks the person's view holds; it goes in the connection's first message, never in a URL.
When such a fragment sees a task end, `rerun_page_once_shown` starts the page's whole run once the browser has had
time to show the new picture.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitDuplicateElementKey

from components import browser_values, session
from components.session import SessionContext
from kie import task_events
from kie.models import Task
from kie.service import WORKER_STALE_SECONDS
from kie.store import StoreUnavailable

ROUTE = "/api/studio/task-events"  # server.py
# A listening fragment has no tick of its own (its run_every): the component asks for its reruns. It asks for one
# this often as well while its connection is down, has never come up or has gone silent, or while a change it heard
# has not been drawn (the environment's value is for tests that must tell a catch-up from this net). While the
# connection is alive and everything heard is drawn, a waiting tab costs nothing (bench/RESULTS.md, issue 28).
SAFETY_TICK_SECONDS = float(os.environ.get("STUDIO_SAFETY_TICK_SECONDS") or 60.0)
LISTENING_RUN_EVERY = None  # what a fragment that listens passes as run_every
# A connection that has sent nothing (not even the route's ping) for this long counts as down.
SILENT_SECONDS = 2 * task_events.KEEPALIVE_SECONDS + 5.0
# The pause before the page's run that follows a task's end (`rerun_page_once_shown`; the environment's value is for
# the test that presses in it). End to picture with it: 0.26 s with callbacks, 1.2 s before (bench/RESULTS.md).
PICTURE_FIRST_SECONDS = float(os.environ.get("STUDIO_PICTURE_FIRST_SECONDS") or 0.3)
_ASSETS = Path(__file__).with_name("listen")
# Streamlit's code for drawing a picture is loaded only when a page first draws one; a tab waiting on its first
# result would load it while the picture waits, and a page's run coming meanwhile held the picture back further
# (bench/RESULTS.md, issue 28's fourth pass). While it listens, the component loads it ahead (the names are those of
# the installed Streamlit's own files; none found, nothing is loaded ahead).
PRELOAD = sorted(p.name for p in (Path(st.__file__).parent / "static" / "static" / "js").glob("ImageList.*.js"))

browser_values.install()  # what the page sends back is bounded before Streamlit decodes it
_listener = st.components.v2.component(
    "studio_listen",
    html=(_ASSETS / "listen.html").read_text(encoding="utf-8"),
    css=(_ASSETS / "listen.css").read_text(encoding="utf-8"),
    js=(_ASSETS / "listen.js").read_text(encoding="utf-8"),
)


def listen_for(ctx: SessionContext | None, tasks: Iterable[Task], *, key: str, safety_alone: bool = False,
               ends_only: bool = False) -> bool:
    """Rerun the calling fragment when one of `tasks` that is unfinished changes; False (nothing mounted) when none
    is unfinished or there is no browser session (AppTest). With `safety_alone` (a fragment that has no tick of its
    own and still waits on work it does not draw) the component is mounted even then, as its safety net only. With
    `ends_only` (a fragment that draws no progress) a change of progress alone does not rerun it."""
    open_tasks = [t for t in tasks if t.needs_polling]
    session_id = session.session_id()
    if session_id is None or not (open_tasks or safety_alone):
        return False
    token, drawn = task_events.subscription_for(ctx.store, session_id, open_tasks) \
        if open_tasks and ctx is not None else ("", {})
    if not drawn:
        if not safety_alone:
            return False
        token = ""
    _listener(key=f"listen-{key}", data={"key": key, "token": token, "tasks": sorted(drawn), "drawn": drawn,
                                         "path": ROUTE, "safety": SAFETY_TICK_SECONDS, "alive": SILENT_SECONDS,
                                         "endsOnly": ends_only, "preload": PRELOAD if token else []},
              on_changed_change=lambda: None, height=0)
    return True


@contextmanager
def safety_through_trouble(key: str) -> Iterator[None]:
    """Around a listening fragment's drawing: when the history database is away (StoreUnavailable, shown by
    components.trouble around this), the listener is mounted with nothing to hear, so that its safety net reruns the
    fragment until the database answers (the fragment has no tick of its own)."""
    try:
        yield
    except StoreUnavailable:
        with suppress(StreamlitDuplicateElementKey):  # already mounted in this run: it hears the outage (1013)
            listen_for(None, (), key=key, safety_alone=True)
        raise


def worker_follows() -> bool:
    """Whether the server's worker follows the tasks now (running, its last round recent): a page's rerun then only
    reads the store; otherwise it polls its own due tasks (components.following.poll_pending)."""
    svc = session.service()
    worker = svc.worker
    return worker is not None and worker.beating(WORKER_STALE_SECONDS)


def rerun_page_once_shown() -> None:
    """The whole page's run after a task ended, once the browser has had time to show the calling fragment's drawing
    (the new picture). A page's run that starts at once drops what the fragment's run drew and has not been sent yet
    (Streamlit clears the queue when a full run starts), and one that starts before the browser has drawn the
    picture holds it back behind the whole page's redrawing. The pause is in the fragment's run: a press that comes
    meanwhile is queued, and st.rerun folds it into the page's run, its trigger kept (tests/e2e/test_listen.py
    presses in it). The page's run is never asked for by the browser, which would cut short a run taking a press."""
    time.sleep(PICTURE_FIRST_SECONDS)
    st.rerun(scope="app")
