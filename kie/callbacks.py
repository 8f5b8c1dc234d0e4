"""Checking a provider callback: the token in its path, the HMAC headers, the body.

A callback only makes a task due at once; a worker (the receiving replica's, when it follows the task's workspace)
then confirms it with one record-info. So a callback that passes these checks but lies can cost at most one extra
read, never a wrong result. Like stripe-python's `Webhook.construct_event`: parse, recompute the HMAC, compare in
constant time, refuse stale timestamps, raise one typed error.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from kie import metrics
from kie.following import CLAIM_LEASE
from kie.store import Store

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024  # a real callback is a few hundred bytes: a list of result URLs
TOLERANCE_SECONDS = 300.0  # the notes: refuse timestamps older than 5 minutes (replays)
_TOKEN = re.compile(r"^[a-z0-9_-]{1,64}\.[A-Za-z0-9_-]{32}$")
_TASK_ID = re.compile(r"^[A-Za-z0-9_.-]{1,128}$")
_UNIX_SECONDS = re.compile(r"^[0-9]{1,12}$")  # an integer, as the provider sends: no sign, no fraction, no nan/inf
MAX_DEPTH = 8  # the documented body nests three deep; anything far deeper is not a callback
LOG_INTERVAL = 60.0  # refused and repeated callbacks: at most one log line per reason per minute


class LogLimiter:
    """At most one log line per reason per `interval`; the line says how many were seen since the last one."""

    def __init__(self, interval: float = LOG_INTERVAL, clock: Callable[[], float] = time.monotonic):
        self.interval = interval
        self.clock = clock
        self._lock = threading.Lock()
        self._seen: dict[str, tuple[float, int]] = {}  # reason -> (last line at, seen since)

    def count(self, reason: str) -> int:
        """0 when this one is only counted; else how many (this one included) the line to write stands for."""
        now = self.clock()
        with self._lock:
            last, seen = self._seen.get(reason, (None, 0))
            if last is not None and now - last < self.interval:
                self._seen[reason] = (last, seen + 1)
                return 0
            self._seen[reason] = (now, 0)
            return seen + 1

    def reset(self) -> None:
        """Forget every reason (tests)."""
        with self._lock:
            self._seen.clear()


log_limiter = LogLimiter()


class CallbackRejected(Exception):
    """A callback that changes nothing. `status` is the HTTP status to answer; `reason` is safe to log."""

    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class Callback:
    """What the provider said: `code` 200 for success, 400/451/500 for a failure explained by `msg`."""

    task_id: str
    code: int
    msg: str
    result_urls: tuple[str, ...]


def sign(task_id: str, timestamp: str, key: str) -> str:
    """The provider's X-Webhook-Signature: base64(HMAC-SHA256(taskId + "." + timestamp, key))."""
    digest = hmac.new(key.encode(), f"{task_id}.{timestamp}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def parse_body(raw: bytes) -> Callback:
    """The documented body: {code, msg, data: {taskId, info: {result_urls: [...]} | null}}."""
    if len(raw) > MAX_BODY_BYTES:
        raise CallbackRejected(413, "body too large")
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise CallbackRejected(400, "body is not JSON") from None
    except RecursionError:  # thousands of nested brackets: the parser gives up before the stack does
        raise CallbackRejected(400, "body nested too deeply") from None
    if _depth(body) > MAX_DEPTH:
        raise CallbackRejected(400, "body nested too deeply")
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, dict):
        raise CallbackRejected(400, "no data object")
    task_id, code = data.get("taskId"), body.get("code")
    if not isinstance(task_id, str) or not _TASK_ID.match(task_id):
        raise CallbackRejected(400, "no valid data.taskId")
    if not isinstance(code, int) or isinstance(code, bool):
        raise CallbackRejected(400, "no valid code")
    info = data.get("info")
    urls = (info.get("result_urls") or info.get("resultUrls") or []) if isinstance(info, dict) else []
    if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
        raise CallbackRejected(400, "result_urls is not a list of URLs")
    msg = body.get("msg")
    return Callback(task_id=task_id, code=code, msg=msg if isinstance(msg, str) else "", result_urls=tuple(urls))


