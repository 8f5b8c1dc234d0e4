"""Pages listen instead of ticking (issue 28), in a real browser against the simulator over HTTP.

A tab waiting on a task reruns only when the task changes (the script runs are counted from the app's own
WebSocket, harness.RUN_WATCH_JS); a connection cut for 10 s catches up by itself; with the worker alive only the
worker asks the provider, and with it stopped the open page follows its task itself; a press made while the panel
shows a new picture, before the page's run that follows an end, is taken; and so is a press sent in one rerun with
the panel's ask.
"""

from __future__ import annotations

import base64
import json
import time

import pytest
from playwright.sync_api import expect
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from kie.store import TaskStore
from tests.e2e.harness import App, card, generate, open_app, settle, type_prompt

IMAGES = "[data-testid=stImage] img"
PROGRESS = "[data-testid=stProgress] [role=progressbar]"
RUNS = "() => window.__studioRuns.counts.started || 0"  # script runs the server started (harness.RUN_WATCH_JS)
LISTENING = "() => Array.from((window.__studioListen || new Map()).values()).some((s) => s.connected)"


def live_app(tmp_path, logs, sim, **env: str) -> App:
    return App(tmp_path / "data", logs / "app.log",
               env={"KIE_API_KEY": sim.keys[0], "KIE_API_BASE_URL": sim.url, "KIE_UPLOAD_BASE_URL": sim.url, **env})


def test_a_tab_sees_progress_and_the_picture_rerunning_only_when_the_task_changes(page, tmp_path, logs,
                                                                                  sim_process):
    sim_process.configure(task_seconds=20)
    # A safety net of 3 s: were it a tick while the connection is alive, the 20-s wait would hold six runs of it.
    app = live_app(tmp_path, logs, sim_process, STUDIO_SAFETY_TICK_SECONDS="3")
    try:
        open_app(page, app.url)
        generate(page, "a lighthouse heard, not polled")
        page.wait_for_function(LISTENING)
        token = page.evaluate("() => Array.from(window.__studioListen.values()).find((s) => s.connected).token")
        runs_before = page.evaluate(RUNS)
        started = time.time()
        # Progress shows while the task runs, then the picture, with nobody reloading or clicking.
        page.wait_for_function(f"() => [...document.querySelectorAll('{PROGRESS}')]"
                               ".some((bar) => Number(bar.getAttribute('aria-valuenow')) > 0)", timeout=30_000)
        expect(page.locator(IMAGES)).to_have_count(1, timeout=60_000)
        waited = time.time() - started
        runs = page.evaluate(RUNS) - runs_before
        asked = sim_process.requests("/record-info")  # the one task of this test
        assert asked and {r["caller"] for r in asked} == {"worker"}  # no page's session asked the provider
        # Each answer that changed the task reruns the panel (and the sidebar's notice) once, and its end the page
        # once; a tick would have rerun the panel every second of the wait (and the notice every two), and a safety
        # tick kept while the connection is alive every three seconds.
        assert runs <= 2 * len(asked) + 3, (runs, len(asked), waited)
        assert runs < waited / 2, (runs, waited)
        # Quiet while nothing changes: no run at all in a stretch without an answer from the provider (from when the
        # end's own runs are over: the picture shows during the panel's run, before the page's run it asks for).
        settle(page)
        quiet_from, runs_then = time.time(), page.evaluate(RUNS)
        page.wait_for_timeout(4_000)
        assert page.evaluate(RUNS) == runs_then
        assert not [r for r in sim_process.requests("/record-info") if r["time"] > quiet_from]
        expect(card(page, "a lighthouse heard, not polled").first).to_be_visible()
        # The real server's route: the page's token is heard (its task's stamp comes first); the same token naming
        # another task under the same signature, as someone after another person's task would try, is refused.
        route = app.url.replace("http://", "ws://") + "/api/studio/task-events"
        with connect(route, open_timeout=30) as socket:
            socket.send(token)
            assert list(json.loads(socket.recv(timeout=30))["stamps"].values())[0].startswith("success")
        body, signature = token.split(".")
        grant = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        grant["t"] = ["task_of_another_person"]
        altered = base64.urlsafe_b64encode(json.dumps(grant, separators=(",", ":")).encode()).rstrip(b"=").decode()
        with connect(route, open_timeout=30) as socket:
            socket.send(f"{altered}.{signature}")
            with pytest.raises(ConnectionClosed) as closed:
                socket.recv(timeout=30)
        assert closed.value.rcvd.code == 4401
    finally:
        app.stop()


