"""The Generate flow in a real browser against `streamlit run app.py`."""

from __future__ import annotations

import signal

import pytest

from kie.following import CLAIM_LEASE
from tests.e2e.harness import App, card, generate, open_app, screenshot, settle

IMAGES = "[class*='st-key-result-'] [data-testid=stImage] img"  # the result pictures on cards




@pytest.fixture
def demo_app_8s_tasks(tmp_path, logs):
    """Demo mode with 8-s tasks: "Generating" must still be on the card when the click's run has been drawn, on a
    loaded machine too (with 3-s tasks the task could end first)."""
    app = App(tmp_path / "data", logs / "app.log", env={"STUDIO_SIM_TASK_SECONDS": "8"})
    yield app
    app.stop()


def test_prompt_gives_images_and_a_reload_keeps_them(demo_app_8s_tasks, page):
    demo_app = demo_app_8s_tasks
    open_app(page, demo_app.url)
    assert page.get_by_text("Demo: simulated images").is_visible()
    generate(page, "a lighthouse on a cliff at dawn")
    page.get_by_text("Generating").first.wait_for()  # live progress shows at once
    page.locator(IMAGES).first.wait_for(timeout=30_000)
    page.get_by_role("button", name="Download", exact=True).first.wait_for()
    settle(page)
    screenshot(page, "screenshot.png")
    page.reload()
    page.wait_for_selector("[data-testid=stApp]")
    page.locator(IMAGES).first.wait_for()
    assert page.get_by_text("a lighthouse on a cliff at dawn").count() >= 1


def test_pending_tasks_survive_a_killed_server(tmp_path, logs, page):
    data = tmp_path / "data"
    app = App(data, logs / "app1.log", env={"STUDIO_SIM_TASK_SECONDS": "10"})
    try:
        open_app(page, app.url)
        generate(page, "slow sunrise over the sea")
        generate(page, "slow moonrise over the hills")
        page.get_by_text("Generating").first.wait_for()
    finally:
        app.stop(signal.SIGKILL)  # no chance to clean up
    app = App(data, logs / "app2.log", env={"STUDIO_SIM_TASK_SECONDS": "10"}, port=app.port)
    try:
        open_app(page, app.url)
        for prompt in ("slow sunrise over the sea", "slow moonrise over the hills"):
            card(page, prompt).first.wait_for()
        # A task whose poll the killed server had claimed (its claim sets the next poll a lease ahead) is asked
        # about again once the lease ends (kie.following.CLAIM_LEASE): once in the full run the kill landed there.
        page.get_by_role("button", name="Download", exact=True).nth(1).wait_for(timeout=(CLAIM_LEASE + 40) * 1000)
        assert page.locator(IMAGES).count() == 2  # both finished after the restart
    finally:
        app.stop()


def test_live_mode_against_a_separate_simulator(sim_process, tmp_path, logs, page):
    env = {"KIE_API_BASE_URL": sim_process.url, "KIE_UPLOAD_BASE_URL": sim_process.url,
           "KIE_API_KEY": sim_process.keys[0]}
    app = App(tmp_path / "data", logs / "app.log", env=env)
    try:
        open_app(page, app.url)
        assert page.get_by_text("Live:").first.is_visible()
        generate(page, "a live red kite")
        page.locator(IMAGES).first.wait_for(timeout=30_000)
        sent = sim_process.requests("/generate")
        assert [r["body"]["prompt"] for r in sent] == ["a live red kite"]
        assert sim_process.keys[0] not in page.content()
    finally:
        app.stop()


def test_form_values_survive_a_page_switch_while_a_task_runs(tmp_path, logs, page):
    app = App(tmp_path / "data", logs / "app.log", env={"STUDIO_SIM_TASK_SECONDS": "20"})
    try:
        open_app(page, app.url)
        generate(page, "keep polling while I wander")
        page.get_by_label("Prompt", exact=True).fill("my next idea")
        page.get_by_label("Prompt", exact=True).press("Control+Enter")
        settle(page)
        page.get_by_role("link", name="History").click()
        page.get_by_role("heading", name="History").wait_for()
        page.wait_for_timeout(1500)  # let the polling fragment tick meanwhile
        page.get_by_role("link", name="Generate").click()
        page.get_by_role("heading", name="Generate").wait_for()
        settle(page)
        assert page.get_by_label("Prompt", exact=True).input_value() == "my next idea"
    finally:
        app.stop()
