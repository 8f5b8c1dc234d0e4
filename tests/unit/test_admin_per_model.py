"""Admin's usage per model, summed from the store's own usage rows (a real SQLite store and real budgets)."""

from __future__ import annotations

import time
from types import SimpleNamespace

from components.admin_view import usage_per_model
from kie import catalog
from kie.store import TaskStore
from kie.team import Budgets, day_of


def test_usage_is_summed_per_model_with_measured_credits_and_an_estimate_said_as_such(tmp_path):
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
    gpt4o = rows["GPT-4o Image"]
    assert (gpt4o["tasks"], gpt4o["images"], gpt4o["credits measured"]) == (2, 6, 3.0)
    assert rows["Seedream 4.5"]["credits measured"] == 6.5 and rows["GPT Image 2"]["credits measured"] is None
    # Every image estimated at the catalogue's price, measured or not.
    for name, row in rows.items():
        spec = next(s for s in catalog.CATALOG.values() if s.name == name)
        assert row["credits estimated"] == round(row["images"] * spec.price_per_image, 2)
    assert gpt4o["credits estimated"] == 6 * catalog.get("gpt-4o-image").price_per_image
    assert list(rows)[0] == "GPT-4o Image"  # most images first
