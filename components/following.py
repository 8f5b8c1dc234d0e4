"""The tasks this browser session follows (its own submits, and what was unfinished when its context was made),
those that ended and were not announced yet, and which tasks each page draws (their end needs no notice there)."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from kie.models import Task
from kie.store import Store
from kie.workspace import Workspace

PENDING = "_pending"  # taskIds this session follows (its own submits, and what was open when it started)
ENDED = "_ended"  # followed tasks that ended and have not been announced yet
SHOWN = "_shown"  # page -> taskIds it draws
PAGE = "_page"


def restart(task_ids: Iterable[str]) -> None:
    """Follow exactly these tasks: a new session context follows what is still open in its store (a reload or a
    new tab follows what is still open)."""
    st.session_state[PENDING] = set(task_ids)


def follow(task_id: str) -> None:
    st.session_state.setdefault(PENDING, set()).add(task_id)


def poll_pending(workspace: Workspace, *, worker_follows: bool) -> list[Task]:
    """This session's followed tasks: polled here when due only when no server worker follows them (the worker's
    path, `Workspace.poll_due`, for this session's tasks); then the ended ones are noted (`note_ended`). Returns the
    tasks this session's own polls changed."""
    pending: set[str] = st.session_state.setdefault(PENDING, set())
    changed = workspace.poll_due(only=pending) if pending and not worker_follows else []
    note_ended(workspace.store)
    return changed


def note_ended(store: Store) -> list[str]:
    """The one place where a followed task that ended (polled here, by the worker, in another tab or on another
    replica) leaves PENDING for ENDED, where the sidebar's notice finds it."""
    pending: set[str] = st.session_state.setdefault(PENDING, set())
    ended = []
    for task_id in sorted(pending):
        task = store.get(task_id)
        if task is None or not task.needs_polling:
            pending.discard(task_id)
            ended.append(task_id)
    st.session_state.setdefault(ENDED, []).extend(ended)
    return ended


def drawing_starts() -> None:
    """The current page's whole run begins to draw: what it drew before counts no more (a task it stopped drawing,
    Generate turned to Batch or a list moved on, is told of in a notice when it ends). Fragments' runs only add."""
    st.session_state.setdefault(SHOWN, {})[st.session_state.get(PAGE, "")] = set()


def shown(task_id: str) -> None:
    """Note that the current page draws this task (its end needs no notice here)."""
    page = st.session_state.get(PAGE, "")
    st.session_state.setdefault(SHOWN, {}).setdefault(page, set()).add(task_id)


def set_page(path: str) -> None:
    st.session_state[PAGE] = path

