"""A 30-item batch from a template, in a real browser, against the simulator with its 429 rule on (20 in 10 s),
across a server restart: exactly 30 generates, never more than 20 in any 10 s window."""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from tests.e2e.harness import App, open_app, settle

ANIMALS = "cat, dog, owl, fox, hen, eel"
PLACES = "a forest, a city, the sea, a desert, the snow"


def most_in_any_window(times: list[float], seconds: float) -> int:
    times = sorted(times)
    return max((sum(1 for u in times if t <= u < t + seconds) for t in times), default=0)


def test_a_template_batch_runs_to_the_end_under_the_rate_limit_across_a_restart(browser, tmp_path, logs,
                                                                                 sim_process):
    env = {"KIE_API_KEY": sim_process.keys[0], "KIE_API_BASE_URL": sim_process.url,
           "KIE_UPLOAD_BASE_URL": sim_process.url}
    app = App(tmp_path / "data", logs / "app.log", env=env)
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    try:
        open_app(page, app.url)
        page.get_by_role("radio", name="Batch").click()
        settle(page)
        page.get_by_role("radio", name="Template").click()
        settle(page)
        page.get_by_role("textbox", name="Template").fill("A {animal} in {place}")
        page.get_by_role("textbox", name="Template").press("Enter")
        settle(page)
        for label, values in (("Values of {animal}", ANIMALS), ("Values of {place}", PLACES)):
            box = page.get_by_label(label)
            box.fill(values)
            box.press("Control+Enter")
            settle(page)
        expect(page.get_by_text("6 × 5 = 30 prompts")).to_be_visible()
        page.get_by_role("button", name="Queue 30 tasks").click()
        sim_process.wait_requests("/generate", 12, timeout=60)
        port = app.port
        app.stop()  # a server restart in the middle of the batch
        sent_before = len(sim_process.requests("/generate"))
        assert 12 <= sent_before < 30
        app = App(tmp_path / "data", logs / "app2.log", env=env, port=port)
        sim_process.wait_requests("/generate", 30, timeout=90)
        time.sleep(3)  # anything extra would come now
        open_app(page, app.url)
        page.get_by_role("radio", name="Batch").click()
        expect(page.locator("[class*='st-key-batchcard-']").first).to_contain_text(
            re.compile(r"Generating \d+ of 30|All 30 ended"), timeout=30_000)  # every item sent
    finally:
        app.stop()
    generates = sim_process.requests("/generate")
    prompts = [r["body"]["prompt"] for r in generates]
    assert len(prompts) == 30 and len(set(prompts)) == 30  # nothing lost, nothing twice
    assert most_in_any_window([r["time"] for r in generates], 10.0) <= 20
