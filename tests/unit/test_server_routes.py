"""server.py's routes over HTTP (Starlette's test client, the real handlers and service): health and callbacks."""

from __future__ import annotations

import time

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

import server
from kie.service import reset_service

TOKEN = "demo." + "A" * 32


@pytest.fixture
def client(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDIO_DATA_DIR", str(tmp_path))
    reset_service()
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
