"""Which callbacks of the simulated service are due, and what each says (the body of each API family). Sending them
is kie.simulator.callbacks.CallbackSender's job; this is a part of `Simulator` (kie.simulator.state)."""

from __future__ import annotations

import time
from typing import Any

import kie.simulator.gpt4o as gpt4o
from kie.simulator.tasks import FLAT_APIS, SimTask


class CallbackQueue:
    """The tasks whose callback is still to send (`self._callbacks_waiting`), handed out when they fall due.

    `callbacks` is "send" (at the end), "drop" (never) or "delay" (`callback_delay` seconds after the end);
    `callback_repeat` sends each one twice, as the provider may."""

    def due_callbacks(self) -> list[dict[str, Any]]:
        """The callbacks due now, each handed out once: marked sent (and persisted) before it is returned.

        Each is {"url", "taskId", "body", "times"}; a dropped one is only written to the callback log.
        """
        now = self.clock()
        due: list[dict[str, Any]] = []
        with self.lock:
            taken = False
            for task_id in sorted(self._callbacks_waiting):
                task = self.state.tasks.get(task_id)
                result = self.outcome(task, now) if task else "gone"
                if result == "pending":
                    continue
                end = self.end_time(task) if task else now
                if task and self.callbacks == "delay" and now < (end or now) + self.callback_delay:
                    continue
                self._callbacks_waiting.discard(task_id)
                if task is None:
                    continue
                task.callback_sent = taken = True
                url = task.params["callBackUrl"]
                if self.callbacks == "drop":
                    self.log_callback({"taskId": task_id, "url": url, "time": time.time(), "attempt": 0,
                                       "code": None, "status": None, "error": "dropped (callbacks=drop)"})
                    continue
                due.append({"url": url, "taskId": task_id, "body": self.callback_body(task, result),
                            "times": 2 if self.callback_repeat else 1, "ended": end})
            if taken:
                self._persist()
        return due

    def next_callback_at(self) -> float | None:
        """The simulator-clock time at which the next waiting callback falls due, if any can."""
        with self.lock:
            extra = self.callback_delay if self.callbacks == "delay" else 0.0
            ends = [self.end_time(self.state.tasks[t]) for t in self._callbacks_waiting if t in self.state.tasks]
        return min((e + extra for e in ends if e is not None), default=None)

    def callback_body(self, task: SimTask, result: str) -> dict[str, Any]:
        """The provider's callback JSON for an ended task (`result` is "success" or "failed"). A Market task's
        carries the recordInfo shape (the notes: no example body is published; clients assume this one); the Flux
        Kontext and Midjourney APIs' each their own."""
        if task.api in FLAT_APIS:
            return FLAT_APIS[task.api].callback_body(self, task, result)
        if task.api == "market":
            _code, _msg, data = self.market_record(task.account, task.task_id)
            code = 200 if result == "success" else (task.fail_code or 500)
            return {"code": code, "msg": "success" if result == "success" else data["failMsg"], "data": data}
        return gpt4o.callback_body(self, task, result)

    def log_callback(self, entry: dict[str, Any]) -> None:
        """Keep one callback attempt for GET /_sim/callbacks (never the HMAC key or the signature)."""
        with self.lock:
            self.callback_log.append(entry)
            if len(self.callback_log) > 5000:
                del self.callback_log[:2500]
