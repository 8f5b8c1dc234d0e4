"""A fragment that listens for its tasks' changes instead of ticking (issue 28).

`listen_for(ctx, tasks, key=...)`, called inside the fragment that draws `tasks`, mounts a small Components-v2
component of our own (components/listen/) that keeps a WebSocket open to server.py's task-events route while any
of them is unfinished. When a task changes (progress, state, pictures), wherever the change was kept (this
server's worker, a callback, another replica), the component sets a trigger and Streamlit reruns that fragment
only. The route is told what to send by a short-lived token signed by this process (kie.task_events), naming this
browser session and the tasks the person's view holds; it goes in the connection's first message, never in a URL.
"""

from __future__ import annotations

import os
import uuid
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
_ASSETS = Path(__file__).with_name("listen")
# Streamlit's code for drawing a picture is loaded only when a page first draws one; a tab waiting on its first
# result would load it while the picture waits (a tenth of a second or more). While it listens, the component loads
# it ahead (the names are those of the installed Streamlit's own files; none found, nothing is loaded ahead).
PRELOAD = sorted(p.name for p in (Path(st.__file__).parent / "static" / "static" / "js").glob("ImageList.*.js"))

browser_values.install()  # what the page sends back is bounded before Streamlit decodes it
_listener = st.components.v2.component(
    "studio_listen",
    html=(_ASSETS / "listen.html").read_text(encoding="utf-8"),
    css=(_ASSETS / "listen.css").read_text(encoding="utf-8"),
    js=(_ASSETS / "listen.js").read_text(encoding="utf-8"),
)


def listen_for(ctx: SessionContext | None, tasks: Iterable[Task], *, key: str, safety_alone: bool = False,
               ends_only: bool = False, page_run: str | None = None) -> bool:
    """Rerun the calling fragment when one of `tasks` that is unfinished changes; False (nothing mounted) when none
    is unfinished or there is no browser session (AppTest). With `safety_alone` (a fragment that has no tick of its
    own and still waits on work it does not draw) the component is mounted even then, as its safety net only. With
    `ends_only` (a fragment that draws no progress) a change of progress alone does not rerun it. With `page_run`
    (the id of a whole-page run the fragment owes: components/tasks_panel.py) it is mounted in any case and asks for
    one more run of the fragment as soon as this drawing is in the page (again after a while if that ask is lost)."""
    open_tasks = [t for t in tasks if t.needs_polling]
    session_id = session.session_id()
    if session_id is None or not (open_tasks or safety_alone or page_run):
        return False
    token, drawn = task_events.subscription_for(ctx.store, session_id, open_tasks) \
        if open_tasks and ctx is not None else ("", {})
    if not drawn:
        if not (safety_alone or page_run):
            return False
        token = ""
    _listener(key=f"listen-{key}", data={"key": key, "token": token, "tasks": sorted(drawn), "drawn": drawn,
                                         "path": ROUTE, "safety": SAFETY_TICK_SECONDS, "alive": SILENT_SECONDS,
                                         "endsOnly": ends_only, "pageRun": page_run or "",
                                         "preload": PRELOAD if token else []},
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


# -- the page's run a fragment owes after a task's end --------------------------------------------------------------
# After a task ended the whole page runs again (credits, lists, listening stopped when nothing is left), but only
# once the browser has the fragment's drawing (the new picture): a page run started at once held the picture back
# (Streamlit drops the fragment's drawing not yet sent, and the browser redraws the whole page before showing it:
# end to picture 1.2 s rather than 0.3-0.4 s, bench/RESULTS.md, issue 28's fourth pass). The fragment owes the run
# (`owe_page_run`), its listening component asks for one more fragment run once its drawing is in the page
# (`listen_for(page_run=...)`), and that run pays it (`paying_page_run`).
PAGE_RUN_OWED = "_page_run_owed"  # fragment key -> the debt's id, in session state


def page_run_drawn(key: str) -> None:
    """In the page's own run (outside the fragment): whatever the fragment owed is being drawn now."""
    st.session_state.setdefault(PAGE_RUN_OWED, {}).pop(key, None)


def owe_page_run(key: str) -> str:
    """The fragment `key` owes the page a whole run, to be asked for once its drawing is in the page; the debt's id
    (for `listen_for(page_run=...)`)."""
    owed = st.session_state.setdefault(PAGE_RUN_OWED, {})
    owed[key] = uuid.uuid4().hex[:12]
    return owed[key]


@contextmanager
def paying_page_run(key: str) -> Iterator[None]:
    """Around a fragment's drawing: a run owed by its run before (whose drawing is in the page now) starts once this
    drawing is done, so a press that came with this run (Star, Vary…) is taken first, not lost."""
    owed = st.session_state.get(PAGE_RUN_OWED, {}).get(key)
    yield
    if owed:
        st.session_state[PAGE_RUN_OWED].pop(key, None)
        st.rerun(scope="app")


def ask_page_run(ctx: SessionContext | None, tasks: Iterable[Task], *, key: str, **listening) -> None:
    """`listen_for` with a page's run owed: asked for by the component once drawn, or at once when nothing is
    mounted to ask (no browser session: AppTest)."""
    owed = owe_page_run(key)
    if not listen_for(ctx, tasks, key=key, page_run=owed, **listening):
        st.rerun(scope="app")

