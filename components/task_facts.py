"""What is known about a task, in words: a one-line summary, its cost, when and how it was made, and the raw
request for whoever needs it."""

from __future__ import annotations

import time

import streamlit as st

from components.credits import price
from components.session import SessionContext
from components.task_words import model_name, when
from components.text import code, identity, literal
from kie import figures
from kie.models import Task
from kie.pngmeta import safe_parameters
from kie.polling import duration_words
from kie.team import owner_label


def cost_words(ctx: SessionContext, task: Task) -> str:
    """"3 credits" measured, "about 3 credits (estimate)" from the price table, "nothing charged" for a failed
    task, "" when unknown: kie.figures' words, with this session's price of an image."""
    return figures.cost_words(task, price(ctx))


def cost_label(ctx: SessionContext, task: Task) -> str:
    """The cost as a tail to a line: " · 3 credits", " · nothing charged"; "" when unknown."""
    words = cost_words(ctx, task)
    return f" · {words}" if words else ""


def summary(ctx: SessionContext, task: Task) -> str:
    """"Text to image · Seedream 4.5 · 16:9 · High (4K) · 2 images · about 6 credits (estimate)"."""
    return " · ".join(literal(part, one_line=True) for part in figures.summary_words(task)) + cost_label(ctx, task)


def title(ctx: SessionContext, task: Task) -> str:
    """What the task is called (plain text, show it with components.text): its prompt, or for a tool's result what
    the tool made of which prompt ("Upscaled 2× (1024 → 2048 px): “A lighthouse”")."""
    return figures.title(ctx.store, task)


def facts(ctx: SessionContext, task: Task) -> None:
    """When it was made, how long it took, how it was followed: in words."""
    duration = "—" if task.duration is None else duration_words(task.duration)
    lines = [f"**Model** {literal(model_name(task.model), one_line=True)}", f"**Submitted** {when(task.created_at)}",
             f"**Finished** {when(task.completed_at)}", f"**Took** {duration}"]
    if cost := cost_words(ctx, task):
        lines.append(f"**Cost** {cost}")
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
