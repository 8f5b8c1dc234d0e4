"""What the store hands out: frozen records, each made from a database row by one converter that checks it.

A row with a state this code does not know (a newer version wrote it, or a hand edit) raises `UnknownState`
instead of reaching a page as a string nobody handles.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, get_args

from kie.models import GenerateRequest, Task, TaskKind, TaskState

TASK_STATES: tuple[str, ...] = get_args(TaskState)
TASK_KINDS: tuple[str, ...] = get_args(TaskKind)  # the models' own list: a new kind needs no change here
BATCH_STATES = ("running", "paused", "cancelled")
ITEM_STATES = ("queued", "sending", "sent", "unconfirmed", "failed", "cancelled")  # a batch item's life


class UnknownState(ValueError):
    """A row holds a state this version does not know."""


def _known(value: Any, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise UnknownState(f"unknown {what} {value!r}")
    return value


@dataclass(frozen=True)
class Batch:
    """A batch of generate requests, with how many of its items are in each state."""

    id: str
    owner: str | None
    name: str
    state: str  # running | paused | cancelled
    message: str | None
    created_at: float
    total: int
    queued: int
    sending: int
    sent: int
    unconfirmed: int
    failed: int
    cancelled: int
    template: str | None = None  # what its prompts were made from, if a template made them

    def count(self, item_state: str) -> int:
        """How many items are in `item_state` (one of ITEM_STATES)."""
        return getattr(self, _known(item_state, ITEM_STATES, "batch item state"))


@dataclass(frozen=True)
class BatchItem:
    """One request of a batch and what came of sending it (`task_id` once the service made a task)."""

    batch_id: str
    position: int
    request: dict[str, Any]
    state: str  # one of ITEM_STATES
    task_id: str | None
    error: str | None
    sent_at: float | None
    owner: str | None  # the batch's owner: whose budget and history the task goes to


@dataclass(frozen=True)
class SavedPrompt:
    """A prompt kept in the library with its settings."""

    id: str
    owner: str | None
    name: str
    tags: str
    request: dict[str, Any]
    created_at: float


@dataclass(frozen=True)
class Budget:
    """One person's own daily image limit."""

    owner: str
    daily_images: int
    updated_by: str
    updated_at: float


@dataclass(frozen=True)
class AuditLine:
    """One line of the audit log: who did what to what, and when."""

    at: float
    actor: str
    action: str
    target: str | None
    detail: str | None


@dataclass(frozen=True)
class PersonRow:
    """Who a person id is: their e-mail and name as the provider last gave them."""

    id: str
    email: str
    name: str
    seen_at: float


@dataclass(frozen=True)
class UsageRow:
    """What one person used on one day (of one model, when asked per model)."""

    person: str
    day: str
    model: str | None  # None: every model together
    tasks: int
    images: int
    failures: int
    credits: float | None  # the sum of the measured credits, None when none was measured
    measured: int  # how many of the tasks had their credits measured
    unmeasured_images: int = 0  # images of the tasks neither measured nor failed (what an estimate is for)


def batch_of(row: Mapping[str, Any]) -> Batch:
    """A `Batch` from a row of the batches query (counts per item state)."""
    return Batch(id=row["id"], owner=row["owner"], name=row["name"],
                 state=_known(row["state"], BATCH_STATES, "batch state"),
                 message=row["message"], created_at=row["created_at"], total=int(row["total"] or 0),
                 **{s: int(row[s] or 0) for s in ITEM_STATES}, template=row.get("template"))


def item_of(row: Mapping[str, Any]) -> BatchItem:
    """A `BatchItem` from a row of batch_items (with its batch's owner)."""
    return BatchItem(batch_id=row["batch_id"], position=row["position"], request=json.loads(row["request"]),
                     state=_known(row["state"], ITEM_STATES, "batch item state"), task_id=row["task_id"],
                     error=row["error"], sent_at=row["sent_at"], owner=row["owner"])


