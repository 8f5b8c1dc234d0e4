"""Sending queued batch items under the provider's generate rate limit, without ever losing or repeating one.

An item is taken from the store (one sender wins, across sessions, workers and replicas), a slot is taken from
the workspace's rate ledger, and one generate is sent. Its outcome is written back: sent (with its task),
unconfirmed (the answer was lost: never resent), failed (refused, with why), or queued again when nothing was
sent (429, no connection) or the batch has to wait (out of budget or credits: the batch pauses and says why).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kie import errors, metrics
from kie.models import GenerateRequest
from kie.ratelimit import DEFAULT_RATE, Rate, RateLimiter, SlotLedger
from kie.store import BatchItem
from kie.store.ledger import SqlSlotLedger
from kie.team import BudgetExceeded, Budgets
from kie.workspace import Workspace

log = logging.getLogger(__name__)
STALE_SENDING_SECONDS = 300.0  # a generate cannot take longer (timeouts and retries); older 'sending' died
NO_CONNECTION_WAIT = 5.0
RECOVER_EVERY = 60.0


@dataclass
class BatchSender:
    """Sends one workspace's batch items. `ledger_for(name)` gives the shared rate ledger of its account;
    `budgets_for(workspace)` the daily budgets that apply to people in it (None off a team server)."""

    ledger_for: Callable[[str], SlotLedger]
    rate: Rate = DEFAULT_RATE
    budgets_for: Callable[[Workspace], Budgets | None] = lambda _workspace: None
    clock: Callable[[], float] = time.time
    max_items: int = 50  # per round: the worker's other work goes on during a long batch

    def __post_init__(self) -> None:
        self._limiters: dict[str, RateLimiter] = {}
        self._recovered: dict[str, float] = {}  # workspace -> when items left 'sending' were last looked for

    def limiter(self, workspace: str) -> RateLimiter:
        if workspace not in self._limiters:
            self._limiters[workspace] = RateLimiter(self.ledger_for(workspace), self.rate, clock=self.clock)
        return self._limiters[workspace]

    def send_due(self, workspace: Workspace, max_items: int | None = None) -> float | None:
        """Send what the rate allows now (at most `max_items`, default the sender's own); return seconds until the
        next item may go, or None when none waits."""
        store = workspace.store
        if self.clock() - self._recovered.get(store.workspace, 0.0) >= RECOVER_EVERY:  # a write: not every round
            store.recover_batch_items(self.clock() - STALE_SENDING_SECONDS)
            self._recovered[store.workspace] = self.clock()
        for _ in range(self.max_items if max_items is None else max_items):
            item = store.take_batch_item(self.clock())
            if item is None:
                return None
            limiter = self.limiter(store.workspace)  # made only once there is something to send
            wait = limiter.try_acquire()
            if wait > 0:
                store.finish_batch_item(item.batch_id, item.position, "queued")
                return wait
            pause = self._send(workspace, item, limiter)
            if pause is not None:
                return pause
        return 0.0

    def _send(self, workspace: Workspace, item: BatchItem, limiter: RateLimiter) -> float | None:
        """Send one item and write down what came of it; a wait when sending has to stop for now."""
        store, batch_id, position = workspace.store, item.batch_id, item.position
        # Taken while the batch ran, but it may have been paused or cancelled since (Cancel right after Resume):
        # look again just before sending. A stop pressed between this look and the request itself (a few ms)
        # still lets this one item go; the card's count of what was sent says so.
        batch = store.batch(batch_id)
        if batch is None or batch.state != "running":
            store.finish_batch_item(batch_id, position, "cancelled" if batch is None or batch.state == "cancelled"
                                    else "queued")
            return None
        person = workspace.for_person(item.owner, self.budgets_for(workspace) if item.owner else None)
        # One attempt per slot: a 429 goes back to the shared ledger instead of a private retry.
        person.client = workspace.client.with_retries(0)
        try:
            request = GenerateRequest.from_dict(item.request)
            # Balances read around each item would overlap; the task remembers its batch.
            task = person.submit(request, measure=False, batch_id=batch_id)
        except errors.RateLimited as limited:
            store.finish_batch_item(batch_id, position, "queued")
            return limiter.backoff(limited.retry_after)
        except errors.UnknownOutcome as lost:
            store.finish_batch_item(batch_id, position, "unconfirmed", lost.task_id, lost.message)
        except (BudgetExceeded, errors.InsufficientCredits) as stop:
            store.finish_batch_item(batch_id, position, "queued")
            store.set_batch_state(batch_id, "paused", f"{stop.message} {stop.hint}")
            return None
        except errors.TransportError as unreachable:  # never sent: try again shortly
            log.info("batch %s item %s: %s", batch_id, position, unreachable.message)
            store.finish_batch_item(batch_id, position, "queued")
            return NO_CONNECTION_WAIT
        except errors.KieError as refused:
            store.finish_batch_item(batch_id, position, "failed", None, f"{refused.message} {refused.hint}")
        except Exception:  # a bug must not stop the batch: the item is kept as failed, with the trace in the log
            log.exception("batch %s item %s", batch_id, position)
            store.finish_batch_item(batch_id, position, "failed", None, "An unexpected error; see the server log.")
        else:
            store.finish_batch_item(batch_id, position, "sent", task.task_id)
            _mark_batch(store, task.task_id, batch_id)
        return None


def _mark_batch(store, task_id: str, batch_id: str) -> None:
    """Note on the task which batch it was sent for (lists group a batch's tasks under it)."""
    task = store.get(task_id)
    if task is not None and task.batch_id != batch_id:
        task.batch_id = batch_id
        store.save(task)


def queue_batch(workspace: Workspace, name: str, requests: list[GenerateRequest], template: str | None = None) -> str:
    """Keep a batch and its items in the store (validated first: nothing is queued when one is invalid), with
    the template its prompts were made from, if they were."""
    checked = [r.validated() for r in requests]
    batch_id = "batch-" + uuid.uuid4().hex[:12]
    workspace.store.add_batch(batch_id, name.strip() or f"{len(checked)} prompts", [r.to_dict() for r in checked],
                              workspace.clock(), template=template)
    metrics.batch_items_queued.inc(len(checked))
    return batch_id


def sqlite_ledgers(data_dir: Path) -> Callable[[str], SlotLedger]:
    """One ledger file for the server (each workspace an account in it): shared by its sessions and processes."""
    return lambda workspace: SqlSlotLedger.sqlite(Path(data_dir) / "ratelimit.sqlite3", workspace)
