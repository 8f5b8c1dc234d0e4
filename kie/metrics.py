"""What an operator scrapes at GET /metrics: one Prometheus registry per process (each replica exposes its own).

Every label value comes from a small fixed set (task kinds, endpoint paths of the client's own constants, answer
codes, callback outcomes): never a person, a prompt, a taskId, a token or a key. The instrumented modules call the
one-line helpers below; server.py serves `exposition()`.
"""

from __future__ import annotations

import hmac
import re
import time

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

registry = CollectorRegistry(auto_describe=True)
CONTENT_TYPE = CONTENT_TYPE_LATEST

KINDS = frozenset({"text", "edit", "variants", "image", "tool"})  # anything else is counted as "other"
ENDED = frozenset({"success", "failed", "timed_out"})
_PATH = re.compile(r"^/[A-Za-z0-9/_.-]{0,80}$")

tasks_submitted = Counter("studio_tasks_submitted", "Tasks the service accepted from this process.", ["kind"],
                          registry=registry)
tasks_finished = Counter("studio_tasks_finished", "Tasks this process saw end, by how they ended.",
                         ["kind", "state"], registry=registry)
upstream_requests = Counter("studio_upstream_requests", "Requests to the image service, by endpoint and answer.",
                            ["endpoint", "code"], registry=registry)
upstream_seconds = Histogram("studio_upstream_request_seconds", "Time to the image service's answer (headers).",
                             ["endpoint"], registry=registry,
                             buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60))
callbacks = Counter("studio_callbacks", "Provider callbacks received, by outcome.", ["outcome"], registry=registry)
worker_loop_seconds = Histogram("studio_worker_loop_seconds", "Duration of one background worker round.",
                                registry=registry, buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
oldest_due_seconds = Gauge("studio_oldest_due_task_age_seconds",
                           "How long the most overdue task had been due at the start of the last worker round.",
                           registry=registry)
budget_refusals = Counter("studio_budget_refusals", "Generates refused by a person's daily image budget.",
                          registry=registry)
batch_items_queued = Counter("studio_batch_items_queued", "Batch items queued to be sent.", registry=registry)


def kind_label(kind: str | None) -> str:
    """A task kind as a label value: one of KINDS, else "other"."""
    return kind if kind in KINDS else "other"


def endpoint_label(path: str) -> str:
    """An API path as a label value. The client's paths are constants, so they form a small set; anything odd
    (a long or strange path, as a result URL's would be) is "other"."""
    return path if _PATH.match(path or "") else "other"


def code_label(code: int | None) -> str:
    """An answer code as a label value: the HTTP status, or "none" when no answer came."""
    return str(code) if isinstance(code, int) and 100 <= code <= 999 else "none"


def task_submitted(kind: str) -> None:
    """Count one task the service accepted."""
    tasks_submitted.labels(kind_label(kind)).inc()


def task_ended(kind: str, state: str) -> None:
    """Count one task that ended (success, failed, timed_out)."""
    tasks_finished.labels(kind_label(kind), state if state in ENDED else "other").inc()


def upstream(path: str, code: int | None, started: float) -> None:
    """Count one request to the service and its time since `started` (time.monotonic())."""
    endpoint = endpoint_label(path)
    upstream_requests.labels(endpoint, code_label(code)).inc()
    upstream_seconds.labels(endpoint).observe(max(0.0, time.monotonic() - started))


def callback(status: int, message: str) -> None:
    """Count one callback by what was answered: received, repeated, or refused with its status."""
    outcome = ("received" if message == "received" else "repeated") if status == 200 else f"refused_{status}"
    callbacks.labels(outcome if status in (200, 400, 401, 404, 405, 413) else "refused_other").inc()


def worker_round(seconds: float, oldest_due: float) -> None:
    """Note one worker round: its duration and how long the most overdue task had been due."""
    worker_loop_seconds.observe(max(0.0, seconds))
    oldest_due_seconds.set(max(0.0, oldest_due))


def exposition() -> bytes:
    """The registry in Prometheus' text format."""
    return generate_latest(registry)


def token_matches(given: str | None, expected: str) -> bool:
    """Whether an Authorization header carries `expected` as its bearer token (compared in constant time)."""
    scheme, _, token = (given or "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(token.strip().encode(), expected.encode())
