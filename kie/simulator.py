"""A local HTTP server that speaks the kie.ai 4o Image API contract, quirks included.

    python -m kie.simulator --port 8765 --key my-test-key [--task-seconds 4] [--state-dir DIR]

It serves demo mode, the tests and the benchmarks. What it does like the provider: bearer auth
(401 for an unknown key), codes in an HTTP-200 body, `recordInfo is null` right after creation,
progress over time, credits that go down (402 at zero), 429 past 20 generate requests in 10 s,
422 for invalid parameters, the three upload endpoints, download-url, credits.

Prompt triggers (case-insensitive, anywhere in the prompt):
    [fail]            the task fails with errorCode 500
    [fail:400|451|500] the task fails with that errorCode and the provider's message for it
    [never]           the task never finishes
    [seconds:N]       the task takes N seconds instead of the default
    [uneven]          progress stays flat for most of the task, then jumps

Test hooks under /_sim/ (no auth; for tests and benchmarks): GET requests, GET uploads,
GET /_sim/uploads/<name>, POST reset, POST config {dialect, credits, task_seconds, null_seconds},
POST faults [{path, kind, count, seconds, retry_after, delay}] (see `Fault`).
"""

from __future__ import annotations

import argparse
import base64
import binascii
import email.parser
import email.policy
import hashlib
import io
import json
import logging
import re
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from PIL import Image, ImageDraw, ImageFont

from kie.images import RESULT_PIXELS
from kie.store import write_atomic

log = logging.getLogger(__name__)

GENERATE_LIMIT = 20
GENERATE_WINDOW = 10.0
IMAGE_COST = 1.5  # credits per image; fractional like the provider's balances
FAILURE_MESSAGES = {
    400: "Your content was flagged by OpenAI as violating content policies",
    451: "Failed to fetch the image. Kindly verify any access limits set by you or your service provider",
    500: "Failed to generate image",
}
_TRIGGER_FAIL = re.compile(r"\[fail(?::(\d{3}))?\]", re.I)
_TRIGGER_SECONDS = re.compile(r"\[seconds:(\d+(?:\.\d+)?)\]", re.I)
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]")


def account_for_key(key: str) -> str:
    return "acct-" + hashlib.sha256(key.encode()).hexdigest()[:12]


@dataclass
class Fault:
    """A fault a test switches on. `path` is matched as a substring of the request path.

    kind: "code:N" (that code in an HTTP-200 body), "http502" (an HTML error page), "badjson",
    "drop" (close the connection without an answer), "drop_after" (act on the request, then drop),
    "slow" (answer after `delay` seconds), "null" (record-info says recordInfo is null).
    It applies to the next `count` matching requests (after letting `after` of them through), or to
    all of them for `seconds`.
    """

    path: str
    kind: str
    after: int = 0
    count: int | None = None
    seconds: float | None = None
    retry_after: float | None = None
    delay: float = 0.0
    until: float | None = None


@dataclass
class SimTask:
    task_id: str
    account: str
    params: dict[str, Any]
    created: float
    duration: float
    fail_code: int | None = None
    never: bool = False
    uneven: bool = False
    dialect: str = "openapi"


@dataclass
class SimState:
    tasks: dict[str, SimTask] = field(default_factory=dict)
    credits: dict[str, float] = field(default_factory=dict)
    uploads: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> meta (bytes on disk or memory)


