"""What an image costs: measured where the balance was read around a task, else the catalogue's estimate.

The provider publishes no price through the API, and its model pages give none: the one price table is the
catalogue's (`kie.catalog`, `ModelSpec.price_per_image`, labelled as estimates; the simulator charges exactly
those). A task's own cost is known when the balance was read just before and after it with nothing else accepted
in between (kie.workspace); other tasks are estimated from the median of this workspace's measured tasks of the same
model (live), or from the catalogue.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from kie import catalog
from kie.models import Task

# The default model's price per image by mode, for the code that reads one figure (batch estimates); live, the
# measured figure is better and `price_per_image` gives it.
PRICE_PER_IMAGE: dict[str, float | None] = {"demo": catalog.GPT_4O.price_per_image, "live": None}
MEASURED_SAMPLE = 200  # recent tasks looked at for a measured price


@dataclass(frozen=True)
class Price:
    credits: float  # per image
    source: str  # said beside every estimate
    model: str = catalog.DEFAULT_MODEL


def catalogue_price(model: str = catalog.DEFAULT_MODEL) -> Price | None:
    """The catalogue's estimate for one image of `model`; None for a model the catalogue does not list."""
    spec = catalog.CATALOG.get(model)
    return None if spec is None else Price(spec.price_per_image, catalog.PRICE_NOTE, spec.id)


def price_per_image(store, mode: str, model: str = catalog.DEFAULT_MODEL) -> Price | None:
    """The price of one image of `model`: in demo the catalogue's (what the simulator charges); live the median
    of recent measured tasks of that model, else the catalogue's estimate; None for a model it does not list."""
    if mode == "demo":
        return catalogue_price(model)
    measured = [t.credits / max(1, t.request.images) for t in _recent(store)
                if t.credits is not None and t.credits > 0 and t.model == model and t.state != "failed"]
    if measured:
        return Price(round(statistics.median(measured), 4), f"estimate from {len(measured)} measured task(s)", model)
    return catalogue_price(model)


def _recent(store) -> list[Task]:
    return list(store.query(limit=MEASURED_SAMPLE))


def task_cost(task: Task, price: Price | None = None) -> tuple[float | None, bool]:
    """(credits, is_estimate) of one task: measured when known, else estimated; a failed task counts as nothing
    charged (no result was made), whatever the balance did when it was accepted.

    `price` is used when it is for the task's model; otherwise the catalogue's estimate of that model."""
    if task.state == "failed":
        return 0.0, False
    if task.credits is not None:
        return task.credits, False
    if price is None or price.model != task.model:
        price = catalogue_price(task.model)
    if price is None:
        return None, True
    spec = catalog.CATALOG.get(task.model)
    if price.source == catalog.PRICE_NOTE and spec is not None:  # the catalogue's, with the task's own options
        return spec.estimate(task.request.settings()), True  # (a relaxed Midjourney grid costs less than a fast one)
    return round(price.credits * task.request.images, 4), True



def estimated_costs(tasks: Sequence[Task], price: Price | None) -> list[float] | None:
    """Each task's estimated cost as its card works it out (`task_cost`: the catalogue's price for the task's own
    options, a 4K Seedream or a turbo Midjourney grid, or `price` per image where measured tasks set it), for tasks
    that were not measured and did not fail; None when one of them has no price known."""
    costs = [task_cost(task, price)[0] for task in tasks]
    return None if any(cost is None for cost in costs) else costs
