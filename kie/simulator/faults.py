"""Faults a test switches on in the simulator (an error code, a broken answer, a dropped or slow connection), and
which request meets one. A part of `Simulator` (kie.simulator.state)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Fault:
    """A fault a test switches on. `path` is matched as a substring of the request path.

    kind: "code:N" (that code in an HTTP-200 body), "http502" (an HTML error page), "badjson",
    "drop" (close the connection without an answer), "drop_after" (act on the request, then drop),
    "slow" (answer after `delay` seconds), "null" (record-info says recordInfo is null).
    It applies to the next `count` matching requests (after letting `after` of them through), or to
    all of them for `seconds`.
    """

    path: str
    kind: str
    after: int = 0
    count: int | None = None
    seconds: float | None = None
    retry_after: float | None = None
    delay: float = 0.0
    until: float | None = None


class Faults:
    """The faults switched on (`self.faults`), counted down or timed out as requests meet them."""

    def fault_for(self, path: str) -> Fault | None:
        now = self.clock()
        with self.lock:
            for fault in list(self.faults):
                if fault.until is not None and now > fault.until:
                    self.faults.remove(fault)
                    continue
                if fault.path not in path:
                    continue
                if fault.after > 0:
                    fault.after -= 1
                    continue
                if fault.count is not None:
                    fault.count -= 1
                    if fault.count <= 0:
                        self.faults.remove(fault)
                return fault
        return None

    def add_faults(self, specs: list[dict[str, Any]]) -> None:
        with self.lock:
            for spec in specs:
                fault = Fault(**{k: v for k, v in spec.items() if k in Fault.__dataclass_fields__})
                if fault.seconds is not None:
                    fault.until = self.clock() + fault.seconds
                elif fault.count is None:
                    fault.count = 1
                self.faults.append(fault)