class Simulator:
    """The simulated service: state and behaviour, independent of the HTTP plumbing."""

    def __init__(self, keys: dict[str, str] | list[str], *, task_seconds: float = 4.0, null_seconds: float = 0.6,
                 start_credits: float = 1000.0, state_dir: str | Path | None = None, dialect: str = "openapi",
                 clock: Callable[[], float] = time.time):
        if isinstance(keys, list):
            keys = {k: account_for_key(k) for k in keys}
        self.keys = dict(keys)
        self.task_seconds = task_seconds
        self.null_seconds = null_seconds
        self.start_credits = start_credits
        self.dialect = dialect
        self.clock = clock
        self.base_url = ""
        self.lock = threading.RLock()
        self.state = SimState()
        self.requests: list[dict[str, Any]] = []
        self.faults: list[Fault] = []
        self._generate_times: dict[str, list[float]] = {}
        self._upload_bytes: dict[str, bytes] = {}
        self._image_cache: dict[tuple[str, int], bytes] = {}
        self._direct_links: dict[str, tuple[str, int, float]] = {}
        self.state_dir = Path(state_dir) if state_dir else None
        if self.state_dir:
            self._load()

    # -- persistence (so demo mode survives a server restart) -------------------------------

    def _load(self) -> None:
        path = self.state_dir / "state.json"
        if not path.exists():
            return
        try:
            raw = json.loads(path.read_text())
        except ValueError:
            return
        self.state.tasks = {t["task_id"]: SimTask(**t) for t in raw.get("tasks", [])}
        self.state.credits = raw.get("credits", {})
        self.state.uploads = raw.get("uploads", {})

    def _persist(self) -> None:
        if not self.state_dir:
            return
        raw = {"tasks": [asdict(t) for t in self.state.tasks.values()], "credits": self.state.credits,
               "uploads": self.state.uploads}
        write_atomic(self.state_dir / "state.json", json.dumps(raw).encode())

    # -- faults ----------------------------------------------------------------------------

    def fault_for(self, path: str) -> Fault | None:
        now = self.clock()
        with self.lock:
            for fault in list(self.faults):
                if fault.until is not None and now > fault.until:
                    self.faults.remove(fault)
                    continue
                if fault.path not in path:
                    continue
                if fault.after > 0:
                    fault.after -= 1
                    continue
                if fault.count is not None:
                    fault.count -= 1
                    if fault.count <= 0:
                        self.faults.remove(fault)
                return fault
        return None

    def add_faults(self, specs: list[dict[str, Any]]) -> None:
        with self.lock:
            for spec in specs:
                fault = Fault(**{k: v for k, v in spec.items() if k in Fault.__dataclass_fields__})
                if fault.seconds is not None:
                    fault.until = self.clock() + fault.seconds
                elif fault.count is None:
                    fault.count = 1
                self.faults.append(fault)

    # -- accounts ----------------------------------------------------------------------------

    def account(self, auth_header: str | None) -> str | None:
        if not auth_header or not auth_header.startswith("Bearer "):
            return None
        return self.keys.get(auth_header[len("Bearer "):].strip())

    def credits_of(self, account: str) -> float:
        return self.state.credits.get(account, self.start_credits)

    # -- generate ----------------------------------------------------------------------------

    def validate(self, body: Any) -> str | None:
        """The provider's 422 message for invalid parameters, or None."""
        if not isinstance(body, dict):
            return "The request body must be a JSON object"
        if body.get("size") not in ("1:1", "3:2", "2:3"):
            return "size is required and must be one of 1:1, 3:2, 2:3"
        files = body.get("filesUrl") or []
        if body.get("fileUrl"):
            files = [body["fileUrl"], *files]
        if not isinstance(files, list) or not all(isinstance(u, str) for u in files):
            return "filesUrl must be a list of URLs"
        if not (body.get("prompt") or "").strip() and not files:
            return "prompt or filesUrl is required"
        if len(files) > 5:
            return "filesUrl supports at most 5 images"
        if any(not u.startswith(("http://", "https://")) for u in files):
            return "filesUrl must contain http(s) URLs"
        if body.get("nVariants", 1) not in (1, 2, 4):
            return "nVariants must be 1, 2 or 4"
        if "fallbackModel" in body and body["fallbackModel"] not in ("GPT_IMAGE_1", "FLUX_MAX"):
            return "fallbackModel must be GPT_IMAGE_1 or FLUX_MAX"
        cb = body.get("callBackUrl")
        if cb is not None and (not isinstance(cb, str) or not cb.startswith(("http://", "https://"))):
            return "callBackUrl must be an http(s) URL"
        mask = body.get("maskUrl")
        if mask is not None and (not isinstance(mask, str) or not mask.startswith(("http://", "https://"))):
            return "maskUrl must be an http(s) URL"
        for flag in ("isEnhance", "uploadCn", "enableFallback"):
            if flag in body and not isinstance(body[flag], bool):
                return f"{flag} must be a boolean"
        return None

    def generate(self, account: str, body: dict[str, Any]) -> tuple[int, str, Any, dict[str, str]]:
        now = self.clock()
        with self.lock:
            window = [t for t in self._generate_times.get(account, []) if now - t < GENERATE_WINDOW]
            if len(window) >= GENERATE_LIMIT:
                wait = max(1, int(GENERATE_WINDOW - (now - window[0])) + 1)
                self._generate_times[account] = window
                return 429, "Rate limited: too many requests, please try again later", None, {"Retry-After": str(wait)}
            window.append(now)
            self._generate_times[account] = window
            problem = self.validate(body)
            if problem:
                return 422, problem, None, {}
            cost = IMAGE_COST * body.get("nVariants", 1)
            if self.credits_of(account) < cost:
                return 402, "Insufficient credits", None, {}
            self.state.credits[account] = round(self.credits_of(account) - cost, 2)
            prompt = body.get("prompt") or ""
            fail = _TRIGGER_FAIL.search(prompt)
            seconds = _TRIGGER_SECONDS.search(prompt)
            task = SimTask(
                task_id="task_4o_" + uuid.uuid4().hex[:20], account=account, params=body, created=now,
                duration=float(seconds.group(1)) if seconds else self.task_seconds,
                fail_code=(int(fail.group(1) or 500) if fail else None), never="[never]" in prompt.lower(),
                uneven="[uneven]" in prompt.lower(), dialect=self.dialect,
            )
            if task.fail_code not in (None, 400, 451, 500):
                task.fail_code = 500
            if task.fail_code is None and not self._inputs_reachable(task):
                task.fail_code = 451
            self.state.tasks[task.task_id] = task
            self._persist()
        return 200, "success", {"taskId": task.task_id}, {}

    def _inputs_reachable(self, task: SimTask) -> bool:
        urls = list(task.params.get("filesUrl") or [])
        if task.params.get("maskUrl"):
            urls.append(task.params["maskUrl"])
        return all(self._upload_for(url) is not None for url in urls)

    def _upload_for(self, url: str) -> bytes | None:
        """Bytes of a file this simulator holds at `url` (the simulator fetches nothing from outside)."""
        marker = "/files/uploads/"
        if marker not in url:
            return None
        return self.upload_bytes(url.split(marker, 1)[1].split("?", 1)[0])

    # -- record-info ---------------------------------------------------------------------------

    def progress_of(self, task: SimTask, now: float) -> float:
        if task.never:
            return min(0.95, (now - task.created) / max(task.duration, 0.001) * 0.5)
        share = min(1.0, max(0.0, (now - task.created) / max(task.duration, 0.001)))
        if task.uneven:
            return 0.1 if share < 0.8 else (0.1 + (share - 0.8) * 4.5 if share < 1 else 1.0)
        return share

    def record(self, account: str, task_id: str) -> tuple[int, str, Any]:
        now = self.clock()
        with self.lock:
            task = self.state.tasks.get(task_id)
        if task is None or task.account != account:
            return 422, "recordInfo is null", None
        if now - task.created < self.null_seconds:
            return 422, "recordInfo is null", None
        progress = self.progress_of(task, now)
        done = progress >= 1.0 and not task.never
        failed = task.fail_code is not None and (now - task.created) >= task.duration * 0.5
        quick = task.dialect == "quickstart"

        def stamp(t: float | None) -> Any:
            if t is None:
                return None
            if quick:
                return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%d %H:%M:%S")
            return int(t * 1000)

        data: dict[str, Any] = {
            "taskId": task.task_id, "paramJson": json.dumps(task.params), "createTime": stamp(task.created),
            "completeTime": None, "response": None, "successFlag": 0, "errorCode": None, "errorMessage": None,
            "progress": f"{progress:.2f}",
        }
        if failed:
            data.update(successFlag=2, errorCode=task.fail_code, errorMessage=FAILURE_MESSAGES[task.fail_code],
                        completeTime=stamp(task.created + task.duration * 0.5), progress="0.00",
                        response={"result_urls" if quick else "resultUrls": []})
            if not quick:
                data["status"] = "GENERATE_FAILED"
        elif done:
            count = task.params.get("nVariants", 1)
            urls = [f"{self.base_url}/files/results/{task.task_id}/{i}.png" for i in range(count)]
            data.update(successFlag=1, completeTime=stamp(task.created + task.duration), progress="1.00",
                        response={"result_urls" if quick else "resultUrls": urls})
            if not quick:
                data["status"] = "SUCCESS"
        elif not quick:
            data["status"] = "GENERATING"
        return 200, "success", data

    def download_link(self, account: str, body: Any) -> tuple[int, str, Any]:
        if not isinstance(body, dict) or not body.get("taskId") or not (body.get("url") or body.get("imageUrl")):
            return 422, "The request parameters failed validation checks", None
        code, msg, data = self.record(account, body["taskId"])
        if code != 200:
            return 422, "record is null", None
        if data["successFlag"] != 1:
            return 422, "record status is not success", None
        url = body.get("url") or body.get("imageUrl")
        urls = (data["response"] or {}).get("resultUrls") or (data["response"] or {}).get("result_urls") or []
        if url not in urls:
            return 422, "record result data not exist", None
        token = uuid.uuid4().hex
        self._direct_links[token] = (body["taskId"], urls.index(url), self.clock() + 20 * 60)
        link = f"{self.base_url}/files/direct/{token}.png?X-Amz-Expires=1200"
        with self.lock:
            dialect = self.state.tasks[body["taskId"]].dialect
        return 200, "success", ({"downloadUrl": link} if dialect == "quickstart" else link)

    # -- uploads -----------------------------------------------------------------------------

    def store_upload(self, content: bytes, upload_path: str, file_name: str | None, mime: str | None) -> dict[str, Any]:
        name = _SAFE_NAME.sub("_", file_name or "") or uuid.uuid4().hex + ".bin"
        stored = f"{_SAFE_NAME.sub('_', upload_path.strip('/'))}__{name}"
        meta = {"fileName": name, "filePath": f"{upload_path.strip('/')}/{name}", "fileSize": len(content),
                "mimeType": mime or _sniff(content),
                "uploadedAt": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z"), "stored": stored,
                "sha256": hashlib.sha256(content).hexdigest()}
        with self.lock:
            self._upload_bytes[stored] = content
            self.state.uploads[stored] = meta
            if self.state_dir:
                write_atomic(self.state_dir / "uploads" / stored, content)
            self._persist()
        url = f"{self.base_url}/files/uploads/{stored}"
        public = {k: v for k, v in meta.items() if k not in ("stored", "sha256")}
        public["fileUrl" if self.dialect == "quickstart" else "downloadUrl"] = url
        return public

    def upload_bytes(self, stored: str) -> bytes | None:
        with self.lock:
            content = self._upload_bytes.get(stored)
        if content is None and self.state_dir and stored in self.state.uploads:
            path = self.state_dir / "uploads" / _SAFE_NAME.sub("_", stored)
            content = path.read_bytes() if path.exists() else None
        return content

    # -- result images -----------------------------------------------------------------------

    def result_image(self, task_id: str, index: int) -> bytes | None:
        with self.lock:
            task = self.state.tasks.get(task_id)
        if task is None or index >= task.params.get("nVariants", 1):
            return None
        if self.progress_of(task, self.clock()) < 1.0 or task.fail_code or task.never:
            return None
        key = (task_id, index)
        if key not in self._image_cache:
            self._image_cache[key] = render_result(task.params, index, self._upload_for)
            if len(self._image_cache) > 64:
                self._image_cache.pop(next(iter(self._image_cache)))
        return self._image_cache[key]

    def direct_image(self, token: str) -> bytes | None:
        link = self._direct_links.get(token)
        if not link or link[2] < self.clock():
            return None
        return self.result_image(link[0], link[1])

    def reset(self) -> None:
        with self.lock:
            self.state = SimState()
            self.requests.clear()
            self.faults.clear()
            self._generate_times.clear()
            self._upload_bytes.clear()
            self._image_cache.clear()
            self._persist()


