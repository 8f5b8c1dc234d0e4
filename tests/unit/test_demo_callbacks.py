"""Demo mode: the simulator inside the server never calls an address a visitor chose unless the URL guard allows it.

A real loopback listener stands in for the address an attacker would aim at (the server's own network)."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kie import errors
from kie.client import KieClient
from kie.config import Settings
from kie.fetch import FetchError
from kie.models import GenerateRequest
from kie.service import Service


class Listener:
    """A loopback HTTP server that counts every request it receives."""

    def __init__(self):
        self.received: list[str] = []
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the standard library's name
                listener.received.append(self.path)
                self.send_response(200)
                self.end_headers()

            do_GET = do_POST  # noqa: N815

            def log_message(self, *_args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


def demo_service(tmp_path, public_url: str | None = None) -> Service:
    settings = Settings.from_env({"STUDIO_DATA_DIR": str(tmp_path), "STUDIO_SIM_TASK_SECONDS": "0.3"})
    if public_url:
        from dataclasses import replace

        settings = replace(settings, public_url=public_url)
    return Service(settings)


@pytest.mark.parametrize("where", ["{listener}/hook", "http://localhost:{port}/hook", "http://10.0.0.7/hook",
                                   "http://169.254.169.254/latest/meta-data", "http://[::1]:{port}/x",
                                   "ftp://example.org/x", "file:///etc/passwd", "http://0.0.0.0:{port}/"])
def test_a_private_callback_url_is_refused_before_sending_and_the_listener_receives_nothing(tmp_path, listener,
                                                                                           where):
    service = demo_service(tmp_path)
    try:
        workspace = service.server_workspace()
        url = where.format(listener=listener.url, port=listener.httpd.server_port)
        with pytest.raises(errors.RequestInvalid) as refused:
            workspace.submit(GenerateRequest(prompt="a fox", callback_url=url))
        assert refused.value.field == "callback_url"
        assert "demo mode" in refused.value.message or "must start with http" in refused.value.message
        assert workspace.store.query() == []  # nothing was sent, nothing kept
        time.sleep(0.5)
        assert listener.received == []
    finally:
        service.stop()


def test_the_simulator_itself_refuses_when_a_task_reaches_it_with_a_private_callback(tmp_path, listener):
    """Past the studio (a script with the demo key, a re-run of an old task): the sender's guard holds."""
    service = demo_service(tmp_path)
    try:
        server, key = service.demo_simulator()
        client = KieClient(key, server.url, server.url)
        client.generate(GenerateRequest(prompt="a fox", callback_url=listener.url + "/hook"))
        deadline = time.time() + 10
        while not server.simulator.callback_log and time.time() < deadline:
            time.sleep(0.05)
        entry = server.simulator.callback_log[-1]
        assert entry["status"] is None and "AddressRefused" in entry["error"] and "private network" in entry["error"]
        time.sleep(0.3)
        assert listener.received == []
    finally:
        service.stop()


def test_the_studio_s_own_callback_route_still_gets_its_demo_callbacks(tmp_path, listener):
    service = demo_service(tmp_path, public_url=listener.url)
    try:
        workspace = service.server_workspace()
        task = workspace.submit(GenerateRequest(prompt="a fox"))
        assert task.callback_token
        deadline = time.time() + 10
        while not listener.received and time.time() < deadline:
            time.sleep(0.05)
        assert listener.received == [f"/api/kie/callback/{task.callback_token}"]
        with pytest.raises(FetchError):  # the prefix is the callback route, not the whole host
            service.check_outgoing_url(listener.url + "/healthz")
    finally:
        service.stop()


def test_a_redirect_from_a_public_address_is_not_followed(tmp_path):
    from kie.simulator.callbacks import _OPENER

    handlers = [type(h).__name__ for h in _OPENER.handlers]
    assert "_NoRedirects" in handlers and "HTTPRedirectHandler" not in handlers
