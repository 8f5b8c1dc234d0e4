"""A PostgreSQL restart while a task is being polled: the page says there is trouble and that it retries; nothing
is lost; polling resumes and the task ends with its image."""

from __future__ import annotations

import threading

from playwright.sync_api import expect

from tests.e2e.harness import App, generate, open_app

IMAGES = "[data-testid=stImage] img"


def test_a_database_restart_during_polling_is_trouble_retried_and_nothing_is_lost(page, tmp_path, logs, sim_process,
                                                                                 postgres_server, postgres_url):
    env = {"KIE_API_KEY": sim_process.keys[0], "KIE_API_BASE_URL": sim_process.url,
           "KIE_UPLOAD_BASE_URL": sim_process.url, "STUDIO_DATABASE_URL": postgres_url,
           # A page notices the outage on its next run; a listening page runs on a change or its safety tick, which
           # is shortened here so the outage shows within this test's wait (nothing changes while the database is
           # down).
           "STUDIO_SAFETY_TICK_SECONDS": "3"}
    app = App(tmp_path / "data", logs / "app.log", env=env)
    try:
        open_app(page, app.url)
        generate(page, "a windmill in the rain [seconds:12]")
        # Down long enough that the page's runs (a change heard, then the safety tick every 3 s) land inside the
        # outage even on a loaded machine: the suite runs four workers on two cores, and an 8-s outage was once
        # over before the page's next run was drawn.
        restart = threading.Thread(target=postgres_server.restart, kwargs={"down_seconds": 15.0})
        restart.start()
        expect(page.get_by_text("The history database is not answering")).to_be_visible(timeout=25_000)
        restart.join()
        expect(page.locator(IMAGES)).to_have_count(1, timeout=60_000)
        expect(page.get_by_text("The history database is not answering")).to_have_count(0)
        assert len(sim_process.requests("/generate")) == 1  # nothing was sent twice
        log = app.log.read_text()
        assert "Traceback" not in log.split("background worker started", 1)[-1]  # a warning a round, no crash
    finally:
        app.stop()
