"""Batch progress tells the truth, in a real browser against `streamlit run app.py` (its worker sends): a 5-item
batch's card never says Done before its last task has ended, shows all five pictures without a click, and Cancel
right after Resume sends nothing more."""

from __future__ import annotations

import time

from playwright.sync_api import expect

from kie.store import TaskStore
from tests.e2e.harness import App, open_app, queue_batch

CARD = "[class*='st-key-batchcard-']"


def test_a_batch_is_done_only_when_its_last_task_ends_and_shows_its_pictures(tmp_path, logs, page):
    app = App(tmp_path / "data", logs / "app.log", env={"STUDIO_SIM_TASK_SECONDS": "4"})
    store = TaskStore(tmp_path / "data", "demo")
    prompts = [f"batch picture {n}: a {animal}" for n, animal in enumerate(["cat", "owl", "fox", "hen", "eel"], 1)]
    try:
        open_app(page, app.url)
        queue_batch(page, prompts)
        card = page.locator(CARD).first
        card.wait_for()
        seen: list[str] = []
        end = time.time() + 60
        while time.time() < end:
            text = card.inner_text()
            tasks = store.query(limit=10)
            unfinished = len(tasks) < 5 or any(t.state == "pending" for t in tasks)
            seen.append(text)
            if "Done" in text:
                assert not unfinished, f"the card said Done while tasks were still being made: {text!r}"
                break
            time.sleep(0.25)
        else:
            raise AssertionError(f"the batch never said Done; last: {seen[-1]!r}")
        assert any("Generating" in t or "Sending" in t for t in seen)  # it said what it was doing meanwhile
        expect(card.get_by_text("All 5 ended: 5 done.")).to_be_visible()
        # All five pictures, without pressing anything (the card updated itself).
        expect(card.locator("[data-testid=stImage] img")).to_have_count(5)
        assert sorted(t.prompt for t in store.query(limit=10)) == sorted(prompts)
    finally:
        app.stop()


def test_cancel_right_after_resume_sends_nothing_more(tmp_path, logs, page):
    app = App(tmp_path / "data", logs / "app.log", env={"STUDIO_SIM_TASK_SECONDS": "2"})
    store = TaskStore(tmp_path / "data", "demo")
    try:
        open_app(page, app.url)
        queue_batch(page, [f"cancel test {n}" for n in range(30)])  # the rate lets 20 go at once; 10 wait
        card = page.locator(CARD).first
        expect(card).to_contain_text("Sent 20 of 30", timeout=20_000)
        card.get_by_role("button", name="Pause").click()
        expect(card).to_contain_text("Paused")
        card.get_by_role("button", name="Resume").click()
        card.get_by_role("button", name="Cancel").click()
        expect(card).to_contain_text("Cancelled:", timeout=15_000)
        batch = store.batches()[0]
        sent = batch.count("sent") + batch.count("unconfirmed")
        assert sent < 30 and batch.count("cancelled") == 30 - sent
        expect(card).to_contain_text(f"{sent} of 30 had been sent before it")
        time.sleep(4)  # anything still going out would show now
        batch = store.batches()[0]
        assert batch.count("sent") + batch.count("unconfirmed") == sent
        assert batch.count("queued") == batch.count("sending") == 0
        assert store.count() == sent
    finally:
        app.stop()
