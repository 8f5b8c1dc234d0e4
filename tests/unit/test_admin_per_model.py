"""Admin's usage per model, summed from the store's own usage rows (a real SQLite store and real budgets)."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest

from components.admin_view import ESTIMATED, MEASURED, SOURCE, TOTAL, usage_per_model
from kie import catalog
from kie.models import GenerateRequest, Task
from kie.store import TaskStore
from kie.team import Budgets, day_of

# (task, owner, model, images, measured credits or None, state)
SPENT = [("t1", "ann@x.org", "gpt-4o-image", 2, 4.0, "success"),  # measured: 2.0 an image
         ("t2", "bob@x.org", "gpt-4o-image", 4, None, "success"),  # taken, not measured: estimated
         ("t3", "ann@x.org", "gpt-4o-image", 1, None, "failed"),  # failed: costs nothing, not estimated
         ("t4", "ann@x.org", "gpt-4o-image", 2, None, "pending"),  # accepted, still running: estimated
         ("s1", "ann@x.org", "seedream-4.5", 1, 2.0, "success"),
         ("s2", "ann@x.org", "seedream-4.5", 1, None, "failed"),
         ("s3", "bob@x.org", "seedream-4.5", 1, None, "success"),
         ("s4", "bob@x.org", "seedream-4.5", 1, 0.0, "failed")]  # measured at nothing: measured, not estimated


def studio_with_usage(tmp_path, mode: str) -> SimpleNamespace:
    store = TaskStore(tmp_path, "demo")
    budgets = Budgets(store, None)
    for task_id, owner, model, images, credits, task_state in SPENT:
        request = GenerateRequest(prompt="a cat", model=model, options=(("n_variants", images),))
        store.add(Task(task_id=task_id, kind="text", request=request, state=task_state, owner=owner,
                       model=model, credits=credits, created_at=time.time()))
        budgets.accepted(budgets.reserve(owner, images, model=model), task_id, credits)
    budgets.reserve("ann@x.org", 5, model="gpt-4o-image")  # reserved, never accepted: not used
    return SimpleNamespace(mode=mode, workspace=SimpleNamespace(store=store))


def test_measured_credits_plus_an_estimate_only_for_unmeasured_images_that_did_not_fail(tmp_path):
    ctx = studio_with_usage(tmp_path, "demo")
    rows = {r["model"]: r for r in usage_per_model(ctx, day_of(time.time() - 86400))}
    assert list(rows) == ["GPT-4o Image", "Seedream 4.5"]  # most images first
    gpt4o, seedream = rows["GPT-4o Image"], rows["Seedream 4.5"]
    assert (gpt4o["tasks"], gpt4o["images"], gpt4o["failures"], gpt4o["measured tasks"]) == (4, 9, 1, 1)
    assert (seedream["tasks"], seedream["images"], seedream["failures"], seedream["measured tasks"]) == (4, 4, 2, 2)
    # In demo the estimate is the catalogue's price (4o 1.5, Seedream 1.6), for t2+t4 and s3 only.
    assert catalog.get("gpt-4o-image").price_per_image == 1.5 and catalog.get("seedream-4.5").price_per_image == 1.6
    assert (gpt4o[MEASURED], gpt4o[ESTIMATED], gpt4o[TOTAL]) == (4.0, 9.0, 13.0)
    assert (seedream[MEASURED], seedream[ESTIMATED], seedream[TOTAL]) == (2.0, 1.6, 3.6)
    assert gpt4o[SOURCE] == f"6 images at 1.5 credits each ({catalog.PRICE_NOTE})"
    assert seedream[SOURCE] == f"1 image at 1.6 credits each ({catalog.PRICE_NOTE})"


def test_live_estimates_as_the_cards_do(tmp_path):
    """Live, the cards estimate the default model from its measured tasks and every other model at the catalogue's
    price for its options (components.credits.price, kie.prices.task_cost): Admin the same."""
    ctx = studio_with_usage(tmp_path, "live")
    rows = {r["model"]: r for r in usage_per_model(ctx, day_of(time.time() - 86400))}
    # 4o: the median measured price per image, 4.0/2 = 2.0. Seedream: the catalogue's 1.6, though s1 measured 2.0.
    assert (rows["GPT-4o Image"][MEASURED], rows["GPT-4o Image"][ESTIMATED], rows["GPT-4o Image"][TOTAL]) == (
        4.0, 12.0, 16.0)
    assert rows["GPT-4o Image"][SOURCE] == "6 images at 2 credits each (estimate from 1 measured task(s))"
    assert (rows["Seedream 4.5"][MEASURED], rows["Seedream 4.5"][ESTIMATED], rows["Seedream 4.5"][TOTAL]) == (
        2.0, 1.6, 3.6)
    assert rows["Seedream 4.5"][SOURCE] == f"1 image at 1.6 credits each ({catalog.PRICE_NOTE})"


@pytest.mark.parametrize("mode", ["demo", "live"])
def test_a_model_whose_tasks_all_failed_or_were_measured_has_no_estimate(tmp_path, mode):
    store = TaskStore(tmp_path, "demo")
    budgets = Budgets(store, None)
    for task_id, model, credits, task_state in (("g1", "gpt-image-2", None, "failed"),
                                                ("g2", "gpt-image-2", 3.0, "success")):
        store.add(Task(task_id=task_id, kind="text", request=GenerateRequest(prompt="a cat", model=model),
                       state=task_state, model=model, credits=credits, created_at=time.time()))
        budgets.accepted(budgets.reserve("ann@x.org", 1, model=model), task_id, credits)
    ctx = SimpleNamespace(mode=mode, workspace=SimpleNamespace(store=store))
    [row] = usage_per_model(ctx, day_of(time.time()))
    assert (row["model"], row["tasks"], row["failures"]) == ("GPT Image 2", 2, 1)
    assert (row[MEASURED], row[ESTIMATED], row[TOTAL], row[SOURCE]) == (3.0, None, 3.0, "")


def test_a_failed_task_counts_nothing_charged_even_where_its_balance_was_measured(tmp_path):
    """What the cards say ("nothing charged") is what Admin sums: a failed task measured at 1.5 adds nothing."""
    store = TaskStore(tmp_path, "demo")
    budgets = Budgets(store, None)
    for task_id, credits, task_state in (("f1", 1.5, "failed"), ("f2", 3.0, "success")):
        store.add(Task(task_id=task_id, kind="text", request=GenerateRequest(prompt="a cat"), state=task_state,
                       credits=credits, created_at=time.time()))
        budgets.accepted(budgets.reserve("ann@x.org", 1, model="gpt-4o-image"), task_id, credits)
    ctx = SimpleNamespace(mode="demo", workspace=SimpleNamespace(store=store))
    [row] = usage_per_model(ctx, day_of(time.time()))
    assert (row["failures"], row[MEASURED], row[ESTIMATED], row[TOTAL]) == (1, 3.0, None, 3.0)
    [day] = store.usage(day_of(time.time()))
    assert day.credits == 3.0