def _sniff(content: bytes) -> str:
    if content.startswith(b"\x89PNG"):
        return "image/png"
    if content.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if content[8:12] == b"WEBP":
        return "image/webp"
    return "application/octet-stream"


# -- pictures --------------------------------------------------------------------------------

def _colour(seed: bytes, offset: int) -> tuple[int, int, int]:
    return seed[offset] // 2 + 60, seed[offset + 1] // 2 + 60, seed[offset + 2] // 2 + 60


def _font(size: int) -> ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):
        return ImageFont.load_default()


def _wrap(text: str, width: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > width and line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines[:8]


def render_result(params: dict[str, Any], index: int, fetch: Callable[[str], bytes | None]) -> bytes:
    """A deterministic picture for a task: the prompt on a gradient; an edit repaints only the mask's black."""
    size = RESULT_PIXELS.get(params.get("size", "1:1"), (1024, 1024))
    prompt = params.get("prompt") or ""
    seed = hashlib.sha256(f"{prompt}|{index}".encode()).digest()
    canvas = Image.new("RGB", (2, 2))
    canvas.putdata([_colour(seed, 0), _colour(seed, 3), _colour(seed, 6), _colour(seed, 9)])
    picture = canvas.resize(size, Image.Resampling.BILINEAR)
    files = params.get("filesUrl") or []
    source = fetch(files[0]) if files else None
    mask = fetch(params["maskUrl"]) if params.get("maskUrl") and len(files) == 1 else None
    if source is not None and mask is not None:
        src = Image.open(io.BytesIO(source)).convert("RGB")
        msk = Image.open(io.BytesIO(mask)).convert("L")
        # Work at the source's own size, where the mask matches pixel for pixel, then fit to the output.
        fill = picture.resize(src.size, Image.Resampling.BILINEAR)
        keep = msk.point(lambda v: 255 if v >= 128 else 0)
        picture = Image.composite(src, fill, keep).resize(size, Image.Resampling.BILINEAR)
    draw = ImageDraw.Draw(picture)
    font = _font(max(28, size[0] // 30))
    label = "4o Image Studio simulator" + (" · edit" if mask else (f" · {len(files)} reference(s)" if files else ""))
    lines = [label, f"image {index + 1} of {params.get('nVariants', 1)}", "", *_wrap(prompt, 40)]
    y = size[1] // 8
    for line in lines:
        draw.text((size[0] // 12 + 2, y + 2), line, fill=(0, 0, 0), font=font)
        draw.text((size[0] // 12, y), line, fill=(255, 255, 255), font=font)
        y += int(font.size * 1.4) if hasattr(font, "size") else 20
    out = io.BytesIO()
    picture.save(out, format="PNG", compress_level=1)
    return out.getvalue()


# -- HTTP ------------------------------------------------------------------------------------

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
        body: dict[str, Any] = {"code": code, "msg": msg, "data": data}
        if upload:
            body = {"success": code == 200, **body}
        self._send(http_status, json.dumps(body).encode(), "application/json", headers)

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _record(self, body: Any) -> None:
        url = urlparse(self.path)
        entry = {"method": self.command, "path": url.path, "query": parse_qs(url.query), "body": body,
                 "account": self.sim.account(self.headers.get("Authorization")), "time": time.time()}
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
            self._json(code, {429: "Rate limited", 455: "Service maintenance", 500: "Internal error",
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
        if path.startswith("/files/"):
            return self._file(path)
        self._record(None)
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
            content = self.sim._upload_for(body.get("fileUrl") or "")
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
        elif len(parts) == 4 and parts[1] == "results" and parts[3].endswith(".png") and parts[3][:-4].isdigit():
            content = self.sim.result_image(parts[2], int(parts[3][:-4]))
        elif len(parts) == 3 and parts[1] == "direct":
            content = self.sim.direct_image(parts[2].removesuffix(".png"))
        if content is None:
            return self._send(404, b"not found", "text/plain")
        self._send(200, content, _sniff(content))

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
            return self._send(200, content, _sniff(content)) if content else self._send(404, b"", "text/plain")
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
            with self.sim.lock:
                for name in ("dialect", "task_seconds", "null_seconds"):
                    if name in body:
                        setattr(self.sim, name, body[name])
                if "credits" in body:
                    for account in set(self.sim.keys.values()):
                        self.sim.state.credits[account] = float(body["credits"])
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
    """The simulator on a real port, in a background thread."""

    def __init__(self, simulator: Simulator, host: str = "127.0.0.1", port: int = 0):
        handler = type("Handler", (_Handler,), {"sim": simulator})
        self.httpd = ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        self.simulator = simulator
        self.port = self.httpd.server_address[1]
        self.url = f"http://{host}:{self.port}"
        simulator.base_url = self.url
        self._thread: threading.Thread | None = None

    def start(self) -> SimulatorServer:
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="kie-simulator", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def main(argv: list[str] | None = None) -> None:
    import os

    parser = argparse.ArgumentParser(description="A local kie.ai 4o Image API simulator.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--key", action="append", default=[], help="an API key to accept (repeatable); "
                        "also STUDIO_SIM_KEYS, comma-separated")
    parser.add_argument("--task-seconds", type=float, default=float(os.environ.get("STUDIO_SIM_TASK_SECONDS", 4)))
    parser.add_argument("--null-seconds", type=float, default=0.6)
    parser.add_argument("--credits", type=float, default=1000.0)
    parser.add_argument("--state-dir", default=None, help="keep tasks and uploads here across restarts")
    parser.add_argument("--dialect", choices=("openapi", "quickstart"), default="openapi",
                        help="which of the documented spellings to answer in")
    args = parser.parse_args(argv)
    keys = args.key + [k for k in os.environ.get("STUDIO_SIM_KEYS", "").split(",") if k]
    if not keys:
        parser.error("give at least one --key (or STUDIO_SIM_KEYS)")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    sim = Simulator(keys, task_seconds=args.task_seconds, null_seconds=args.null_seconds,
                    start_credits=args.credits, state_dir=args.state_dir, dialect=args.dialect)
    server = SimulatorServer(sim, args.host, args.port)
    print(f"kie simulator on {server.url} ({len(keys)} key(s), tasks take {args.task_seconds:g} s)", flush=True)
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
