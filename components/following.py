"""The tasks this browser session follows (its own submits, and what was unfinished when its context was made),
those that ended and were not announced yet, and which tasks each page draws (their end needs no notice there)."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from kie.models import Task
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


def poll_pending(workspace: Workspace) -> list[Task]:
    """Poll the due tasks this session follows (the worker's path, for this session's tasks); forget ended ones
    (they are kept in ENDED, for the notice on other pages)."""
    pending: set[str] = st.session_state.setdefault(PENDING, set())
    changed = workspace.poll_due(only=pending) if pending else []
    for task in changed:
        if not task.needs_polling:
            pending.discard(task.task_id)
            st.session_state.setdefault(ENDED, []).append(task.task_id)
    return changed


def shown(task_id: str) -> None:
    """Note that the current page draws this task (its end needs no notice here)."""
    page = st.session_state.get(PAGE, "")
    st.session_state.setdefault(SHOWN, {}).setdefault(page, set()).add(task_id)


def set_page(path: str) -> None:
    st.session_state[PAGE] = path

