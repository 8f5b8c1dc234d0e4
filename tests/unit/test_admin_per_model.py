"""Admin's usage per model, summed from the store's own usage rows (a real SQLite store and real budgets)."""

from __future__ import annotations

import time
from types import SimpleNamespace

from components.admin_view import usage_per_model
from kie.store import TaskStore
from kie.team import Budgets, day_of


def test_usage_is_summed_per_model_with_measured_credits_only(tmp_path):
    store = TaskStore(tmp_path, "demo")
    budgets = Budgets(store, None)
    spent = [("ann@x.org", "gpt-4o-image", 2, 3.0), ("bob@x.org", "gpt-4o-image", 4, None),
             ("ann@x.org", "seedream-4.5", 1, 6.5), ("ann@x.org", "gpt-image-2", 1, None)]
    for n, (owner, model, images, credits) in enumerate(spent):
        reservation = budgets.reserve(owner, images, model=model)
        budgets.accepted(reservation, f"task-{n}", credits)
    conn = SimpleNamespace(studio=SimpleNamespace(store=store))
    rows = {r["model"]: r for r in usage_per_model(conn, day_of(time.time() - 86400))}
    assert set(rows) == {"GPT-4o Image", "Seedream 4.5", "GPT Image 2"}
    assert (rows["GPT-4o Image"]["tasks"], rows["GPT-4o Image"]["images"], rows["GPT-4o Image"]["credits"]) == (
        2, 6, 3.0)
    assert rows["Seedream 4.5"]["credits"] == 6.5 and rows["GPT Image 2"]["credits"] is None  # not measured
    assert list(rows)[0] == "GPT-4o Image"  # most images first
