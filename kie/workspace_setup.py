"""What every part of a workspace works with: one key's client, the store seen by one person, the poll policy.

The parts (kie.sending, kie.following, kie.comparisons, kie.tools, kie.add_by_id, kie.permissions,
kie.durations) each hold the same `WorkspaceSetup`, so a setting changed on the workspace reaches all of them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from kie.client import KieClient
from kie.images import MAX_PIXELS
from kie.polling import DEFAULT_POLICY, PollPolicy
from kie.store import Store
from kie.team import Budgets

NO_SIGN_IN = "(no sign-in)"  # who acts, in the audit log, when nobody is signed in


@dataclass
class WorkspaceSetup:
    """One key's client and its workspace's store, as one person sees it (`store.owner`; None: everyone's)."""

    client: KieClient
    store: Store
    policy: PollPolicy = DEFAULT_POLICY
    clock: Callable[[], float] = time.time
    public_url: str | None = None  # where the provider reaches this server: every generate carries our callback
    budgets: Budgets | None = None  # a team server's daily budgets; the store's owner is the person spending
    outgoing_guard: Callable[[str], None] | None = None  # demo: raises FetchError for a callback URL not to call
    max_result_pixels: int = MAX_PIXELS  # a result with more pixels is refused (kie.results)
    admin: bool = False  # the person is an admin: see kie.permissions for what that allows
    # Shared by every person's view of the same key (`Workspace.for_person` copies the setup, not these):
    failures: dict[str, int] = field(default_factory=dict)  # task id -> record-info failures in a row
    learned: dict[str, tuple[float, float, float]] = field(default_factory=dict)  # (expected s, when, early s)

    @property
    def actor(self) -> str:
        """Who acts, as the audit log names them."""
        return self.store.owner or NO_SIGN_IN

    def audit(self, action: str, target: str | None, detail: str | None = None) -> None:
        """One line of the workspace's audit log, by this person, now."""
        self.store.audit(self.actor, action, target, detail, self.clock())
