"""The simulator on a real port: the provider's routes, the file host, and the /_sim/ test hooks."""

from __future__ import annotations

import base64
import binascii
import email.parser
import email.policy
import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

from kie.simulator.callbacks import CallbackSender
from kie.simulator.faults import Fault
from kie.simulator.files import sniff_type
from kie.simulator.preparing import ResultPreparer
from kie.simulator.state import Simulator

log = logging.getLogger(__name__)
FLAT_SUBMIT_PATHS = {"/api/v1/flux/kontext/generate": "flux", "/api/v1/mj/generate": "mj"}  # path -> SimTask.api
FLAT_RECORD_PATHS = {"/api/v1/flux/kontext/record-info": "flux", "/api/v1/mj/record-info": "mj"}
FOLLOW_UP_PATHS = {"/api/v1/mj/generateUpscale": "upscale", "/api/v1/mj/generateVary": "vary"}


class _Handler(BaseHTTPRequestHandler):
    sim: Simulator
    protocol_version = "HTTP/1.1"
    server_version = "kie-simulator/1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet; never prints headers
        log.debug("%s %s", self.command, self.path.split("?")[0])

    # plumbing
    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, code: int, msg: str, data: Any = None, headers: dict[str, str] | None = None,
              http_status: int = 200, upload: bool = False) -> None:
        body: dict[str, Any] = {"code": code, self.sim.message_key: msg, "data": data}
        if upload:
            body = {"success": code == 200, **body}
        self._send(http_status, json.dumps(body).encode(), "application/json", headers)

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _record(self, body: Any) -> None:
        url = urlparse(self.path)
        entry = {"method": self.command, "path": url.path, "query": parse_qs(url.query), "body": body,
                 "account": self.sim.account(self.headers.get("Authorization")), "time": time.time(),
                 "caller": self.headers.get("X-Studio-Caller")}
        with self.sim.lock:
            self.sim.requests.append(entry)
            if len(self.sim.requests) > 20000:
                del self.sim.requests[:10000]

    def _apply_fault(self, path: str) -> tuple[bool, Fault | None]:
        """Serve a switched-on fault; return (handled, fault to finish after acting)."""
        fault = self.sim.fault_for(path)
        if fault is None:
            return False, None
        if fault.kind == "slow":
            time.sleep(fault.delay)
            return False, None
        if fault.kind == "drop_after":
            return False, fault
        if fault.kind == "null" and "record-info" in path:
            self._json(422, "recordInfo is null")
        elif fault.kind.startswith("code:"):
            code = int(fault.kind.split(":", 1)[1])
            headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else None
            self._json(code, {429: "Rate limited", 433: "Sub-key usage limit exceeded", 455: "Service maintenance",
                              500: "Internal error", 501: "Generation failed", 505: "This feature is disabled",
                              550: "Connection denied: queue full"}.get(code, "error"), headers=headers)
        elif fault.kind == "http502":
            self._send(502, b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>"
                            b"</body></html>", "text/html")
        elif fault.kind == "badjson":
            self._send(200, b'{"code": 200, "msg": "success", "data": {', "application/json")
        elif fault.kind == "drop":
            self.close_connection = True
            self.connection.close()
        else:
            return False, None
        return True, None

    def _drop(self) -> None:
        self.close_connection = True
        try:
            self.connection.shutdown(2)
        except OSError:
            pass

    # routes
    def do_GET(self) -> None:  # noqa: N802
        url = urlparse(self.path)
        path = url.path
        if path.startswith("/_sim/"):
            return self._control_get(path)
        self._record(None)  # result downloads too: tests see when the images were fetched
        if path.startswith("/files/"):
            return self._file(path)
        handled, _ = self._apply_fault(path)
        if handled:
            return
        account = self.sim.account(self.headers.get("Authorization"))
        if account is None:
            return self._json(401, "Unauthorized: invalid or missing API key")
        if path == "/api/v1/gpt4o-image/record-info":
            task_id = (parse_qs(url.query).get("taskId") or [""])[0]
            if not task_id:
                return self._json(422, "taskId is required")
            return self._json(*self.sim.record(account, task_id))
        if path == "/api/v1/jobs/recordInfo":
            task_id = (parse_qs(url.query).get("taskId") or [""])[0]
            if not task_id:
                return self._json(422, "taskId is required")
            return self._json(*self.sim.market_record(account, task_id))
        if path in FLAT_RECORD_PATHS:
            task_id = (parse_qs(url.query).get("taskId") or [""])[0]
            if not task_id:
                return self._json(422, "taskId is required")
            return self._json(*self.sim.flat_record(FLAT_RECORD_PATHS[path], account, task_id))
        if path == "/api/v1/chat/credit":
            return self._json(200, "success", self.sim.credits_of(account))
        self._json(404, "Not found", http_status=404)

    def do_POST(self) -> None:  # noqa: N802
        path = urlparse(self.path).path
        raw = self._body()
        if path.startswith("/_sim/"):
            return self._control_post(path, raw)
        upload = path.startswith("/api/file-")
        content_type = self.headers.get("Content-Type", "")
        body: Any = None
        if "multipart/form-data" in content_type:
            body = _parse_multipart(content_type, raw)
            self._record({k: (v if isinstance(v, str) else f"<{len(v[1])} bytes>") for k, v in body.items()})
        else:
            try:
                body = json.loads(raw or b"null")
            except ValueError:
                self._record("<not JSON>")
                return self._json(400, "Format Error: the parameter is not valid JSON", upload=upload)
            self._record(_redact(body))
        handled, after = self._apply_fault(path)
        if handled:
            return
        account = self.sim.account(self.headers.get("Authorization"))
        if account is None:
            return self._json(401, "Unauthorized: invalid or missing API key", upload=upload)
        if path == "/api/v1/gpt4o-image/generate":
            code, msg, data, headers = self.sim.generate(account, body)
            if after is not None:
                return self._drop()
            return self._json(code, msg, data, headers)
        if path == "/api/v1/jobs/createTask":
            code, msg, data, headers = self.sim.create_task(account, body)
            if after is not None:
                return self._drop()
            return self._json(code, msg, data, headers)
        if path in FLAT_SUBMIT_PATHS or path in FOLLOW_UP_PATHS:
            if path in FLAT_SUBMIT_PATHS:
                code, msg, data, headers = self.sim.submit_flat(FLAT_SUBMIT_PATHS[path], account, body)
            else:
                code, msg, data, headers = self.sim.follow_up(FOLLOW_UP_PATHS[path], account, body)
            if after is not None:
                return self._drop()
            return self._json(code, msg, data, headers)
        if path == "/api/v1/gpt4o-image/download-url":
            return self._json(*self.sim.download_link(account, body))
        if upload:
            return self._upload(path, body)
        self._json(404, "Not found", http_status=404)

    def _upload(self, path: str, body: Any) -> None:
        if not isinstance(body, dict) or not body.get("uploadPath"):
            return self._json(400, "uploadPath is required", upload=True)
        name = body.get("fileName")
        if path == "/api/file-base64-upload":
            data = body.get("base64Data") or ""
            mime = None
            if data.startswith("data:"):
                header, _, data = data.partition(",")
                mime = header[5:].split(";")[0] or None
            try:
                content = base64.b64decode(data, validate=True)
            except (binascii.Error, ValueError):
                return self._json(400, "base64Data is not valid base64", upload=True)
            if len(content) > 10 * 1024 * 1024:
                return self._json(413, "File too large for base64 upload; use the stream upload", upload=True)
        elif path == "/api/file-stream-upload":
            file_part = body.get("file")
            if not isinstance(file_part, tuple):
                return self._json(400, "file is required", upload=True)
            name = name or file_part[0]
            content, mime = file_part[1], file_part[2]
        elif path == "/api/file-url-upload":
            content = self.sim.upload_for(body.get("fileUrl") or "")
            mime = None
            if content is None:
                return self._json(400, "Failed to download the file from fileUrl", upload=True)
        else:
            return self._json(404, "Not found", http_status=404, upload=True)
        meta = self.sim.store_upload(content, body["uploadPath"], name, mime)
        self._json(200, "File uploaded successfully", meta, upload=True)

    def _file(self, path: str) -> None:
        parts = path.strip("/").split("/")
        content = None
        if len(parts) == 3 and parts[1] == "uploads":
            content = self.sim.upload_bytes(parts[2])
        elif len(parts) == 4 and parts[1] == "results" and parts[3][-4:] in (".png", ".jpg") \
                and parts[3][:-4].isdigit():
            content = self.sim.result_image(parts[2], int(parts[3][:-4]))
        elif len(parts) == 3 and parts[1] == "direct":
            content = self.sim.direct_image(parts[2].removesuffix(".png"))
        if content is None:
            return self._send(404, b"not found", "text/plain")
        self._send(200, content, sniff_type(content))

    def _control_get(self, path: str) -> None:
        if path == "/_sim/requests":
            with self.sim.lock:
                body = json.dumps(self.sim.requests).encode()
            return self._send(200, body, "application/json")
        if path == "/_sim/uploads":
            with self.sim.lock:
                body = json.dumps(list(self.sim.state.uploads.values())).encode()
            return self._send(200, body, "application/json")
        if path.startswith("/_sim/uploads/"):
            content = self.sim.upload_bytes(path.rsplit("/", 1)[1])
            return self._send(200, content, sniff_type(content)) if content else self._send(404, b"", "text/plain")
        if path == "/_sim/callbacks":
            with self.sim.lock:
                body = json.dumps(self.sim.callback_log).encode()
            return self._send(200, body, "application/json")
        if path == "/_sim/health":
            return self._send(200, b"ok", "text/plain")
        self._send(404, b"", "text/plain")

    def _control_post(self, path: str, raw: bytes) -> None:
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            return self._send(400, b"bad json", "text/plain")
        if path == "/_sim/reset":
            self.sim.reset()
        elif path == "/_sim/faults":
            self.sim.add_faults(body if isinstance(body, list) else [body])
        elif path == "/_sim/config":
            problem = self.sim.configure(body if isinstance(body, dict) else {})
            if problem:
                return self._send(400, problem.encode(), "text/plain")
        else:
            return self._send(404, b"", "text/plain")
        self._send(200, b'{"ok": true}', "application/json")


