"""Admin's per-model estimate is the sum of what the cards say: each task not measured is estimated at its own
options' price (a Seedream 4.0 at 4K, a Midjourney grid at Turbo), not at the model's price of an image times its
images. The card's cost is `kie.figures.cost_of` with the session's price (`components.credits.price`: the
workspace's price of an image, `kie.prices.price_per_image`), as `components.task_facts.cost_words` draws it."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest

from components.admin_view import ESTIMATED, MEASURED, SOURCE, TOTAL, usage_per_model
from kie import catalog, figures
from kie.models import GenerateRequest, Task
from kie.prices import price_per_image
from kie.store import TaskStore
from kie.team import Budgets, day_of

# (task id, model, options): each sent, accepted against a budget, done, its cost not measured
TASKS = [("sd4k", "seedream-4.0", {"resolution": "4K"}),
         ("mjturbo", "midjourney", {"speed": "turbo"})]


def studio(tmp_path, mode: str, tasks=TASKS, measured: dict[str, float] | None = None) -> SimpleNamespace:
    store = TaskStore(tmp_path, "demo")
    budgets = Budgets(store, None)
    for task_id, model, options in tasks:
        request = GenerateRequest.build(model, "a lighthouse at dawn", options).validated()
        credits = (measured or {}).get(task_id)
        store.add(Task(task_id=task_id, kind="text", request=request, state="success", owner="ann@x.org",
                       model=model, credits=credits, created_at=time.time()))
        budgets.accepted(budgets.reserve("ann@x.org", request.images, model=model), task_id, credits)
    return SimpleNamespace(mode=mode, workspace=SimpleNamespace(store=store))


def card_cost(ctx, task_id: str) -> figures.Cost:
    store = ctx.workspace.store
    return figures.cost_of(store.get(task_id), price_per_image(store, ctx.mode))


@pytest.mark.parametrize("mode", ["demo", "live"])  # live with nothing measured yet: the catalogue's estimate
def test_a_seedream_4k_and_a_midjourney_turbo_task_read_the_same_on_the_card_and_in_admin(tmp_path, mode):
    ctx = studio(tmp_path, mode)
    rows = {r["model"]: r for r in usage_per_model(ctx, day_of(time.time() - 86400))}
    for task_id, model, options in TASKS:
        card = card_cost(ctx, task_id)
        row = rows[catalog.name_of(model)]
        assert card.estimated and card.words == figures.estimate_words(card.credits)
        assert (row[MEASURED], row[ESTIMATED], row[TOTAL]) == (None, card.credits, card.credits)
        # the options set the price: the model's price of an image times its images would read otherwise
        spec = catalog.get(model)
        assert card.credits != spec.price_per_image * GenerateRequest.build(model, "x", options).images
    assert rows["Seedream 4.0"][ESTIMATED] == 5.25 and rows["Midjourney"][ESTIMATED] == 16.0
    assert rows["Seedream 4.0"][SOURCE] == f"1 image at 5.25 credits each ({catalog.PRICE_NOTE})"
    assert rows["Midjourney"][SOURCE] == f"4 images at 4 credits each ({catalog.PRICE_NOTE})"


def test_tasks_of_one_model_at_different_options_are_summed_as_their_cards_and_say_the_range(tmp_path):
    tasks = [("mj1", "midjourney", {"speed": "turbo"}), ("mj2", "midjourney", {"speed": "relaxed"}),
             ("mj3", "midjourney", {"speed": "fast"})]
    ctx = studio(tmp_path, "demo", tasks, measured={"mj3": 8.0})
    [row] = usage_per_model(ctx, day_of(time.time()))
    cards = [card_cost(ctx, task_id) for task_id, _, _ in tasks]
    assert [c.words for c in cards] == ["about 16 credits (estimate)", "about 3 credits (estimate)", "8 credits"]
    assert (row[MEASURED], row[ESTIMATED], row[TOTAL]) == (8.0, 19.0, 27.0)
    assert row[SOURCE] == f"8 images at 0.75 to 4 credits each, by their options ({catalog.PRICE_NOTE})"


def test_live_with_measured_tasks_of_the_same_models_admin_still_reads_as_the_cards(tmp_path):
    """Live, a measured 1K Seedream and a measured Fast grid do not set the price of the 4K and Turbo ones: the
    cards estimate those at the catalogue's price for their options, and so does Admin."""
    tasks = [*TASKS, ("sd1k", "seedream-4.0", {"resolution": "1K"}), ("mjfast", "midjourney", {"speed": "fast"}),
             ("gpt", "gpt-4o-image", {"n_variants": 2}), ("gpt2", "gpt-4o-image", {"n_variants": 4})]
    ctx = studio(tmp_path, "live", tasks, measured={"sd1k": 3.6, "mjfast": 8.4, "gpt": 4.0})
    rows = {r["model"]: r for r in usage_per_model(ctx, day_of(time.time()))}
    for task_id, model in (("sd4k", "Seedream 4.0"), ("mjturbo", "Midjourney"), ("gpt2", "GPT-4o Image")):
        card = card_cost(ctx, task_id)
        assert card.estimated and rows[model][ESTIMATED] == card.credits, (model, card, rows[model])
    assert rows["GPT-4o Image"][ESTIMATED] == 8.0  # the default model: 2 credits an image, measured on "gpt"
    assert (rows["Seedream 4.0"][MEASURED], rows["Seedream 4.0"][TOTAL]) == (3.6, 8.85)
