"""What the app keeps of one task (`Task`): its request, its state, and what came of it.

The request (`GenerateRequest`, kie.request) and a status answer (`TaskStatus`, kie.task_status) have their own
modules; they and the task words are importable from here too, as most of the code takes them with `Task`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from kie.request import DEFAULT_MODEL, KIND_LABELS, GenerateRequest, TaskKind
from kie.task_status import FINAL_STATES, TaskState, TaskStatus

__all__ = ["FINAL_STATES", "KIND_LABELS", "GenerateRequest", "Task", "TaskKind", "TaskState", "TaskStatus"]


@dataclass
class Task:
    """What the app keeps of one task: its request, its state, and what came of it."""

    task_id: str
    kind: TaskKind
    request: GenerateRequest
    state: TaskState = "pending"
    progress: float = 0.0
    result_urls: list[str] = field(default_factory=list)
    error_code: int | None = None
    error_message: str | None = None
    created_at: float = field(default_factory=time.time)
    completed_at: float | None = None
    favourite: bool = False
    inputs: dict[str, str] = field(default_factory=dict)  # role -> cached input file name (source, mask, ref0..)
    images: list[str] = field(default_factory=list)  # cached result file names, in result order
    polls: int = 0
    next_poll_at: float = 0.0
    last_polled_at: float | None = None
    last_progress_at: float | None = None  # when the reported progress last changed (or a Market task began)
    deadline_at: float | None = None
    owner: str | None = None  # who made it, under sign-in (e-mail, or the provider's `sub`)
    callback_token: str | None = None  # the secret in this task's own callback URL; None when not sent
    callback_at: float | None = None  # when the provider's callback arrived (the first one)
    showcase: bool = False  # chosen for the Showcase page
    credits: float | None = None  # what it cost, where measured (balance before and after, nothing else between)
    model: str = DEFAULT_MODEL  # the catalogue id of the model (or tool) that made it
    parent_id: str | None = None  # the task whose picture a tool (upscale, remove background) worked on
    batch_id: str | None = None  # the batch it was sent for, if any
    comparison_id: str | None = None  # the model comparison it belongs to, if any
    demo: bool = False  # one of the demo gallery's tasks

    @property
    def follow(self) -> str:
        """How the app learns of the end: "callback" (expected, slow polling beside it) or "polling"."""
        return "callback" if self.callback_token and self.callback_at is None and self.state == "pending" \
            else "polling"

    @property
    def prompt(self) -> str:
        return self.request.prompt

    @property
    def needs_polling(self) -> bool:
        """Still pending, or done with images not all cached yet."""
        return self.state == "pending" or (self.state == "success" and len(self.images) < len(self.result_urls))

    @property
    def duration(self) -> float | None:
        return None if self.completed_at is None else max(0.0, self.completed_at - self.created_at)

    @property
    def upstream_expires_at(self) -> float:
        """Generated images are deleted upstream 14 days after creation."""
        return self.created_at + 14 * 24 * 3600

    def apply(self, status: TaskStatus, now: float | None = None) -> None:
        """Take in a record-info answer."""
        now = time.time() if now is None else now
        if status.progress != self.progress or (status.phase == "generating" and self.last_progress_at is None):
            self.last_progress_at = now  # a Market task has no figure: its 'generating' phase marks the start
        self.state = status.state
        self.progress = status.progress
        if status.result_urls:
            self.result_urls = list(status.result_urls)
        self.error_code = status.error_code
        self.error_message = status.error_message
        if status.state in FINAL_STATES:
            self.completed_at = status.completed_at or now
