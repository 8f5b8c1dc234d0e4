"""*Credits left* follows a running batch, in a real browser against `streamlit run app.py` (its worker sends and
follows): when one of the batch's tasks ends (here it fails, and the simulator gives its price back) the sidebar
shows the new balance while the batch's other task is still being made, not only at the batch's end."""

from __future__ import annotations

from playwright.sync_api import expect

from kie.store import TaskStore
from tests.e2e.harness import App, open_app, queue_batch

CARD = "[class*='st-key-batchcard-']"


def credits_left(page):
    return page.get_by_test_id("stMetric").filter(has_text="Credits left").get_by_test_id("stMetricValue")


def test_credits_left_refreshes_when_a_task_of_a_running_batch_ends(tmp_path, logs, page):
    app = App(tmp_path / "data", logs / "app.log")
    store = TaskStore(tmp_path / "data", "demo")
    try:
        open_app(page, app.url)
        expect(credits_left(page)).to_have_text("1,000", timeout=30_000)
        queue_batch(page, ["a short one that fails [fail] [seconds:6]", "a long one [seconds:120]"])
        card = page.locator(CARD).first
        expect(card).to_contain_text("Generating", timeout=30_000)
        # 1,000 - 1.5 - 1.5 sent, + 1.5 given back for the failed one: shown while the long one still runs.
        expect(credits_left(page)).to_have_text("998.5", timeout=45_000)
        tasks = {t.prompt: t for t in store.query(limit=5)}
        assert tasks["a short one that fails [fail] [seconds:6]"].state == "failed"
        assert tasks["a long one [seconds:120]"].needs_polling  # the batch has not ended
        expect(card).to_contain_text("Generating")
    finally:
        app.stop()
