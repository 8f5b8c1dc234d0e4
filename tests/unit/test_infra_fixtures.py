"""The scale-out test infrastructure works: PostgreSQL, nginx (the deploy/ recipe) and the stand-in S3."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import signal
import socket
import struct
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psycopg
import pytest
import requests
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect as ws_connect

from tests.fixtures.nginx import ROOT, STICKY_COOKIE, NginxProxy, _free_port, _renderer
from tests.fixtures.ports import worker_slot
from tests.fixtures.postgres import PostgresServer
from tests.fixtures.s3 import MotoS3Server

WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


# --- tiny upstreams: HTTP, a slow stream, and a websocket echo, each answering with its name -----------------------

def _frame(opcode: int, payload: bytes) -> bytes:
    """One unmasked server frame (payloads here are short)."""
    length = len(payload)
    header = bytes([0x80 | opcode, length]) if length < 126 else bytes([0x80 | opcode, 126]) + struct.pack(">H", length)
    return header + payload


def _read_frame(rfile) -> tuple[int, bytes]:
    first, second = rfile.read(2)
    length = second & 0x7F
    if length == 126:
        length = struct.unpack(">H", rfile.read(2))[0]
    elif length == 127:
        length = struct.unpack(">Q", rfile.read(8))[0]
    mask = rfile.read(4) if second & 0x80 else b"\0\0\0\0"
    data = rfile.read(length)
    return first & 0x0F, bytes(byte ^ mask[i % 4] for i, byte in enumerate(data))


class Upstream:
    """A named HTTP server on a free port standing in for one Streamlit replica."""

    def __init__(self, name: str) -> None:
        self.name = name
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # nginx keeps connections to upstreams alive

            def log_message(self, *args: object) -> None:
                pass

            def _reply(self, payload: dict) -> None:
                body = json.dumps({"name": upstream.name, "host": self.headers.get("Host"), **payload}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                if self.headers.get("Upgrade", "").lower() == "websocket":
                    return self._websocket()
                if self.path == "/slow":
                    return self._slow()
                self._reply({"path": self.path, "cookie": self.headers.get("Cookie")})

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                self._reply({"received": len(body), "sha256": hashlib.sha256(body).hexdigest()})

            def _slow(self) -> None:
                self.send_response(200)
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(b"first\n")
                self.wfile.flush()
                time.sleep(1.0)
                self.wfile.write(b"second\n")
                self.close_connection = True

            def _websocket(self) -> None:
                accept = base64.b64encode(hashlib.sha1((self.headers["Sec-WebSocket-Key"] + WS_GUID).encode()).digest())
                self.send_response(101)
                self.send_header("Upgrade", "websocket")
                self.send_header("Connection", "Upgrade")
                self.send_header("Sec-WebSocket-Accept", accept.decode())
                self.end_headers()
                self.wfile.flush()
                self.close_connection = True
                while True:
                    opcode, data = _read_frame(self.rfile)
                    if opcode == 8:  # close: answer it and end
                        self.wfile.write(_frame(8, data[:2]))
                        return
                    if opcode == 1:
                        self.wfile.write(_frame(1, f"{upstream.name}:{data.decode()}".encode()))
                        self.wfile.flush()

        connections = self.connections = []

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def get_request(self):  # remember each connection, so stop() can cut the kept-alive ones too
                connection, address = super().get_request()
                connections.append(connection)
                return connection, address

        self.server = Server(("127.0.0.1", 0), Handler)
        self.address = f"127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def stop(self) -> None:
        """Die like a crashed replica: refuse new connections and cut the open ones (nginx keeps some alive)."""
        self.server.shutdown()
        self.server.server_close()
        for connection in self.connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


@pytest.fixture
def upstreams() -> Iterator[list[Upstream]]:
    servers = [Upstream("alpha"), Upstream("beta")]
    yield servers
    for server in servers:
        server.stop()


@pytest.fixture
def proxy(upstreams: list[Upstream]) -> Iterator[NginxProxy]:
    with NginxProxy([u.address for u in upstreams]) as running:
        yield running


def _served_by(proxy: NginxProxy, route: str) -> str:
    response = requests.get(proxy.url + "/page", cookies={STICKY_COOKIE: route}, timeout=5)
    assert response.status_code == 200, response.text
    return response.json()["name"]


def _route_for(proxy: NginxProxy, name: str) -> str:
    """A cookie value that nginx sends to the upstream called `name`."""
    for i in range(200):
        if _served_by(proxy, f"route-{i}") == name:
            return f"route-{i}"
    raise AssertionError(f"no route lands on {name}")


# --- PostgreSQL -------------------------------------------------------------------------------------------------

@pytest.mark.serial  # a time limit on the cluster's first start: run alone, in a process of its own
def test_postgres_answers_and_starts_fast(postgres_server: PostgresServer, postgres_url: str) -> None:  # noqa: F811
    with psycopg.connect(postgres_url) as ctx:
        assert ctx.execute("select 1").fetchone() == (1,)
        assert ctx.execute("show fsync").fetchone() == ("off",)
    assert postgres_server.start_seconds is not None and postgres_server.start_seconds < 10
    assert postgres_server.url.endswith(f"127.0.0.1:{postgres_server.port}/studio")


def test_each_test_gets_its_own_database(postgres_server: PostgresServer, postgres_url: str) -> None:  # noqa: F811
    other = postgres_server.create_database()
    try:
        with psycopg.connect(postgres_url, autocommit=True) as ctx:
            ctx.execute("create table tasks (id text primary key)")
        with psycopg.connect(other) as ctx:
            assert ctx.execute("select to_regclass('tasks')").fetchone() == (None,)
    finally:
        postgres_server.drop_database(other.rsplit("/", 1)[1])
    with psycopg.connect(postgres_server.url_for("postgres")) as ctx:
        names = {row[0] for row in ctx.execute("select datname from pg_database")}
    assert other.rsplit("/", 1)[1] not in names


def test_postgres_restart_breaks_old_connections_and_new_ones_work(
    postgres_server: PostgresServer, postgres_url: str  # noqa: F811
) -> None:
    with psycopg.connect(postgres_url, autocommit=True) as ctx:
        ctx.execute("create table tasks (id text primary key)")
        ctx.execute("insert into tasks values ('t1')")
    old = psycopg.connect(postgres_url, autocommit=True)
    pid = postgres_server.pid()
    began = time.monotonic()
    postgres_server.restart()
    restart_seconds = time.monotonic() - began
    assert postgres_server.pid() not in (None, pid)
    with pytest.raises(psycopg.OperationalError):
        old.execute("select 1")
    old.close()
    with psycopg.connect(postgres_url) as ctx:
        assert ctx.execute("select id from tasks").fetchall() == [("t1",)]
    assert restart_seconds < 10


def test_database_names_cannot_inject_sql(postgres_server: PostgresServer) -> None:  # noqa: F811
    with pytest.raises(ValueError):
        postgres_server.create_database('x"; drop database studio; --')


# --- nginx --------------------------------------------------------------------------------------------------------

def test_nginx_runs_the_deploy_template(proxy: NginxProxy, upstreams: list[Upstream]) -> None:
    template = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "hash $studio_route consistent" in template
    assert proxy.config_text == _renderer().render([u.address for u in upstreams], f"127.0.0.1:{proxy.port}",
                                                   proxy.run_dir)
    assert proxy.start_seconds is not None and proxy.start_seconds < 5


def test_nginx_sets_a_cookie_and_keeps_a_browser_on_one_upstream(proxy: NginxProxy) -> None:
    browser = requests.Session()
    first = browser.get(proxy.url + "/", timeout=5)
    assert first.status_code == 200
    assert STICKY_COOKIE in browser.cookies
    # Host keeps the port: Streamlit compares it with a websocket's Origin.
    assert first.json()["host"] == f"127.0.0.1:{proxy.port}"
    names = {browser.get(proxy.url + f"/static/{i}.js", timeout=5).json()["name"] for i in range(12)}
    assert names == {first.json()["name"]}
    # A browser that already has the cookie is not given another.
    assert "set-cookie" not in {k.lower() for k in browser.get(proxy.url + "/", timeout=5).headers}


def test_resetting_the_cookie_can_move_a_browser_to_another_upstream(proxy: NginxProxy) -> None:
    seen = set()
    for _ in range(30):  # a fresh browser each time: with two upstreams both appear almost surely
        seen.add(requests.get(proxy.url + "/", timeout=5).json()["name"])
    assert seen == {"alpha", "beta"}
    alpha, beta = _route_for(proxy, "alpha"), _route_for(proxy, "beta")
    assert {_served_by(proxy, alpha) for _ in range(5)} == {"alpha"}
    assert {_served_by(proxy, beta) for _ in range(5)} == {"beta"}


def test_websocket_goes_through_to_the_same_upstream(proxy: NginxProxy) -> None:
    route = _route_for(proxy, "beta")
    ws_url = proxy.url.replace("http://", "ws://") + "/_stcore/stream"
    with ws_connect(ws_url, additional_headers={"Cookie": f"{STICKY_COOKIE}={route}"}, open_timeout=5) as ws:
        ws.send("hello")
        assert ws.recv(timeout=5) == "beta:hello"
        ws.send("again")
        assert ws.recv(timeout=5) == "beta:again"


def test_responses_stream_without_buffering(proxy: NginxProxy) -> None:
    began = time.monotonic()
    with requests.get(proxy.url + "/slow", stream=True, timeout=5) as response:
        lines = response.iter_lines()
        assert next(lines) == b"first"
        first_after = time.monotonic() - began
        assert next(lines) == b"second"
    assert first_after < 0.8, "nginx held the first chunk back"


def test_large_upload_reaches_the_upstream(proxy: NginxProxy) -> None:
    body = os.urandom(3 * 1024 * 1024)  # larger than nginx's in-memory body buffer: goes through its temp folder
    response = requests.post(proxy.url + "/_stcore/upload_file/s/f", data=body, timeout=10)
    assert response.status_code == 200, proxy.error_log()
    assert response.json()["sha256"] == hashlib.sha256(body).hexdigest()


def test_a_dead_upstream_is_skipped(proxy: NginxProxy, upstreams: list[Upstream]) -> None:
    route = _route_for(proxy, "alpha")
    upstreams[0].stop()
    for _ in range(3):
        assert _served_by(proxy, route) == "beta"
    assert "upstream=" in proxy.access_log()


def test_render_refuses_what_is_not_host_port() -> None:
    render = _renderer().render
    for bad in ["127.0.0.1:1; include /etc/passwd", "127.0.0.1", "a b:1"]:
        with pytest.raises(ValueError):
            render([bad], 8080, "/tmp/x")
    with pytest.raises(ValueError):
        render([], 8080, "/tmp/x")


# --- stand-in S3 --------------------------------------------------------------------------------------------------

def test_s3_put_and_get_through_plain_boto3(s3_endpoint) -> None:  # noqa: F811
    import boto3

    s3 = boto3.client("s3")  # endpoint and dummy credentials come from the AWS_* variables the fixture set
    s3.put_object(Bucket=s3_endpoint.bucket, Key="studio/images/a.png", Body=b"\x89PNG-bytes")
    assert s3.get_object(Bucket=s3_endpoint.bucket, Key="studio/images/a.png")["Body"].read() == b"\x89PNG-bytes"
    assert os.environ["AWS_ENDPOINT_URL"] == s3_endpoint.url
    assert s3_endpoint.object_store_url == f"s3://{s3_endpoint.bucket}/studio"


def test_s3_buckets_are_per_test_and_survive_nothing_else(s3_server: MotoS3Server, s3_endpoint) -> None:  # noqa: F811
    names = {b["Name"] for b in s3_server.client().list_buckets()["Buckets"]}
    assert s3_endpoint.bucket in names
    assert s3_server.start_seconds is not None and s3_server.start_seconds < 20


# --- the whole recipe with real Streamlit replicas -------------------------------------------------------------

def _two_free_ports() -> int:
    """A port p with p and p + 1 both free, below the kernel's ephemeral range: deploy/run-replicas.sh takes
    consecutive ports, and a second one picked among the ephemeral ones was once taken meanwhile by some connection
    ("Port 57004 is not available")."""
    index, _ = worker_slot()
    for port in range(24000 + 200 * index, 24200 + 200 * index, 2):
        try:
            with socket.socket() as a, socket.socket() as b:
                a.bind(("127.0.0.1", port))
                b.bind(("127.0.0.1", port + 1))
        except OSError:
            continue
        return port
    raise RuntimeError("no two consecutive free ports between 24000 and 25000")


def test_run_replicas_serves_streamlit_through_nginx(tmp_path: Path) -> None:
    app = tmp_path / "hello.py"
    app.write_text("import streamlit as st\nst.write('hello from a replica')\n")
    first, proxy_port = _two_free_ports(), _free_port()
    secret = "s3cret-" + os.urandom(8).hex()
    env = {**os.environ, "STUDIO_REPLICAS": "2", "STUDIO_FIRST_PORT": str(first), "STUDIO_PROXY_PORT": str(proxy_port),
           "STUDIO_APP": str(app), "STUDIO_COOKIE_SECRET": secret, "TMPDIR": str(tmp_path)}
    log = tmp_path / "run.log"
    with log.open("wb") as out:
        script = subprocess.Popen([str(ROOT / "deploy" / "run-replicas.sh")], env=env, stdout=out,
                                  stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{proxy_port}"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and "nginx on port" not in log.read_text():
            assert script.poll() is None, log.read_text()
            time.sleep(0.3)
        browser = requests.Session()
        for _ in range(50):
            try:
                page = browser.get(url + "/", timeout=5)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        assert page.status_code == 200 and STICKY_COOKIE in browser.cookies
        assert browser.get(url + "/_stcore/health", timeout=5).text == "ok"
        ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        cookie = f"{STICKY_COOKIE}={browser.cookies[STICKY_COOKIE]}"
        # Streamlit accepts the websocket only when Origin matches the Host nginx passed on.
        with ws_connect(ws_url, origin=url, additional_headers={"Cookie": cookie}, subprotocols=["streamlit"],
                        open_timeout=10) as ws:
            assert ws.subprotocol == "streamlit"
        with pytest.raises(InvalidStatus):  # the same check refuses a page on another origin: it is a real check
            ws_connect(ws_url, origin="http://elsewhere.example", additional_headers={"Cookie": cookie},
                       subprotocols=["streamlit"], open_timeout=10)
        # The secret travels in the environment only: no command line (ps shows those) and no file holds it.
        assert not any(secret in line for line in _alive_in_group(script.pid))
        files = [p for p in tmp_path.rglob("*") if p.is_file()]
        assert not any(secret in p.read_text(errors="replace") for p in files), "the cookie secret reached a file"
    finally:
        script.send_signal(signal.SIGTERM)  # the script's own trap must stop the replicas and nginx
        try:
            script.wait(timeout=30)
        finally:
            leftovers = _alive_in_group(script.pid)
            if leftovers:
                os.killpg(script.pid, signal.SIGKILL)
    assert not leftovers, f"still running after the script stopped: {leftovers}"
    assert not list(tmp_path.glob("studio-run.*")), "the run folder was not removed"


def _alive_in_group(group: int) -> list[str]:
    """Command lines of the processes still in a process group."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and os.getpgid(int(entry.name)) == group:
                found.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"))
        except (ProcessLookupError, FileNotFoundError, PermissionError):
            continue
    return found
