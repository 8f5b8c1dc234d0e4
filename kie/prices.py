"""What an image costs, in one place: measured where the balance was read around a task, else a price table.

The provider publishes no price through the API. A task's own cost is known when the balance was read just
before and after it with nothing else accepted in between (kie.studio); other tasks are estimated from the
price table (the simulator's price in demo mode) or from the median of this workspace's measured tasks.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from kie.models import Task

PRICE_PER_IMAGE: dict[str, float | None] = {"demo": 1.5, "live": None}  # demo: what the simulator charges
MEASURED_SAMPLE = 200  # recent tasks looked at for a measured price


@dataclass(frozen=True)
class Price:
    credits: float  # per image
    source: str  # said beside every estimate


def price_per_image(store, mode: str) -> Price | None:
    """The price of one image: the table's, or the median of recent measured tasks; None when unknown."""
    table = PRICE_PER_IMAGE.get(mode)
    if table is not None:
        return Price(table, "estimate from the price table")
    measured = [t.credits / t.request.n_variants for t in store.query(limit=MEASURED_SAMPLE)
                if t.credits is not None and t.credits > 0]
    if not measured:
        return None
    return Price(round(statistics.median(measured), 4), f"estimate from {len(measured)} measured task(s)")


def task_cost(task: Task, price: Price | None) -> tuple[float | None, bool]:
    """(credits, is_estimate) of one task: measured when known, else estimated; failed tasks cost nothing."""
    if task.credits is not None:
        return task.credits, False
    if task.state == "failed" or price is None:
        return (0.0, False) if task.state == "failed" else (None, True)
    return round(price.credits * task.request.n_variants, 4), True
