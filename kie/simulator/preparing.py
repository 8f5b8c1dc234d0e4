"""Result pictures drawn shortly before their task ends, so that they are ready when the task says it is done.

The service has its files in place when record-info first reports a success; the simulator draws its scenes (0.1 to
0.3 s each on the 2-core machine) and, left to itself, would draw one only when it is first downloaded, putting the
drawing into every measured end-to-picture time. A `ResultPreparer` (started by SimulatorServer when asked: the
simulator's command line and demo mode do) draws each task's pictures `LEAD` seconds before its end instead. Unit
tests, whose tasks mostly end unread, leave it off and keep drawing on demand.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kie.simulator.state import Simulator

log = logging.getLogger(__name__)
LEAD = 1.0  # seconds before a task's end its pictures are drawn
LONGEST_NAP = 0.5  # seconds between looks when nothing is due sooner (a new task wakes it at once)


class ResultPreparer:
    """A daemon thread that draws the pictures of each new task of `simulator` ahead of its end."""

    def __init__(self, simulator: Simulator, lead: float = LEAD):
        self.sim = simulator
        self.lead = lead
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> ResultPreparer:
        self.sim.preparing = True
        self._thread = threading.Thread(target=self._run, name="kie-simulator-preparer", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.sim.preparing = False
        self._stop.set()
        self.sim.prepare_wakeup.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            next_at = None
            try:
                due, next_at = self.sim.results_to_prepare(self.lead)
                for task in due:
                    if self._stop.is_set():
                        return
                    self.sim.prepare_results(task)
            except Exception:  # the thread must outlive one bad task: its pictures are drawn when downloaded
                log.exception("preparing result pictures")
            nap = LONGEST_NAP if next_at is None else min(LONGEST_NAP, max(0.002, next_at - self.sim.clock()))
            self.sim.prepare_wakeup.wait(nap)
            self.sim.prepare_wakeup.clear()