def prompt_of(row: Mapping[str, Any]) -> SavedPrompt:
    """A `SavedPrompt` from a row of prompts."""
    return SavedPrompt(id=row["id"], owner=row["owner"], name=row["name"], tags=row["tags"],
                       request=json.loads(row["request"]), created_at=row["created_at"])


def budget_row_of(row: Mapping[str, Any]) -> Budget:
    """A `Budget` from a row of budgets."""
    if row["daily_images"] is None or int(row["daily_images"]) < 0:
        raise UnknownState(f"a daily limit must be a whole number of images, not {row['daily_images']!r}")
    return Budget(owner=row["owner"], daily_images=int(row["daily_images"]), updated_by=row["updated_by"],
                  updated_at=row["updated_at"])


def audit_of(row: Mapping[str, Any]) -> AuditLine:
    """An `AuditLine` from a row of audit."""
    return AuditLine(at=row["at"], actor=row["actor"], action=row["action"], target=row["target"],
                     detail=row["detail"])


def person_of(row: Mapping[str, Any]) -> PersonRow:
    """A `PersonRow` from a row of people."""
    return PersonRow(id=row["id"], email=row["email"], name=row["name"], seen_at=row["seen_at"])


def usage_of(row: Mapping[str, Any]) -> UsageRow:
    """A `UsageRow` from a row of the usage query."""
    return UsageRow(person=row["person"], day=row["day"], model=row.get("model"), tasks=int(row["tasks"]),
                    images=int(row["images"] or 0), failures=int(row["failures"] or 0),
                    credits=None if row["credits"] is None else float(row["credits"]), measured=int(row["measured"]),
                    unmeasured_images=int(row.get("unmeasured_images") or 0))


def task_of(row: Mapping[str, Any]) -> Task:
    """A `Task` from a row of tasks."""
    return Task(
        task_id=row["task_id"], kind=_known(row["kind"], TASK_KINDS, "task kind"),
        request=GenerateRequest.from_dict(json.loads(row["request"])),
        state=_known(row["state"], TASK_STATES, "task state"), progress=row["progress"],
        result_urls=json.loads(row["result_urls"]), images=json.loads(row["images"]), inputs=json.loads(row["inputs"]),
        error_code=row["error_code"], error_message=row["error_message"], created_at=row["created_at"],
        completed_at=row["completed_at"], favourite=bool(row["favourite"]), polls=row["polls"],
        next_poll_at=row["next_poll_at"], last_polled_at=row["last_polled_at"],
        last_progress_at=row["last_progress_at"], deadline_at=row["deadline_at"], owner=row["owner"],
        callback_token=row["callback_token"], callback_at=row["callback_at"], showcase=bool(row["showcase"]),
        credits=row["credits"], model=row["model"], parent_id=row["parent_id"], batch_id=row["batch_id"],
        comparison_id=row["comparison_id"], demo=bool(row["demo"]),
    )


def task_row(task: Task, workspace: str) -> dict[str, Any]:
    """The row of a task (every column)."""
    return {
        "workspace": workspace, "task_id": task.task_id, "kind": task.kind, "state": task.state,
        "prompt": task.request.prompt, "request": json.dumps(task.request.to_dict()), "progress": task.progress,
        "result_urls": json.dumps(task.result_urls), "images": json.dumps(task.images),
        "inputs": json.dumps(task.inputs), "error_code": task.error_code, "error_message": task.error_message,
        "created_at": task.created_at, "completed_at": task.completed_at, "favourite": int(task.favourite),
        "polls": task.polls, "next_poll_at": task.next_poll_at, "last_polled_at": task.last_polled_at,
        "last_progress_at": task.last_progress_at, "deadline_at": task.deadline_at,
        "open": int(task.needs_polling),  # indexed, so that finding the tasks to poll never scans the history
        "owner": task.owner, "callback_token": task.callback_token, "callback_at": task.callback_at,
        "showcase": int(task.showcase), "credits": task.credits, "model": task.model, "parent_id": task.parent_id,
        "batch_id": task.batch_id, "comparison_id": task.comparison_id, "demo": int(task.demo),
    }
