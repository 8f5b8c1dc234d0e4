"""The words people read for a task's state: one mapping for cards, tiles, the detail, batches, filters and History's
diff of two tasks. A timed-out task is "No answer yet": it may still finish (Keep waiting)."""

from __future__ import annotations

from kie.models import Task

STATE_WORDS = {"queued": "Queued", "pending": "Generating", "success": "Done", "failed": "Failed",
               "timed_out": "No answer yet"}


def state_key(task: Task) -> str:
    """The task's state as a key of STATE_WORDS: a pending task the service has not started is Queued."""
    if task.state == "pending" and task.progress <= 0.0 and not task.last_progress_at:
        return "queued"
    return task.state if task.state in STATE_WORDS else "pending"