def _depth(value: object, limit: int = MAX_DEPTH + 1) -> int:
    """How deep `value` nests, counted no further than `limit` (so a deep body costs little to measure)."""
    if limit <= 0 or not isinstance(value, dict | list):
        return 0
    children = value.values() if isinstance(value, dict) else value
    return 1 + max((_depth(child, limit - 1) for child in children), default=0)


def verify_signature(task_id: str, headers: Mapping[str, str], key: str, now: float,
                     tolerance: float = TOLERANCE_SECONDS) -> None:
    """Check X-Webhook-Timestamp and X-Webhook-Signature for `task_id`; raise `CallbackRejected` if they fail."""
    timestamp = headers.get("x-webhook-timestamp") or ""
    signature = headers.get("x-webhook-signature") or ""
    if not timestamp or not signature:
        raise CallbackRejected(401, "signature headers missing")
    if not _UNIX_SECONDS.match(timestamp):
        raise CallbackRejected(401, "timestamp is not whole Unix seconds")
    sent_at = int(timestamp)
    if not abs(now - sent_at) <= tolerance:  # written so that a NaN `now` fails too
        raise CallbackRejected(401, "timestamp outside the tolerance (stale or replayed)")
    if not hmac.compare_digest(sign(task_id, timestamp, key).encode(), signature.strip().encode()):
        raise CallbackRejected(401, "bad signature")


def check(token: str, raw: bytes, headers: Mapping[str, str], *, hmac_key: str | None,
          stores: Callable[[str], Store | None], now: float | None = None) -> tuple[Store, Callback]:
    """Everything a callback must pass before it may touch a task: token shape, body, signature, and the token
    being the one stored for the task the body names. `headers` must have lower-case names."""
    now = time.time() if now is None else now
    if not _TOKEN.match(token):
        raise CallbackRejected(404, "unknown token")
    callback = parse_body(raw)
    if hmac_key:
        verify_signature(callback.task_id, headers, hmac_key, now)
    store = stores(workspace_of(token))
    task = store.task_for_callback(token) if store else None
    # compare_digest: the token is the secret, so its comparison must not leak how much of it matched.
    if task is None or not hmac.compare_digest(task.callback_token or "", token):
        raise CallbackRejected(404, "unknown token")
    if task.task_id != callback.task_id:
        raise CallbackRejected(400, "token belongs to another task")
    return store, callback


def workspace_of(token: str) -> str:
    """The workspace a callback token names (its part before the dot); checked only by `check`."""
    return token.split(".", 1)[0]


def receive(token: str, raw: bytes, headers: Mapping[str, str], *, hmac_key: str | None,
            stores: Callable[[str], Store | None], now: float | None = None,
            confirm: Callable[[str], None] | None = None) -> tuple[int, str]:
    """Take in one callback: (HTTP status, short message). A good one makes its task due at once, the first time
    only; anything else changes nothing and logs one line without secrets. With `confirm` (this process follows
    the task's workspace), the confirmation is claimed for this process in the same write and `confirm(task_id)`
    hands it over: the replica the provider called asks, and no other poller can ask first."""
    now = time.time() if now is None else now
    try:
        store, callback = check(token, raw, headers, hmac_key=hmac_key, stores=stores, now=now)
    except CallbackRejected as refused:
        metrics.callback(refused.status, refused.reason)
        if seen := log_limiter.count(f"{refused.status} {refused.reason}"):
            log.warning("callback refused (%s): %s (%d in the last minute)", refused.status, refused.reason, seen)
        return refused.status, refused.reason
    first = store.note_callback(callback.task_id, now, claim=CLAIM_LEASE if confirm else 0.0)
    metrics.callback(200, "received" if first else "already received")
    if first:
        log.info("callback for %s (code %s)", callback.task_id, callback.code)
        if confirm:
            confirm(callback.task_id)
    elif seen := log_limiter.count("repeated"):
        log.info("callback for %s (code %s): already taken in (%d repeats in the last minute)", callback.task_id,
                 callback.code, seen)
    return 200, "received" if first else "already received"
