"""How long a task of a model is expected to take here, and so when to ask about it next.

A model that reports progress (GPT-4o) is planned from its progress (kie.polling.next_poll_delay); one that does not
is planned from its expected window: the lower quartile and the median of this workspace's recent finished tasks of
that model, else its catalogue figure (kie.polling.expected_window, expected_end_delay). While a callback is
expected, no wait is shorter than the slow callback interval.
"""

from __future__ import annotations

from kie import catalog
from kie.models import Task
from kie.permissions import Permissions
from kie.polling import describe_remaining, expected_end_delay, expected_window, next_poll_delay
from kie.store import TaskQuery
from kie.workspace_setup import WorkspaceSetup

EXPECTED_TTL = 30.0  # how long a model's learned duration is reused before the history is read again


class Durations:
    """Expected durations, learned from the whole workspace (every person's tasks count) and kept a while."""

    def __init__(self, setup: WorkspaceSetup, permissions: Permissions):
        self.setup = setup
        self.permissions = permissions

    def expected_seconds(self, model: str, options: dict | None = None) -> float:
        """How long a task of `model` with `options` is expected to take here: the median of this workspace's last
        finished tasks of that model (and of the same values of the options its duration depends on, such as
        Midjourney's speed), else the catalogue's typical duration for those options. Learned again every
        EXPECTED_TTL seconds."""
        return self.expected_window(model, options)[1]

    def expected_window(self, model: str, options: dict | None = None) -> tuple[float, float]:
        """(early, expected) for a task of `model` with `options`: the lower quartile and the median of the same
        recent tasks as `expected_seconds` (kie.polling.expected_window); both the catalogue's typical duration when
        there are none. Learned again every EXPECTED_TTL seconds."""
        setup = self.setup
        now = setup.clock()
        spec = catalog.CATALOG.get(model)
        key = spec.duration_key(options) if spec else model
        cached = setup.learned.get(key)
        if cached is not None and now - cached[1] < EXPECTED_TTL:
            return cached[2], cached[0]
        typical = spec.typical_seconds_for(options) if spec else catalog.GPT_4O.typical_seconds
        if setup.policy.typical_seconds:  # every model's typical task (demo mode), stretched by its options as the
            # catalogue's is: a relaxed Midjourney task is still planned five times as long as a fast one
            typical = setup.policy.typical_seconds * (typical / spec.typical_seconds if spec else 1.0)
        early, expected = expected_window((t.duration for t in self._recent_finished(model, key)), typical,
                                          setup.policy.expected_sample)
        setup.learned[key] = (expected, now, early)
        return early, expected

    def _recent_finished(self, model: str, key: str) -> list[Task]:
        """The most recent successful tasks of `model` in the whole workspace whose duration key is `key`, newest
        first."""
        query = TaskQuery(states=("success",), models=(model,))
        found = self.permissions.whole_workspace_to_read().query(query, limit=self.setup.policy.expected_sample)
        spec = catalog.CATALOG.get(model)
        return [t for t in found if t.duration and (spec is None or spec.duration_key(t.request.settings()) == key)]

    def time_left(self, task: Task) -> str | None:
        """What a pending card says for a model without a progress figure ("about 40 s left"); None otherwise."""
        spec = catalog.CATALOG.get(task.model)
        if task.state != "pending" or spec is None or spec.reports_progress:
            return None
        return describe_remaining(self.setup.clock() - task.created_at,
                                  self.expected_seconds(task.model, task.request.settings()))

    def next_poll_in(self, task: Task, age: float, progress: float | None, *, failures: int = 0,
                     previous: tuple[float, float] | None = None) -> float:
        """Seconds until `task` (`age` seconds old, last at `progress`) is asked about again: the policy's wait (from
        progress, or for a model without one from its expected end); while a callback is expected, no shorter than
        the slow callback interval."""
        policy = self.setup.policy
        spec = catalog.CATALOG.get(task.model)
        if spec is not None and not spec.reports_progress:
            early, expected = self.expected_window(task.model, task.request.settings())
            delay = expected_end_delay(age, expected, early=early, failures=failures, heard=progress is not None,
                                       policy=policy)
        else:
            delay = next_poll_delay(age, progress, policy=policy, failures=failures, previous=previous)
        if task.follow == "callback":
            delay = max(delay, policy.callback_interval)
        return delay