def _redact(body: Any) -> Any:
    """What the request log keeps of a JSON body: base64 payloads replaced by their size and hash."""
    if isinstance(body, dict) and isinstance(body.get("base64Data"), str):
        data = body["base64Data"]
        return {**body, "base64Data": f"<{len(data)} chars>"}
    return body


def _parse_multipart(content_type: str, raw: bytes) -> dict[str, Any]:
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + raw
    )
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        filename = part.get_filename()
        payload = part.get_payload(decode=True) or b""
        if filename is not None:
            fields[name] = (filename, payload, part.get_content_type())
        else:
            fields[name] = payload.decode("utf-8", "replace")
    return fields


class SimulatorServer:
    """The simulator on a real port: `start()` serves in a background thread and sends callbacks; `stop()`. With
    `prepare_results`, each task's pictures are drawn shortly before its end (kie.simulator.preparing)."""

    def __init__(self, simulator: Simulator, host: str = "127.0.0.1", port: int = 0, *, prepare_results: bool = False):
        handler = type("Handler", (_Handler,), {"sim": simulator})
        self.httpd = ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        self.simulator = simulator
        self.port = self.httpd.server_address[1]
        self.url = f"http://{host}:{self.port}"
        simulator.base_url = self.url
        self._thread: threading.Thread | None = None
        self.callbacks = CallbackSender(simulator)
        self.preparer = ResultPreparer(simulator) if prepare_results else None

    def start(self) -> SimulatorServer:
        """Serve in a background thread, and start sending callbacks (and preparing pictures)."""
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="kie-simulator", daemon=True)
        self._thread.start()
        self._start_helpers()
        return self

    def serve_forever(self) -> None:
        """Serve in this thread until interrupted (the command line's way), sending callbacks meanwhile."""
        self._start_helpers()
        try:
            self.httpd.serve_forever(poll_interval=0.05)
        finally:
            self._stop_helpers()

    def stop(self) -> None:
        """Stop serving, sending callbacks and preparing pictures."""
        self._stop_helpers()
        self.httpd.shutdown()
        self.httpd.server_close()

    def _start_helpers(self) -> None:
        self.callbacks.start()
        if self.preparer:
            self.preparer.start()

    def _stop_helpers(self) -> None:
        self.callbacks.stop()
        if self.preparer:
            self.preparer.stop()


