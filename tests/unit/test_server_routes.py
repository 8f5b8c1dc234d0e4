"""server.py's routes over HTTP (Starlette's test client, the real handlers and service): health and callbacks."""

from __future__ import annotations

import logging
import time

import pytest
import requests
from starlette.applications import Starlette
from starlette.testclient import TestClient

import server
from kie.callbacks import log_limiter
from kie.service import reset_service

TOKEN = "demo." + "A" * 32


@pytest.fixture
def client(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDIO_DATA_DIR", str(tmp_path))
    reset_service()
    log_limiter.reset()
    with TestClient(Starlette(routes=server.routes, lifespan=server.lifespan)) as http:
        yield http
    reset_service()


def test_healthz_reports_the_store_and_the_worker(client):
    deadline = time.time() + 10
    while not client.get("/healthz").json()["last_loop_at"] and time.time() < deadline:
        time.sleep(0.05)
    answer = client.get("/healthz")
    assert answer.status_code == 200
    body = answer.json()
    assert body["ok"] and body["store"] == "reachable" and body["worker"] == "alive" and body["last_loop_at"]
    server.current_service().worker.stop()
    answer = client.get("/healthz")
    assert answer.status_code == 503 and answer.json()["worker"] == "down"


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_a_callback_by_the_wrong_method_is_refused(client, method):
    answer = client.request(method, f"/api/kie/callback/{TOKEN}")
    assert answer.status_code == 405 and answer.headers["allow"] == "POST"


@pytest.mark.parametrize("body, status", [
    (b"{" + b" " * (65 * 1024) + b"}", 413),
    (b"not json", 400),
    (b'{"code": 200, "msg": "success", "data": {"taskId": "task_1", "info": null}}', 404),  # no such token
])
def test_oversized_malformed_or_unknown_callbacks_get_a_4xx(client, body, status, caplog):
    answer = client.post(f"/api/kie/callback/{TOKEN}", content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == status
    refused = [r.getMessage() for r in caplog.records if "callback refused" in r.getMessage()]
    assert len(refused) == 1 and TOKEN not in refused[0]


# -- over real HTTP (uvicorn on a loopback port): hostile callbacks ---------------------------

BODY = b'{"code": 200, "msg": "success", "data": {"taskId": "task_1", "info": null}}'


@pytest.mark.parametrize("raw, headers", [
    (b"[" * 30_000 + b"]" * 30_000, {}),  # 60 KB of nested arrays
    (b'{"data":' * 12_000 + b"0" + b"}" * 12_000, {}),
    (b"\xff\xfe not utf-8", {}),
    (BODY, {"X-Webhook-Timestamp": "nan", "X-Webhook-Signature": "x"}),
    (BODY, {"X-Webhook-Timestamp": "inf", "X-Webhook-Signature": "x"}),
    (BODY, {"X-Webhook-Timestamp": "-1", "X-Webhook-Signature": "x"}),
    (BODY, {"X-Webhook-Timestamp": str(time.time()), "X-Webhook-Signature": "x"}),
    (BODY, {"X-Webhook-Timestamp": "1e400", "X-Webhook-Signature": "x"}),
])
def test_hostile_callbacks_over_http_are_a_4xx_without_a_traceback(live, raw, headers, caplog):
    caplog.set_level(logging.DEBUG)
    answer = requests.post(f"{live}/api/kie/callback/{TOKEN}", data=raw, timeout=10,
                           headers={"Content-Type": "application/json", **headers})
    assert 400 <= answer.status_code < 500, answer.text
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR
                or "Traceback" in r.getMessage()]


def test_a_flood_of_refused_callbacks_over_http_logs_one_line(live, caplog):
    caplog.set_level(logging.INFO)
    for _ in range(200):
        assert requests.post(f"{live}/api/kie/callback/{TOKEN}", data=BODY, timeout=10).status_code == 401
    lines = [r.getMessage() for r in caplog.records if "callback refused" in r.getMessage()]
    assert lines == ["callback refused (401): signature headers missing (1 in the last minute)"]


def test_wrong_methods_and_oversized_bodies_log_once_a_minute_too(live, caplog):
    caplog.set_level(logging.INFO)
    for _ in range(30):
        assert requests.get(f"{live}/api/kie/callback/{TOKEN}", timeout=10).status_code == 405
        assert requests.post(f"{live}/api/kie/callback/{TOKEN}", data=b"x" * (65 * 1024), timeout=10).status_code == 413
    lines = sorted(r.getMessage() for r in caplog.records if "callback refused" in r.getMessage())
    assert lines == ["callback refused (405): method GET (1 in the last minute)",
                     "callback refused (413): body too large (1 in the last minute)"]
