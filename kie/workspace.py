"""What a person does with one key's history, independent of any UI: a thin front over parts with one job each.

- kie.sending: budget, upload, send, cost, audit (`submit`; Run again: `rerun`; Vary: `vary`)
- kie.following: poll, fetch results, Keep waiting, Try again (`poll_due`, `poll`, `keep_waiting`, `retry_download`)
- kie.durations: expected durations and when to ask next (`expected_seconds`, `time_left`)
- kie.comparisons: Compare models (`compare`, `comparison`)
- kie.tools: a tool on a finished picture (`run_tool`)
- kie.add_by_id: Add a task by ID (`add_by_id`)
- kie.permissions: who may use, delete or take over which task (`own_task`, `delete`, `take_over`)

Every part holds the same `WorkspaceSetup` (kie.workspace_setup): a setting changed here reaches all of them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import replace
from typing import Any

from kie.add_by_id import TaskAdder
from kie.client import KieClient
from kie.comparisons import Comparisons
from kie.durations import Durations
from kie.following import Following
from kie.images import MAX_PIXELS
from kie.models import GenerateRequest, Task
from kie.permissions import Permissions
from kie.permissions import TaskOfAnotherPerson as TaskOfAnotherPerson  # History's import path (components/)
from kie.polling import DEFAULT_POLICY, PollPolicy
from kie.sending import InputFile, Sender, Step
from kie.store import Store
from kie.team import Budgets
from kie.tools import Tools
from kie.workspace_setup import WorkspaceSetup


class _Setting:
    """A field of the workspace's setup, read and set through the workspace (a change reaches every part)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, workspace: Workspace | None, owner: type | None = None) -> Any:
        return self if workspace is None else getattr(workspace.setup, self.name)

    def __set__(self, workspace: Workspace, value: Any) -> None:
        setattr(workspace.setup, self.name, value)


