"""What a page does through the workspace as the signed-in person: send a request, take a task for an action (as
the core allows), and write a line of the audit log."""

from __future__ import annotations

import time
from collections.abc import Sequence

import streamlit as st

from components import following
from components.credits import forget_credits
from components.session import SessionContext, context
from components.trouble import show_error
from kie import errors
from kie.models import GenerateRequest, Task
from kie.workspace import InputFile


def submit(request: GenerateRequest, files: Sequence[InputFile] = ()) -> Task | None:
    """Validate, upload, generate; keep the task and follow it. Shows what went wrong, if anything."""
    ctx = context()
    holder = st.empty()
    shown: list = []  # the progress box, made at the first step: a refused request shows only its message

    def step(message: str) -> None:
        if shown:
            shown[0].update(label=message)
        else:
            shown.append(holder.status(message, expanded=False))

    try:
        task = ctx.workspace.submit(request, list(files), on_step=step)
    except errors.KieError as error:
        holder.empty()
        show_error(error)
        return None
    if shown:
        shown[0].update(label="Submitted", state="complete")
    following.follow(task.task_id)
    forget_credits()  # they just went down
    return task


def usable_task(ctx: SessionContext, task: Task, action: str, error_key: str) -> Task | None:
    """`task` read afresh as the core lets this person use it for `action` (kie.workspace `Workspace.own_task`), or
    None with the refusal (another person's task, audited; a deleted one) kept in `st.session_state[error_key]`."""
    try:
        return ctx.workspace.own_task(task.task_id, action)
    except errors.KieError as refused:
        st.session_state[error_key] = f"{refused.message} {refused.hint}"
        return None


def audit(ctx: SessionContext, action: str, target: str | None, detail: str | None = None) -> None:
    """One line of the workspace's audit log, by the signed-in person."""
    who = ctx.person.id if ctx.person else "(no sign-in)"
    ctx.workspace.store.audit(who, action, target, detail, time.time())
