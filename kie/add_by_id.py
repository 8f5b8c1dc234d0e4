"""Add a task by ID: keep a task made elsewhere with the same key (a script, say), found by its taskId.

Every API family is asked for the ID; the answer's parameters become the task's request (old 4o parameters
included). A task this workspace already keeps for someone else is refused before the service is asked, so
nothing of theirs can be overwritten, and an insert that loses a race never saves over the other row.
"""

from __future__ import annotations

from kie import errors
from kie.families import request_from_params
from kie.following import Following
from kie.models import Task
from kie.permissions import Permissions
from kie.workspace_setup import WorkspaceSetup


class TaskAdder:
    """Adds tasks made elsewhere to one person's history."""

    def __init__(self, setup: WorkspaceSetup, permissions: Permissions, following: Following):
        self.setup = setup
        self.permissions = permissions
        self.following = following

    def add_by_id(self, task_id: str) -> Task:
        """The task `task_id`, kept in this history (handed back as it is when already kept). A task this workspace
        keeps for someone else is refused (`TaskOfAnotherPerson`), audited, and left exactly as it is; `NotFound`
        when no family of the service knows the ID."""
        setup = self.setup
        store = setup.store
        task_id = task_id.strip()
        existing = store.get(task_id)
        if existing:
            return existing
        if self.permissions.kept_for_someone_else(task_id):
            self.permissions.refuse_add_by_id(task_id)
        status = setup.client.find_task(task_id)  # every family is asked (NotFound when none knows it)
        if status is None:
            raise errors.NotFound("no task with that ID is visible to this API key")
        request = request_from_params(status.params or {})
        task = Task(task_id=task_id, kind=request.kind, request=request, model=request.model,
                    created_at=status.created_at or setup.clock(), deadline_at=setup.clock() + setup.policy.deadline)
        task.apply(status, setup.clock())
        if status.completed_at:
            task.completed_at = status.completed_at
        try:
            added = store.add(task)
        except PermissionError:  # the store's own owner check (kie.store.NotYours): another person's task
            added, mine = False, None
        else:
            mine = None if added else store.get(task_id)
        if not added:  # kept meanwhile (by another tab or person): never save over that row
            if mine is None:
                self.permissions.refuse_add_by_id(task_id)
            return mine
        if task.state == "success":
            self.following.fetch_images(task)
            store.save(task)
        return task