def test_a_star_pressed_while_the_panel_shows_a_new_picture_is_taken(page, tmp_path, logs):
    """After a task's end the panel's run shows the picture, pauses so that the browser draws it before the page's
    whole run, then starts that run. A press made in the pause (here a Star on another card, the pause made long)
    waits and is taken by the page's run, not lost."""
    app = App(tmp_path / "data", logs / "app.log",
              env={"STUDIO_SIM_TASK_SECONDS": "1", "STUDIO_PICTURE_FIRST_SECONDS": "4"})
    store = TaskStore(tmp_path / "data", "demo")
    try:
        open_app(page, app.url)
        generate(page, "a fox seen first")
        expect(page.locator(IMAGES)).to_have_count(1, timeout=30_000)
        page.wait_for_function("() => window.__studioRuns.ended > window.__studioRuns.started")  # the pause is over
        generate(page, "a whale seen second [seconds:3]")
        expect(page.locator(IMAGES)).to_have_count(2, timeout=30_000)
        assert page.evaluate("() => window.__studioRuns.started > window.__studioRuns.ended")  # in the pause
        fox = page.locator("[class*='st-key-card-gen-']").filter(has_text="a fox seen first")
        fox.get_by_role("button", name="Star", exact=True).click()
        expect(fox.get_by_role("button", name="Unstar", exact=True)).to_be_visible()
        [task] = [t for t in store.query(limit=5) if t.prompt == "a fox seen first"]
        assert task.favourite
    finally:
        app.stop()


def test_a_press_sent_in_one_rerun_with_the_panel_s_ask_is_taken(page, tmp_path, logs):
    """Streamlit's browser side sends the changes made before its next flush as one rerun, named after the fragment
    of any change that names one. The panel's listener asks for its fragment's rerun and Generate is pressed in the
    same moment (here in one task of the page, which makes the moment certain): the press still makes its task,
    because such a rerun runs the whole page (press_guard.py); before, only the panel ran and the press was lost."""
    app = App(tmp_path / "data", logs / "app.log", env={"STUDIO_SIM_TASK_SECONDS": "60"})
    store = TaskStore(tmp_path / "data", "demo")
    try:
        open_app(page, app.url)
        generate(page, "a slow heron")  # the panel listens while it runs
        page.wait_for_function("() => !!(window.__studioListen && window.__studioListen.get('gen')"
                               " && window.__studioListen.get('gen').trigger)")
        type_prompt(page, "a quick wren")
        page.get_by_role("button", name="Generate").evaluate(
            "(button) => { window.__studioListen.get('gen').trigger('changed', 'asked'); button.click(); }")
        card(page, "a quick wren").first.wait_for()
        assert [t.prompt for t in store.query(limit=5)].count("a quick wren") == 1
    finally:
        app.stop()


@pytest.mark.parametrize("cut_seconds", [10])
def test_a_tab_whose_connection_is_cut_catches_up_when_it_is_back(page, tmp_path, logs, sim_process, cut_seconds):
    """The task ends while the tab's subscription is cut off; the safety tick is set far away (10 minutes), so only
    the reconnection (its first message: every task's current stamp) can bring the picture."""
    sim_process.configure(task_seconds=8)
    app = live_app(tmp_path, logs, sim_process, STUDIO_SAFETY_TICK_SECONDS="600")
    cut = {"until": 0.0, "connections": 0}

    def through(ws) -> None:
        cut["connections"] += 1
        if time.time() < cut["until"]:
            ws.close(code=1011, reason="cut")  # the network is away: refused
            return
        ws.connect_to_server()

    try:
        page.route_web_socket("**/api/studio/task-events", through)
        open_app(page, app.url)
        generate(page, "a kite through a cut line")
        page.wait_for_function(LISTENING)
        cut_at = cut["until"] = time.time() + 3600  # until the task has ended, and at least `cut_seconds`
        # Cut the open connection: closing it from the page's side stands for a dropped network.
        page.evaluate("() => { for (const s of window.__studioListen.values()) s.socket.close(); }")
        sim_process.wait_requests("/files/results/", 1, timeout=40)  # the worker kept the picture meanwhile
        cut["until"] = max(cut_at - 3600 + cut_seconds, time.time() + 2)
        expect(page.locator(IMAGES)).to_have_count(0)  # nothing heard while cut off
        expect(page.locator(IMAGES)).to_have_count(1, timeout=40_000)
        assert time.time() >= cut["until"]
        assert cut["connections"] >= 2  # it came back by itself
    finally:
        app.stop()


def test_with_the_worker_stopped_an_open_page_follows_its_task_itself(page, tmp_path, logs, sim_process):
    sim_process.configure(task_seconds=6)
    app = live_app(tmp_path, logs, sim_process, STUDIO_WORKER="off")
    try:
        open_app(page, app.url)
        generate(page, "a lantern nobody else watches")
        expect(page.locator(IMAGES)).to_have_count(1, timeout=60_000)
        asked = sim_process.requests("/record-info")
        assert asked and {r["caller"] for r in asked} == {"page"}  # the page's own reruns asked
    finally:
        app.stop()