class Workspace:
    """One key's client and its workspace's store, as one person sees them. `public_url`: where the provider can
    reach this server; when set, every generate without a callback URL of the person's own carries one of ours."""

    client = _Setting()
    store = _Setting()
    policy = _Setting()
    clock = _Setting()
    public_url = _Setting()
    budgets = _Setting()
    outgoing_guard = _Setting()
    max_result_pixels = _Setting()
    admin = _Setting()

    def __init__(self, client: KieClient, store: Store, *, policy: PollPolicy = DEFAULT_POLICY,
                 clock: Callable[[], float] = time.time, public_url: str | None = None,
                 budgets: Budgets | None = None, outgoing_guard: Callable[[str], None] | None = None,
                 max_result_pixels: int = MAX_PIXELS, admin: bool = False):
        self._assemble(WorkspaceSetup(client, store, policy=policy, clock=clock, public_url=public_url,
                                      budgets=budgets, outgoing_guard=outgoing_guard,
                                      max_result_pixels=max_result_pixels, admin=admin))

    def _assemble(self, setup: WorkspaceSetup) -> None:
        self.setup = setup
        self.permissions = Permissions(setup)
        self.durations = Durations(setup, self.permissions)
        self.sending = Sender(setup, self.permissions, self.durations)
        self.following = Following(setup, self.permissions, self.durations)
        self.comparisons = Comparisons(setup, self.sending, self.permissions)
        self.tools = Tools(setup, self.sending, self.permissions)
        self.adding = TaskAdder(setup, self.permissions, self.following)

    def for_person(self, owner: str | None, budgets: Budgets | None = None, *, admin: bool = False) -> Workspace:
        """The same key and history, seen and spent by one person (their tasks, their budget; `admin`: theirs and
        what admins may do besides, see kie.permissions). Learned durations and poll failures stay shared."""
        twin = Workspace.__new__(Workspace)
        twin._assemble(replace(self.setup, store=self.store.scoped(owner), budgets=budgets, admin=admin))
        return twin

    # -- sending ---------------------------------------------------------------------------------

    def submit(self, request: GenerateRequest, files: list[InputFile] | tuple = (), on_step: Step | None = None, *,
               measure: bool = True, parent_id: str | None = None, comparison_id: str | None = None,
               batch_id: str | None = None) -> Task:
        """Upload local pictures, send one generate request (any catalogue model), keep the task (kie.sending)."""
        return self.sending.submit(request, files, on_step, measure=measure, parent_id=parent_id,
                                   comparison_id=comparison_id, batch_id=batch_id)

    def rerun(self, task: Task, on_step: Step | None = None) -> Task:
        """Run again: submit a task again with the same parameters, its cached pictures uploaded afresh
        (kie.sending)."""
        return self.sending.resend(task, on_step)

    def vary(self, task: Task, index: int, on_step: Step | None = None) -> Task:
        """Vary: variations of picture `index` of `task`, sent as the one reference with the same prompt and
        settings to the task's own model; the new task is linked to its source (kie.sending)."""
        return self.sending.vary(task, index, on_step)

    def run_tool(self, task: Task, image_index: int, tool_id: str, options: Mapping[str, Any] | None = None,
                 on_step: Step | None = None) -> Task:
        """Run a tool on one finished picture: a new task linked to its source (kie.tools)."""
        return self.tools.run_tool(task, image_index, tool_id, options, on_step)

    def compare(self, prompt: str, model_ids: list[str], options_by_model: Mapping[str, Mapping[str, Any]] | None,
                files: list[InputFile] | tuple = (), on_step: Step | None = None) -> list[Task]:
        """One prompt (and references) sent to 2–4 models at once (kie.comparisons)."""
        return self.comparisons.compare(prompt, model_ids, options_by_model, files, on_step)

    def comparison(self, comparison_id: str) -> list[Task]:
        """The tasks of one comparison, in the order they were sent (kie.comparisons)."""
        return self.comparisons.comparison(comparison_id)

    def add_by_id(self, task_id: str) -> Task:
        """Keep a task made elsewhere with the same key, found by its taskId (kie.add_by_id)."""
        return self.adding.add_by_id(task_id)

    # -- following -------------------------------------------------------------------------------

    def poll_due(self, only: Collection[str] | None = None) -> list[Task]:
        """Ask about every task that is due and that no other viewer is asking about (kie.following)."""
        return self.following.poll_due(only)

    def poll(self, task: Task) -> bool:
        """Ask about one task now and keep the answer; True when something a person sees changed."""
        return self.following.poll(task)

    def confirm_callback(self, task_id: str) -> bool:
        """Ask about a task whose callback this process took in (kie.following)."""
        return self.following.confirm_callback(task_id)

    def keep_waiting(self, task_id: str) -> None:
        """Resume a timed-out task (kie.following)."""
        self.following.keep_waiting(task_id)

    def retry_download(self, task_id: str) -> Task | None:
        """Try again to get the pictures of a task whose download failed (kie.following)."""
        return self.following.retry_download(task_id)

    def expected_seconds(self, model: str, options: dict | None = None) -> float:
        """How long a task of `model` with `options` is expected to take here (kie.durations)."""
        return self.durations.expected_seconds(model, options)

    def time_left(self, task: Task) -> str | None:
        """What a pending card says for a model without a progress figure (kie.durations)."""
        return self.durations.time_left(task)

    # -- who may use which task (kie.permissions) ------------------------------------------------

    def own_task(self, task_id: str, action: str = "edit") -> Task:
        """A task read afresh from the store to take into new work, if this person may use it for `action`:
        "edit" (Edit this result; Edit again), "reference" (Use as reference), "restore" (its settings back in a
        form). Another person's is refused (`NotYourTask`), audited."""
        return self.permissions.task_for(task_id, action)

    def delete(self, task_id: str) -> None:
        """Forget a task and its cached pictures: the person's own, or for an admin anyone's; audited."""
        self.permissions.delete(task_id)

    def take_over(self, task_id: str) -> Task:
        """An admin makes a task of unknown owner (made before sign-in was on) theirs; audited as `adopt`. Anyone
        else, or a task with an owner, is refused (`NotYourTask`), audited, nothing changed."""
        return self.permissions.take_over(task_id)
