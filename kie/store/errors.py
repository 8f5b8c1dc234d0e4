"""What a store raises: the database is away for now (try again), or a row is another person's (nothing changed)."""

from __future__ import annotations


class StoreUnavailable(RuntimeError):
    """The history database could not be reached or dropped the connection; the same call may be tried again."""


class NotYours(PermissionError):
    """The row exists but belongs to another person (or, under a scoped store, to nobody known): nothing was
    changed. `add()` raises it when a task id is already another person's (`task_id` names it)."""

    def __init__(self, task_id: str) -> None:
        super().__init__("that task belongs to someone else")
        self.task_id = task_id
