"""Who may do what with a task of the workspace, decided here and never by a page choosing a wider store.

A person's store (`store.owner`) holds their own tasks; without sign-in (owner None) every task of the workspace
is the person's. An admin may besides make something new from a task of unknown owner (made before sign-in was
on: ADMIN_UNOWNED), take such a task over (make it theirs), and delete anyone's task. Anything else done with
another person's task is refused with `NotYourTask`, audited as `<action>_refused`, and changes nothing.
"""

from __future__ import annotations

from typing import NoReturn

from kie import errors
from kie.models import Task
from kie.store import Store, TaskQuery
from kie.workspace_setup import WorkspaceSetup

# What an admin may do with a task of unknown owner (made before sign-in was on): make something new from it.
ADMIN_UNOWNED = frozenset({"tool", "run_again", "vary", "edit", "reference", "restore"})
# How each refused action is said: "This task belongs to another person on this studio, so you cannot ...".
NOT_YOURS_WORDS = {
    "tool": "run a tool on its pictures",
    "run_again": "send it again",
    "vary": "make variations of its pictures",
    "edit": "edit it",
    "reference": "use its pictures as references",
    "restore": "restore its settings",
    "keep_waiting": "keep waiting for it",
    "retry_download": "try its download again",
    "compare": "open its comparison",
    "delete": "delete it",
    "take_over": "take it over",
}
TAKEN_OVER = "adopt"  # the audit log's word for an admin making a task of unknown owner theirs (as it always was)


class TaskOfAnotherPerson(errors.KieError):
    """Add a task by ID named a task this workspace keeps for someone else: refused, nothing changed."""

    code = 403
    default_message = "This task belongs to another person on this studio, so it cannot be added to your history."
    hint = "Ask them to share the picture, or ask an admin. Nothing was changed."


class NotYourTask(TaskOfAnotherPerson):
    """One of the person's actions (a tool, Run again, Vary, Edit, Keep waiting, a comparison, Delete...) was handed
    a task this workspace keeps for someone else: refused, audited, nothing changed. `action` names it."""

    def __init__(self, action: str):
        self.action = action
        super().__init__()

    @property
    def message(self) -> str:
        return ("This task belongs to another person on this studio, so you cannot "
                f"{NOT_YOURS_WORDS.get(self.action, 'use it here')}.")


class AdminsOnly(NotYourTask):
    """Someone who is not an admin asked to take over a task of unknown owner: refused, audited, nothing changed."""

    hint = "Ask an admin. Nothing was changed."

    @property
    def message(self) -> str:
        return "Only an admin can take over a task made before sign-in was on."


class TaskGone(errors.KieError):
    """An action named a task this history no longer keeps (deleted meanwhile, in another tab)."""

    code = 404
    default_message = "That task is no longer in this history (it was deleted)."
    hint = "Nothing was sent or changed. Reload the page to see the history as it is now."


class Permissions:
    """The checks of one person's workspace: every action that takes a task reads it through `task_for`."""

    def __init__(self, setup: WorkspaceSetup):
        self.setup = setup

    def task_for(self, task_id: str, action: str) -> Task:
        """The task `task_id` as the store keeps it, if this person may use it for `action` (a key of
        NOT_YOURS_WORDS): their own (every task of the workspace without sign-in); for an admin also a task of
        unknown owner to make something new from (ADMIN_UNOWNED), and any task to delete. Anything else is
        another person's: `NotYourTask`, audited, nothing changed. `TaskGone` when not kept."""
        store = self.setup.store
        mine = store.get(task_id)
        if mine is not None:
            return mine
        found, owner = store.owner_of(task_id)
        if not found:
            raise TaskGone()
        if self.setup.admin and (action == "delete" or (owner is None and action in ADMIN_UNOWNED)):
            kept = store.scoped(None).get(task_id)
            if kept is None:  # deleted meanwhile
                raise TaskGone()
            return kept
        self.refuse(task_id, action)

    def refuse(self, target: str, action: str) -> NoReturn:
        """Refuse `action` on another person's task (or comparison): audited as `<action>_refused`."""
        what = "comparison" if action == "compare" else "task"
        self.setup.audit(f"{action}_refused", target[:128], f"{what} of another person")
        raise NotYourTask(action)

    def kept_for_others(self, query: TaskQuery) -> bool:
        """Whether the workspace keeps tasks of `query` under another owner (or none) while this store is one
        person's: what they may not open, only be told is not theirs."""
        store = self.setup.store
        return store.owner is not None and store.scoped(None).count(query) > 0

    def kept_for_someone_else(self, task_id: str) -> bool:
        """Whether the workspace keeps this task under another owner (or none) while this store is one person's."""
        store = self.setup.store
        return store.owner is not None and store.scoped(None).get(task_id) is not None

    def refuse_add_by_id(self, task_id: str) -> NoReturn:
        """Add a task by ID named a task kept for someone else: audited as `adopt_refused`."""
        self.setup.audit("adopt_refused", task_id[:128], "task ID already kept for another person")
        raise TaskOfAnotherPerson()

    def whole_workspace_to_read(self) -> Store:
        """Every person's tasks, to count figures from (how long a model takes here): never to show or change."""
        store = self.setup.store
        return store.scoped(None) if store.owner is not None else store

    def delete(self, task_id: str) -> None:
        """Forget a task and its cached pictures: the person's own, or for an admin anyone's. Another person's is
        refused (`NotYourTask`), audited, and kept; `TaskGone` when no longer kept. Audited as `delete`."""
        task = self.task_for(task_id, "delete")
        store = self.setup.store
        writer = store.scoped(None) if self.setup.admin else store
        if not writer.delete(task.task_id):
            raise TaskGone()
        self.setup.audit("delete", task.task_id, task.prompt[:80])

    def take_over(self, task_id: str) -> Task:
        """Make a task of unknown owner (made before sign-in was on) this admin's own, audited as `adopt`.

        Refused (`NotYourTask`, audited as `take_over_refused`, nothing changed) to anyone who is not a signed-in
        admin (`AdminsOnly`) and for a task that has an owner; the admin's own task is handed back as it is.
        `TaskGone` when the task is no longer kept."""
        store = self.setup.store
        found, owner = store.owner_of(task_id)
        if not found:
            raise TaskGone()
        me = store.owner
        if not self.setup.admin or me is None:
            self.setup.audit("take_over_refused", task_id[:128], "only an admin may take over a task")
            raise AdminsOnly("take_over")
        if owner is None and store.scoped(None).set_owner(task_id, me):
            self.setup.audit(TAKEN_OVER, task_id)
        elif store.owner_of(task_id)[1] != me:  # another person's, or taken by another admin meanwhile
            self.refuse(task_id, "take_over")
        taken = store.get(task_id)
        if taken is None:  # deleted meanwhile
            raise TaskGone()
        return taken
