"""Sending the provider's callbacks: a thread that notices ended tasks and POSTs each one's result.

A callback goes out within about 50 ms of its task's end (or of `callback_delay` after it), from a thread
of its own so that a slow receiver delays neither the API nor other callbacks.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

from kie.simulator.state import Simulator

log = logging.getLogger(__name__)

SEND_TIMEOUT = 5.0
LONGEST_NAP = 0.05  # seconds between looks when nothing is due sooner; bounds the lateness of a callback


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is answered as it is: following it would send a request to an address nobody checked."""

    def redirect_request(self, *_args: Any, **_kwargs: Any) -> None:
        return None


# The simulator posts to the URL it was given, never through a proxy from the environment, never redirected.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects())


def sign(task_id: str, timestamp: str, key: str) -> str:
    """The provider's X-Webhook-Signature: base64(HMAC-SHA256(key, taskId + "." + timestamp)).

    Same argument order as `kie.callbacks.sign`, the receiver's side."""
    digest = hmac.new(key.encode(), f"{task_id}.{timestamp}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


class CallbackSender:
    """Watches a Simulator for ended tasks with a callBackUrl and calls each back (once, or twice on purpose)."""

    def __init__(self, simulator: Simulator, guard: Callable[[str], None] | None = None):
        self.sim = simulator
        # Inside the studio's server (demo mode) the callback URL is a visitor's: `guard` raises for an address
        # the server must not call (kie.fetch.check_public_url), and the callback is then never sent.
        self.guard = guard
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> CallbackSender:
        """Start the watching thread (a daemon)."""
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="kie-simulator-callbacks", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop watching; callbacks already on their way finish on their own threads."""
        self._stop.set()
        self.sim.callback_wakeup.set()
        if self._thread is not None:
            self._thread.join(timeout=2)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                for callback in self.sim.due_callbacks():
                    threading.Thread(target=self.deliver, args=(callback,), name="kie-simulator-callback",
                                     daemon=True).start()
                due = self.sim.next_callback_at()
            except Exception:  # the loop must outlive one bad task; the trace goes to the log
                log.exception("callback loop")
                due = None
            nap = LONGEST_NAP if due is None else min(LONGEST_NAP, max(0.002, due - self.sim.clock()))
            self.sim.callback_wakeup.wait(nap)
            self.sim.callback_wakeup.clear()

    def deliver(self, callback: dict[str, Any]) -> None:
        """POST one callback (`times` times in a row), logging every attempt."""
        for attempt in range(1, callback["times"] + 1):
            self.sim.log_callback(self._post(callback, attempt))

    def _post(self, callback: dict[str, Any], attempt: int) -> dict[str, Any]:
        task_id = callback["taskId"]
        headers = {"Content-Type": "application/json", "User-Agent": "kie-simulator/1"}
        key = self.sim.webhook_hmac_key
        timestamp = str(int(time.time()))
        if key:
            headers["X-Webhook-Timestamp"] = timestamp
            headers["X-Webhook-Signature"] = sign(task_id, timestamp, key)
        entry: dict[str, Any] = {"taskId": task_id, "url": callback["url"], "time": time.time(), "attempt": attempt,
                                 "code": callback["body"]["code"], "ended": callback.get("ended"), "signed": bool(key),
                                 "timestamp": timestamp if key else None, "status": None, "error": None}
        try:
            if self.guard is not None:
                self.guard(callback["url"])
            request = urllib.request.Request(callback["url"], data=json.dumps(callback["body"]).encode(),
                                             headers=headers, method="POST")
            with _OPENER.open(request, timeout=SEND_TIMEOUT) as answer:
                entry["status"] = answer.status
        except urllib.error.HTTPError as exc:
            entry["status"] = exc.code
        except (OSError, ValueError) as exc:  # refused (by the guard too), timed out, bad URL: logged
            entry["error"] = f"{type(exc).__name__}: {exc}"
        log.debug("callback %s attempt %d: %s", task_id, attempt, entry["status"] or entry["error"])
        return entry
