"""What is known about a task, in words: a one-line summary, its cost, when and how it was made, and the raw
request for whoever needs it."""

from __future__ import annotations

import time

import streamlit as st

from components.credits import price
from components.session import SessionContext
from components.task_words import model_name, when
from components.text import code, identity, literal
from kie.models import KIND_LABELS, Task
from kie.pngmeta import safe_parameters
from kie.polling import duration_words
from kie.prices import task_cost
from kie.team import owner_label


def cost_label(ctx: SessionContext, task: Task) -> str:
    """" · 3 credits" when measured, " · about 3 credits (estimate)" from the price table, "" when unknown."""
    cost, estimated = task_cost(task, price(ctx))
    if cost is None:
        return ""
    return f" · about {cost:g} credits (estimate)" if estimated else f" · {cost:g} credits"


def summary(ctx: SessionContext, task: Task) -> str:
    """"Text to image · GPT-4o Image · 3:2 · 2 images · about 6 credits (estimate)"."""
    n = task.request.images
    parts = [KIND_LABELS.get(task.kind, task.kind), literal(model_name(task.model), one_line=True),
             literal(task.request.shape, one_line=True), f"{n} image{'s' if n > 1 else ''}"]
    return " · ".join(p for p in parts if p) + cost_label(ctx, task)


def facts(ctx: SessionContext, task: Task) -> None:
    """When it was made, how long it took, how it was followed: in words."""
    duration = "—" if task.duration is None else duration_words(task.duration)
    lines = [f"**Model** {literal(model_name(task.model), one_line=True)}", f"**Submitted** {when(task.created_at)}",
             f"**Finished** {when(task.completed_at)}", f"**Took** {duration}"]
    if task.credits is not None:
        lines.append(f"**Cost** {task.credits:g} credits")
    if ctx.person:
        lines.append(f"**Made by** {identity(owner_label(ctx.workspace.store, task.owner))}")
    if task.parent_id:
        lines.append(f"**Made from** the picture of task {code(task.parent_id)}")
    if task.demo:
        lines.append("**Demo** one of the demo gallery's tasks")
    if ctx.mode == "demo":
        lines.append("**Pictures** simulated: drawn by the built-in simulator (demo mode), not by a model")
    st.markdown("  \n".join(lines))
    expires = task.upstream_expires_at
    if time.time() < expires:
        st.caption(f"The service keeps its copies until {when(expires)} (14 days); the copies here stay.")
    else:
        st.caption("The service's copies have expired (after 14 days); the copies here stay.")


def technical_details(task: Task) -> None:
    """The request's raw fields and the bookkeeping, for whoever needs them: only here, folded away."""
    st.caption("Task ID")
    st.code(task.task_id, language=None)
    st.caption(f"The app asked the service about this task {task.polls} time{'s' if task.polls != 1 else ''}.")
    st.caption("Parameters sent")
    st.json(safe_parameters(task.request), expanded=True)
