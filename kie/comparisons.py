"""Compare models: one prompt (and references) sent to 2–4 models at once, a comparison read back, and its winner
picked.

Every task of a comparison shares one `comparison_id`. Every request is validated, and on a team server the budget
reserved for the whole comparison, before anything is uploaded or sent: a partial comparison is no comparison. The
shape every model is asked for (one aspect ratio, each model's nearest value) is kie.shapes.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from kie import catalog, errors
from kie.models import GenerateRequest, Task
from kie.permissions import Permissions
from kie.sending import InputFile, Sender, Step, as_uploaded, quiet
from kie.store import TaskQuery
from kie.team import BudgetExceeded, ComparisonOverBudget, Reservation
from kie.workspace_setup import WorkspaceSetup

MIN_MODELS, MAX_MODELS = 2, 4  # fewest and most models in one comparison (Generate's Compare models reads them)


class Comparisons:
    """One person's comparisons: sent through the workspace's `Sender`, read back through its permissions."""

    def __init__(self, setup: WorkspaceSetup, sender: Sender, permissions: Permissions):
        self.setup = setup
        self.sender = sender
        self.permissions = permissions

    def compare(self, prompt: str, model_ids: list[str], options_by_model: Mapping[str, Mapping[str, Any]] | None,
                files: list[InputFile] | tuple = (), on_step: Step | None = None) -> list[Task]:
        """One prompt (and references) sent to 2–4 models at once; every task shares a new `comparison_id`.

        Each request is sent once; one that fails is kept in the comparison as a failed task (with why), and the
        others go on. Raises `RequestInvalid` or `ComparisonOverBudget` (what the whole comparison needs, and what
        is left) with nothing sent.
        """
        step = on_step or quiet
        refs = [replace(f, role="ref") for f in files]
        requests = self._requests(prompt, model_ids, options_by_model, files, refs)
        reservations = self._reserve(requests, refs)
        budgets = self.setup.budgets
        comparison_id = f"cmp-{uuid.uuid4().hex[:16]}"
        tasks: list[Task | None] = []
        try:
            # The references are uploaded once and the same addresses go to every model.
            uploaded, inputs = self.sender.upload(GenerateRequest(), refs, step)
        except BaseException:
            for reservation in reservations:
                budgets.release(reservation)
            raise
        for n, request in enumerate(requests):
            reservation = reservations[n] if reservations else None
            step(f"Sending to {request.spec.name} ({n + 1} of {len(requests)})…")
            final = replace(request, files_url=uploaded.files_url)
            try:
                task = self.sender.send(final.validated(), dict(inputs), quiet, comparison_id=comparison_id)
            except errors.UnknownOutcome as lost:
                if reservation:
                    budgets.accepted(reservation, lost.task_id or "")
                tasks.append(self.setup.store.get(lost.task_id) if lost.task_id else None)
                continue
            except errors.KieError as error:
                if reservation:
                    budgets.release(reservation)
                tasks.append(self._remember_refused(final.validated(), inputs, error, comparison_id))
                continue
            if reservation:
                budgets.accepted(reservation, task.task_id, task.credits)
            tasks.append(task)
        return [t for t in tasks if t is not None]

    @staticmethod
    def _requests(prompt: str, model_ids: list[str], options_by_model: Mapping[str, Mapping[str, Any]] | None,
                  files: list[InputFile] | tuple, refs: list[InputFile]) -> list[GenerateRequest]:
        """One validated request per model (each once); `RequestInvalid` naming the model that refuses."""
        models = list(dict.fromkeys(model_ids))
        if not MIN_MODELS <= len(models) <= MAX_MODELS:
            raise errors.RequestInvalid(f"Choose {MIN_MODELS} to {MAX_MODELS} different models to compare.",
                                        field="model")
        if any(f.role == "mask" for f in files):
            raise errors.RequestInvalid("A comparison takes reference pictures, not a mask.", field="mask_url")
        requests = []
        for model_id in models:
            spec = catalog.get(model_id)
            if spec.is_tool:
                raise errors.RequestInvalid(f"{spec.name} is a tool, not a model to compare.", field="model")
            request = GenerateRequest.build(model_id, prompt, (options_by_model or {}).get(model_id, {}))
            try:
                as_uploaded(request, refs)
            except errors.RequestInvalid as refused:
                refused.detail = f"{spec.name}: {refused.detail}"
                raise
            requests.append(request)
        return requests

    def _reserve(self, requests: list[GenerateRequest], refs: list[InputFile]) -> list[Reservation]:
        """The whole comparison's images reserved from the person's budget (none off a team server), all of them or
        none: `ComparisonOverBudget` says what the whole comparison needs."""
        budgets = self.setup.budgets
        reservations: list[Reservation] = []
        if budgets is None or self.setup.store.owner is None:
            return reservations
        try:
            for request in requests:
                reservations.append(self.sender.reserve(as_uploaded(request, refs)))
        except BudgetExceeded as refused:
            for reservation in reservations:
                budgets.release(reservation)
            raise self._over_budget(refused, requests, reservations) from None
        except BaseException:
            for reservation in reservations:
                budgets.release(reservation)
            raise
        return reservations

    def _over_budget(self, refused: BudgetExceeded, requests: list[GenerateRequest],
                     reserved: list[Reservation]) -> ComparisonOverBudget:
        """The refusal of a whole comparison: all its images and their estimated credits against what was left
        before any of its reservations (the refusal counted those already made for it)."""
        images = sum(request.images for request in requests)
        credits = round(sum(request.spec.estimate(request.settings()) for request in requests), 2)
        used = refused.used - sum(reservation.images for reservation in reserved)
        return ComparisonOverBudget(limit=refused.limit, used=used, asked=images, credits=credits,
                                    now=self.setup.clock())

    def _remember_refused(self, request: GenerateRequest, inputs: dict[str, str], error: errors.KieError,
                          comparison_id: str) -> Task:
        """A comparison's request the service refused at once: kept as a failed task so the comparison says why."""
        now = self.setup.clock()
        task = Task(task_id=f"refused-{uuid.uuid4().hex[:16]}", kind=request.kind, request=request,
                    inputs=dict(inputs), state="failed", created_at=now, completed_at=now, model=request.model,
                    error_message=f"{error.message} {error.hint}".strip(), comparison_id=comparison_id)
        self.setup.store.add(task)
        return task

    def comparison(self, comparison_id: str) -> list[Task]:
        """The tasks of one comparison, in the order they were sent, however old (read from the store by its id: it
        survives restarts). Only this person's: another person's comparison is refused (`NotYourTask`), audited."""
        query = TaskQuery(comparison_id=comparison_id)
        found = self.setup.store.query(query, limit=-1)
        if not found and self.permissions.kept_for_others(query):
            self.permissions.refuse(comparison_id, "compare")
        return sorted(found, key=lambda t: t.created_at)

    def pick(self, comparison_id: str, winner_id: str) -> list[Task]:
        """Choose the winner of a comparison: it is kept as a favourite (starred) and the others are not, so a
        comparison has one winner; audited as `pick`. Returns the comparison as it is now.

        Another person's comparison is refused (`NotYourTask`, audited); a task that is not of this comparison, or
        has no picture to win with, is `RequestInvalid`."""
        tasks = self.comparison(comparison_id)
        winner = next((t for t in tasks if t.task_id == winner_id), None)
        if winner is None:
            raise errors.RequestInvalid("That task is not part of this comparison: reload the page and pick again.",
                                        field="task_id")
        if winner.state != "success" or not winner.images:
            raise errors.RequestInvalid("Only a finished picture can be picked: wait for it, or pick another.",
                                        field="task_id")
        for task in tasks:
            if task.favourite != (task.task_id == winner_id):
                self.setup.store.set_favourite(task.task_id, task.task_id == winner_id)
        self.setup.audit("pick", winner_id, f"winner of comparison {comparison_id}")
        return self.comparison(comparison_id)
