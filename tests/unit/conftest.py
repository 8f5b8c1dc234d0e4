"""Fixtures of the unit tests that need a real HTTP server."""

from __future__ import annotations

import threading
import time

import pytest
import uvicorn
from starlette.applications import Starlette

import server
from kie.callbacks import log_limiter
from kie.service import reset_service
from tests.fixtures.ports import free_port


@pytest.fixture
def live(tmp_path, monkeypatch):
    """The routes served by uvicorn on a free loopback port; yields the base URL."""
    monkeypatch.setenv("STUDIO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KIE_WEBHOOK_HMAC_KEY", "whk-route-test")
    reset_service()
    log_limiter.reset()
    port = free_port()
    config = uvicorn.Config(Starlette(routes=server.routes, lifespan=server.lifespan), host="127.0.0.1", port=port,
                            log_level="info")
    http = uvicorn.Server(config)
    thread = threading.Thread(target=http.run, daemon=True)
    thread.start()
    deadline = time.time() + 10
    while not http.started and time.time() < deadline:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    http.should_exit = True
    thread.join(10)
    reset_service()
