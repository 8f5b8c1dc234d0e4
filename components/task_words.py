"""The words and badges people read about a task: its state as a badge (the words are kie.task_states'), how far
it is, its model's name, when it was made, whether it is one of the demo gallery's."""

from __future__ import annotations

from datetime import datetime

from kie import catalog
from kie.gallery import PREFIX as DEMO_PREFIX
from kie.models import Task
from kie.task_states import STATE_WORDS, state_key

_BADGE_STYLE = {"queued": ("grey", "schedule"), "pending": ("blue", "hourglass_top"), "success": ("green", "check"),
                "failed": ("red", "error"), "timed_out": ("orange", "schedule")}
STATE_BADGES = {state: f":{colour}-badge[:material/{icon}: {STATE_WORDS[state]}]"
                for state, (colour, icon) in _BADGE_STYLE.items()}
SIMULATED_BADGE = ":gray-badge[:material/science: Simulated]"  # demo mode: the simulator drew the pictures

FOLLOW_NOTES = {
    "callback": ":material/notifications_active: The service will tell this app when the picture is ready "
                "(the app also looks now and then, in case that message is lost).",
    "polling": ":material/sync: The app checks with the service every few seconds until the picture is ready.",
}


def model_name(model: str | None) -> str:
    """A model's display name, from the catalogue (its id when the catalogue no longer lists it)."""
    return catalog.name_of(model or catalog.DEFAULT_MODEL)


def state_badge(task: Task) -> str:
    return STATE_BADGES[state_key(task)]


def when(ts: float | None) -> str:
    return datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M") if ts else "—"


def pending_words(task: Task, verb: str = "Generating", left: str | None = None) -> str:
    """How far a pending task is: "Generating… 40%", or for a model without a progress figure its state and an
    estimate ("Queued… about 40 s left", "Generating… any moment now"), never a percentage it did not report."""
    if left:
        return f"{'Queued' if state_key(task) == 'queued' else verb}… {left}"
    return f"{verb}… {task.progress:.0%}"


def is_demo(task: Task) -> bool:
    """One of the demo gallery's tasks (marked so by kie/gallery.py; older ones are known by their id)."""
    return task.demo or task.task_id.startswith(DEMO_PREFIX)
