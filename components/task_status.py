"""A task that has no pictures to show yet, or will have none: its progress, why it failed (Try again for a
download that failed), or that it got no answer in time (Keep waiting)."""

from __future__ import annotations

import streamlit as st

from components import following
from components.result_actions import run_again_button
from components.session import SessionContext
from components.task_words import FOLLOW_NOTES, pending_words
from components.text import literal
from components.trouble import show_error
from kie import errors, figures
from kie.models import Task
from kie.results import DOWNLOAD_FAILED
from kie.task_states import state_key


def show_pending(ctx: SessionContext, task: Task, verb: str = "Generating") -> None:
    """A pending task's progress bar, or for a model without a progress figure its state and an estimate."""
    left = ctx.workspace.time_left(task)  # a model without a progress figure: an estimate, never a fake 0 %
    if left:
        st.caption(f":material/hourglass_top: {pending_words(task, verb, left)}")
    elif state_key(task) == "queued":
        st.progress(0.0, text="Queued: waiting for the service to start…")
    else:
        st.progress(task.progress, text=pending_words(task, verb))


def task_status(ctx: SessionContext, task: Task, key: str, *, verb: str = "Generating", run_again: bool = True) -> bool:
    """Draw a task's progress, failure or time-out; False when it is done with its pictures cached. A failed task
    offers Run again (its cost shown first, two clicks) unless the caller draws its own (`run_again` False), or Try
    again when only the download of its pictures failed."""
    if task.state == "pending":
        show_pending(ctx, task, verb)
        st.caption(FOLLOW_NOTES[task.follow])
        if task.error_message:
            st.caption(f":orange[{literal(task.error_message, one_line=True)}]")
    elif task.state == "success" and task.needs_polling:
        st.progress(1.0, text="Done: fetching the pictures…")
    elif task.state == "failed":
        number = f" (error code {task.error_code})" if task.error_code and task.error_code < errors.APP_CODES else ""
        st.error(literal(figures.failure_words(task) + number), icon=":material/error:")
        if task.error_code == DOWNLOAD_FAILED and st.button("Try again", key=f"{key}-download-{task.task_id}",
                                                            icon=":material/refresh:"):
            try:
                ctx.workspace.retry_download(task.task_id)
            except errors.KieError as refused:  # another person's task: the core refused it, nothing changed
                show_error(refused)
            else:
                following.follow(task.task_id)
                st.rerun(scope="app")
        elif run_again and task.error_code != DOWNLOAD_FAILED:
            if run_again_button(ctx, task, f"{key}-again-{task.task_id}"):
                st.rerun(scope="app")  # the new task is followed and brought into view
    elif task.state == "timed_out":
        deadline = ctx.workspace.policy.deadline
        span = f"{deadline / 60:g} minutes" if deadline >= 120 else f"{deadline:g} seconds"
        st.warning(f"No answer after {span}. The task may still finish: keep waiting, or look again later.",
                   icon=":material/schedule:")
        if st.button("Keep waiting", key=f"{key}-wait-{task.task_id}", icon=":material/refresh:"):
            try:
                ctx.workspace.keep_waiting(task.task_id)
            except errors.KieError as refused:  # another person's task: the core refused it, nothing changed
                show_error(refused)
            else:
                following.follow(task.task_id)
                st.rerun(scope="app")
    else:
        return False
    return True
