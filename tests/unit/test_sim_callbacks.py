"""The simulator calls back like the provider: real HTTP to a real receiver, signed, once, on time."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from kie.simulator import FAILURE_MESSAGES, Simulator, SimulatorServer
from tests.conftest import ROOT, TEST_KEY

HMAC_KEY = "whk-test-secret-0123456789"
AUTH = {"Authorization": f"Bearer {TEST_KEY}"}


class Receiver:
    """A callback endpoint on a real port that records what it gets; `status` and `delay` set its answer."""

    def __init__(self):
        self.calls: list[dict] = []
        self.status = 200
        self.delay = 0.0
        self.arrived = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                call = {"path": self.path, "headers": dict(self.headers), "body": json.loads(raw), "at": time.time()}
                time.sleep(receiver.delay if "slow" in self.path else 0)
                self.send_response(receiver.status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")
                with receiver.arrived:
                    receiver.calls.append(call)
                    receiver.arrived.notify_all()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def wait(self, count: int, timeout: float = 10.0) -> list[dict]:
        """The calls once there are `count` of them (or what came before the timeout)."""
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.calls) >= count, timeout)
            return list(self.calls)

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


def start(tmp_path=None, **options) -> SimulatorServer:
    sim = Simulator([TEST_KEY], task_seconds=0.4, null_seconds=0.1,
                    state_dir=tmp_path, **options)
    return SimulatorServer(sim).start()


def generate(server: SimulatorServer, prompt: str, callback: str | None) -> str:
    body = {"prompt": prompt, "size": "1:1"}
    if callback:
        body["callBackUrl"] = callback
    answer = requests.post(server.url + "/api/v1/gpt4o-image/generate", json=body, headers=AUTH, timeout=5).json()
    assert answer["code"] == 200, answer
    return answer["data"]["taskId"]


def ended_at(server: SimulatorServer, task_id: str) -> float:
    sim = server.simulator
    return sim.end_time(sim.state.tasks[task_id])


def log_of(server: SimulatorServer, count: int = 0) -> list[dict]:
    """GET /_sim/callbacks, once it holds `count` entries (an attempt is logged after its answer arrives)."""
    deadline = time.time() + 10
    while True:
        entries = requests.get(server.url + "/_sim/callbacks", timeout=5).json()
        if len(entries) >= count or time.time() > deadline:
            return entries
        time.sleep(0.05)


def test_a_finished_task_is_called_back_once_promptly_with_its_result_urls(receiver):
    server = start()
    try:
        task_id = generate(server, "a lighthouse", receiver.url + "/cb/ok")
        calls = receiver.wait(1)
        time.sleep(0.3)  # a second call would come now
        assert len(receiver.calls) == 1
        body = calls[0]["body"]
        assert body["code"] == 200 and body["msg"] == "success" and body["data"]["taskId"] == task_id
        assert body["data"]["info"]["result_urls"] == [f"{server.url}/files/results/{task_id}/0.png"]
        assert calls[0]["path"] == "/cb/ok"
        assert calls[0]["headers"]["Content-Type"] == "application/json"
        assert "X-Webhook-Signature" not in calls[0]["headers"]  # no key, no signature
        assert 0 <= calls[0]["at"] - ended_at(server, task_id) < 0.5  # the benchmark measures it closely
        record = requests.get(server.url + "/api/v1/gpt4o-image/record-info", params={"taskId": task_id},
                              headers=AUTH, timeout=5).json()
        assert record["data"]["successFlag"] == 1  # the result is there when the callback says so
        entry = log_of(server, 1)[0]
        assert entry["taskId"] == task_id and entry["url"] == receiver.url + "/cb/ok" and entry["status"] == 200
        assert entry["error"] is None and entry["attempt"] == 1 and entry["time"] > 0
    finally:
        server.stop()


@pytest.mark.parametrize("code", [400, 451, 500])
def test_a_failed_task_is_called_back_with_its_code_and_no_info(receiver, code):
    server = start()
    try:
        task_id = generate(server, f"a storm [fail:{code}]", receiver.url + "/cb")
        body = receiver.wait(1)[0]["body"]
        assert body == {"code": code, "msg": FAILURE_MESSAGES[code], "data": {"taskId": task_id, "info": None}}
    finally:
        server.stop()


def test_signed_callbacks_carry_a_timestamp_and_the_hmac_and_never_the_key(receiver, caplog):
    caplog.set_level("DEBUG")
    server = start(webhook_hmac_key=HMAC_KEY)
    try:
        task_id = generate(server, "a signed picture", receiver.url + "/cb")
        headers = receiver.wait(1)[0]["headers"]
        stamp = headers["X-Webhook-Timestamp"]
        assert abs(int(stamp) - time.time()) < 10
        expected = base64.b64encode(hmac.new(HMAC_KEY.encode(), f"{task_id}.{stamp}".encode(),
                                             hashlib.sha256).digest()).decode()
        assert headers["X-Webhook-Signature"] == expected
        wrong = base64.b64encode(hmac.new(b"other", f"{task_id}.{stamp}".encode(), hashlib.sha256).digest()).decode()
        assert headers["X-Webhook-Signature"] != wrong
        assert log_of(server, 1)[0]["signed"] is True
        assert HMAC_KEY not in json.dumps(log_of(server)) and HMAC_KEY not in caplog.text
    finally:
        server.stop()


def test_tasks_without_a_callback_url_and_never_ending_tasks_are_not_called_back(receiver):
    server = start()
    try:
        generate(server, "no callback", None)
        generate(server, "forever [never]", receiver.url + "/cb")
        time.sleep(1.0)
        assert receiver.calls == [] and log_of(server) == []
    finally:
        server.stop()


def test_drop_sends_nothing_and_polling_still_finds_the_result(receiver):
    server = start()
    try:
        assert requests.post(server.url + "/_sim/config", json={"callbacks": "drop"}, timeout=5).ok
        task_id = generate(server, "dropped", receiver.url + "/cb")
        time.sleep(1.0)
        assert receiver.calls == []
        assert [e["error"] for e in log_of(server)] == ["dropped (callbacks=drop)"]
        record = requests.get(server.url + "/api/v1/gpt4o-image/record-info", params={"taskId": task_id},
                              headers=AUTH, timeout=5).json()
        assert record["data"]["successFlag"] == 1
    finally:
        server.stop()


def test_delay_sends_the_callback_that_much_later(receiver):
    server = start()
    try:
        assert requests.post(server.url + "/_sim/config", json={"callbacks": "delay", "callback_delay": 0.8},
                             timeout=5).ok
        task_id = generate(server, "late", receiver.url + "/cb")
        late = receiver.wait(1)[0]["at"] - ended_at(server, task_id)
        assert 0.8 <= late < 1.4
    finally:
        server.stop()


def test_an_unknown_callback_mode_is_refused():
    server = start()
    try:
        answer = requests.post(server.url + "/_sim/config", json={"callbacks": "sometimes"}, timeout=5)
        assert answer.status_code == 400 and server.simulator.callbacks == "send"
    finally:
        server.stop()


def test_repeat_sends_the_same_callback_twice(receiver):
    server = start(callback_repeat=True)
    try:
        generate(server, "twice", receiver.url + "/cb")
        calls = receiver.wait(2)
        assert len(calls) == 2 and calls[0]["body"] == calls[1]["body"]
        assert [e["attempt"] for e in log_of(server, 2)] == [1, 2]
    finally:
        server.stop()


def test_the_log_keeps_what_the_receiver_answered_or_why_it_could_not(receiver):
    server = start()
    try:
        receiver.status = 500
        generate(server, "refused", receiver.url + "/cb")
        receiver.wait(1)
        generate(server, "nobody home", "http://127.0.0.1:9/cb")  # the discard port: connection refused
        by_url = {e["url"]: e for e in log_of(server, 2)}
        assert by_url[receiver.url + "/cb"]["status"] == 500
        assert by_url["http://127.0.0.1:9/cb"]["status"] is None and by_url["http://127.0.0.1:9/cb"]["error"]
    finally:
        server.stop()


def test_a_slow_receiver_blocks_neither_the_api_nor_other_callbacks(receiver):
    receiver.delay = 3.0
    server = start()
    try:
        generate(server, "slow one", receiver.url + "/slow")
        time.sleep(0.6)  # the slow callback is now hanging in the receiver
        started = time.time()
        assert requests.get(server.url + "/api/v1/chat/credit", headers=AUTH, timeout=5).json()["code"] == 200
        assert time.time() - started < 0.5
        fast_id = generate(server, "fast one", receiver.url + "/fast")
        fast = receiver.wait(1)[0]
        assert fast["path"] == "/fast" and fast["at"] - ended_at(server, fast_id) < 0.5
    finally:
        server.stop()


def test_a_restart_does_not_send_again_but_sends_what_ended_while_down(receiver, tmp_path):
    server = start(tmp_path)
    sent = generate(server, "sent before the restart", receiver.url + "/cb")
    receiver.wait(1)
    pending = generate(server, "[seconds:1.5] ends while the simulator is down", receiver.url + "/cb")
    server.stop()
    time.sleep(1.6)
    server = start(tmp_path)
    try:
        calls = receiver.wait(2)
        time.sleep(0.5)
        assert [c["body"]["data"]["taskId"] for c in receiver.calls] == [sent, pending]
        assert len(calls) == 2
    finally:
        server.stop()


def test_the_command_line_signs_callbacks_and_never_prints_the_key(receiver, tmp_path):
    from tests.e2e.harness import free_port, wait_http

    port = free_port()
    env = {**os.environ, "STUDIO_SIM_WEBHOOK_HMAC_KEY": HMAC_KEY, "PYTHONUNBUFFERED": "1"}
    out = tmp_path / "sim.log"
    with open(out, "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "kie.simulator", "--port", str(port), "--key", TEST_KEY,
                                 "--task-seconds", "0.3", "--null-seconds", "0.1"], cwd=ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_http(url + "/_sim/health", 30)
        answer = requests.post(url + "/api/v1/gpt4o-image/generate", headers=AUTH, timeout=5,
                               json={"prompt": "from the CLI", "size": "1:1", "callBackUrl": receiver.url + "/cli"})
        task_id = answer.json()["data"]["taskId"]
        headers = receiver.wait(1)[0]["headers"]
        stamp = headers["X-Webhook-Timestamp"]
        expected = base64.b64encode(hmac.new(HMAC_KEY.encode(), f"{task_id}.{stamp}".encode(),
                                             hashlib.sha256).digest()).decode()
        assert headers["X-Webhook-Signature"] == expected
    finally:
        proc.terminate()
        proc.wait(10)
    assert "callbacks signed" in out.read_text() and HMAC_KEY not in out.read_text()
