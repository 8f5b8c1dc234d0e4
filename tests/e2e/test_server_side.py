"""The server side in a real browser: tasks finish with no tab open; callbacks; forged callbacks change nothing."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid

import pytest
import requests
from playwright.sync_api import expect

from tests.e2e.harness import App, Simulator, card, free_port, generate, open_app, settle

IMAGES = "[data-testid=stImage] img"
HMAC_KEY = "whk-" + uuid.uuid4().hex


def live_env(sim: Simulator, key: str, **extra: str) -> dict[str, str]:
    return {"KIE_API_KEY": key, "KIE_API_BASE_URL": sim.url, "KIE_UPLOAD_BASE_URL": sim.url, **extra}


def record_infos(sim: Simulator, task_id: str) -> list[dict]:
    return [r for r in sim.requests("/record-info") if r["query"].get("taskId") == [task_id]]


def test_a_task_finishes_and_is_archived_with_its_tab_closed(browser, tmp_path, logs, sim_process):
    sim_process.configure(task_seconds=10)  # long enough to close the tab first, on a loaded machine too
    app = App(tmp_path / "data", logs / "app.log", env=live_env(sim_process, sim_process.keys[0]))
    try:
        first = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = first.new_page()
        open_app(page, app.url)
        generate(page, "a lighthouse left alone")
        task_id = sim_process.requests("/generate")[-1]
        first.close()  # nobody is looking any more
        closed_at = time.time()
        fetched = sim_process.wait_requests("/files/results/", 1, timeout=30)
        assert fetched[0]["time"] > closed_at  # the server carried on alone
        time.sleep(1.0)
        reopened_at = time.time()
        second = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = second.new_page()
        open_app(page, app.url + "/history")
        expect(page.locator(IMAGES)).to_have_count(1)
        assert all(r["time"] < reopened_at for r in sim_process.requests("/files/results/"))
        assert task_id["body"]["prompt"] == "a lighthouse left alone"
        second.close()
    finally:
        app.stop()


@pytest.fixture
def callback_setup(tmp_path, logs):
    key = f"key-cb-{uuid.uuid4().hex}"
    sim = Simulator([key], logs / "sim-cb.log", task_seconds=4.0, webhook_hmac_key=HMAC_KEY)
    port = free_port()
    app = App(tmp_path / "data", logs / "app-cb.log", port=port,
              env=live_env(sim, key, STUDIO_PUBLIC_URL=f"http://127.0.0.1:{port}", KIE_WEBHOOK_HMAC_KEY=HMAC_KEY))
    yield app, sim
    app.stop()
    sim.stop()


def test_with_callbacks_the_result_shows_after_at_most_one_record_info(page, callback_setup):
    app, sim = callback_setup
    open_app(page, app.url)
    generate(page, "a kite over the dunes")
    # How the task is followed, said on its card:
    expect(page.get_by_text("The service will tell this app when the picture is ready")).to_be_visible()
    expect(card(page, "a kite over the dunes").first).to_be_visible()
    expect(page.locator(IMAGES)).to_have_count(1, timeout=30_000)
    task_id = sim.requests("/generate")[-1]
    sent = [c for c in sim.callbacks() if c["status"] == 200]
    assert len(sent) == 1 and sent[0]["signed"]
    task = sent[0]["taskId"]
    assert len(record_infos(sim, task)) <= 1
    assert task_id["body"]["callBackUrl"].startswith(app.url + "/api/kie/callback/")


def test_a_forged_callback_changes_nothing_and_a_real_one_finishes_the_task(page, callback_setup):
    app, sim = callback_setup
    sim.configure(callbacks="drop")  # the provider's own callback is lost: only ours reach the app
    open_app(page, app.url)
    generate(page, "a heron in the reeds")
    url = sim.requests("/generate")[-1]["body"]["callBackUrl"]
    deadline = time.time() + 15
    while time.time() < deadline and not any(c.get("taskId") for c in sim.callbacks()):
        time.sleep(0.2)  # the simulator notes the callback it dropped once the task has ended
    task_id = sim.callbacks()[-1]["taskId"]
    body = json.dumps({"code": 200, "msg": "success", "data": {"taskId": task_id, "info": {"result_urls": []}}})
    stamp = str(int(time.time()))
    forged = base64.b64encode(hmac.new(b"not-the-key", f"{task_id}.{stamp}".encode(), hashlib.sha256).digest())
    answer = requests.post(url, data=body, timeout=5, headers={"Content-Type": "application/json",
                           "X-Webhook-Timestamp": stamp, "X-Webhook-Signature": forged.decode()})
    assert answer.status_code == 401
    time.sleep(3)
    settle(page)
    assert record_infos(sim, task_id) == []  # not made due: no request went out because of it
    expect(page.locator(IMAGES)).to_have_count(0)
    good = base64.b64encode(hmac.new(HMAC_KEY.encode(), f"{task_id}.{stamp}".encode(), hashlib.sha256).digest())
    answer = requests.post(url, data=body, timeout=5, headers={"Content-Type": "application/json",
                           "X-Webhook-Timestamp": stamp, "X-Webhook-Signature": good.decode()})
    assert answer.status_code == 200
    expect(page.locator(IMAGES)).to_have_count(1, timeout=15_000)
    assert len(record_infos(sim, task_id)) == 1
    health = requests.get(app.url + "/healthz", timeout=5)
    assert health.status_code == 200 and health.json()["worker"] == "alive"
