"""The simulated service's state and behaviour (accounts, tasks, uploads, faults), with no HTTP in it."""

from __future__ import annotations

import hashlib
import json
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import kie.simulator.market as market
from kie.simulator.apis import ApiTasks
from kie.simulator.files import FileHost
from kie.simulator.flat import RESULT_FORMATS, TIME_FORMATS
from kie.simulator.tasks import FLAT_APIS, TRIGGER_FAIL, TRIGGER_SECONDS, SimState, SimTask
from kie.store import write_atomic

GENERATE_LIMIT = 20
GENERATE_WINDOW = 10.0
IMAGE_COST = 1.5  # credits per 4o image; fractional like the provider's balances (Market prices: market.PRICES)
SIZES_4O = ("1:1", "3:2", "2:3")  # the 4o Image API's sizes and fallback models, as its pages give them
FALLBACKS_4O = ("GPT_IMAGE_1", "FLUX_MAX")
FAILURE_MESSAGES = {
    400: "Your content was flagged by OpenAI as violating content policies",
    451: "Failed to fetch the image. Kindly verify any access limits set by you or your service provider",
    500: "Failed to generate image",
}
CALLBACK_MODES = ("send", "drop", "delay")
MESSAGE_KEYS = ("msg", "message")  # the answers' message key: "message" as the Market's Get Task Details spells it


def account_for_key(key: str) -> str:
    """The simulator's account name for an API key (a hash: the key itself is never kept)."""
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


class Simulator(ApiTasks, FileHost):
    """The simulated service: state and behaviour, independent of the HTTP plumbing.

    Callbacks: a task whose generate body has `callBackUrl` is called back when it ends. `callbacks` is
    "send" (at the end), "drop" (never) or "delay" (`callback_delay` seconds after the end);
    `callback_repeat` sends each one twice, as the provider may; `webhook_hmac_key` signs them. The
    sending itself is done by `kie.simulator.callbacks.CallbackSender`, which `SimulatorServer` runs.
    """

    def __init__(self, keys: dict[str, str] | list[str], *, task_seconds: float = 4.0, null_seconds: float = 0.6,
                 start_credits: float = 1000.0, state_dir: str | Path | None = None, dialect: str = "openapi",
                 clock: Callable[[], float] = time.time, callbacks: str = "send", callback_delay: float = 0.0,
                 callback_repeat: bool = False, webhook_hmac_key: str | None = None):
        if callbacks not in CALLBACK_MODES:
            raise ValueError(f"callbacks must be one of {', '.join(CALLBACK_MODES)}")
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
        self.callbacks = callbacks
        self.callback_delay = callback_delay
        self.callback_repeat = callback_repeat
        self.webhook_hmac_key = webhook_hmac_key
        self.callback_log: list[dict[str, Any]] = []
        self.model_seconds: dict[str, float] = {}  # Market model name -> its task duration (else task_seconds)
        self.time_format = "iso"  # the Flux Kontext and Midjourney record-info times (flat.TIME_FORMATS)
        self.result_format = "objects"  # Midjourney's record-info resultUrls (flat.RESULT_FORMATS)
        self.message_key = "msg"  # every answer's message key (MESSAGE_KEYS)
        self.callback_wakeup = threading.Event()  # set when a callback may have become due sooner
        self._callbacks_waiting: set[str] = set()
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
        fields = SimTask.__dataclass_fields__
        self.state.tasks = {t["task_id"]: SimTask(**{k: v for k, v in t.items() if k in fields})
                            for t in raw.get("tasks", [])}
        self._callbacks_waiting = {t.task_id for t in self.state.tasks.values()
                                   if t.params.get("callBackUrl") and not t.callback_sent}
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

    @staticmethod
    def validate(body: Any) -> str | None:
        """The 4o Image API's 422 message for invalid parameters, or None."""
        if not isinstance(body, dict):
            return "The request body must be a JSON object"
        if body.get("size") not in SIZES_4O:
            return f"size is required and must be one of {', '.join(SIZES_4O)}"
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
        if "fallbackModel" in body and body["fallbackModel"] not in FALLBACKS_4O:
            return f"fallbackModel must be {' or '.join(FALLBACKS_4O)}"
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

    def _rate_limited(self, account: str, now: float) -> tuple[int, str, Any, dict[str, str]] | None:
        """The 429 answer when `account` sent too many generate/createTask requests lately; else count this one."""
        limit, span = _tunable("GENERATE_LIMIT"), _tunable("GENERATE_WINDOW")
        window = [t for t in self._generate_times.get(account, []) if now - t < span]
        if len(window) >= limit:
            wait = max(1, int(span - (now - window[0])) + 1)
            self._generate_times[account] = window
            return 429, "Rate limited: too many requests, please try again later", None, {"Retry-After": str(wait)}
        window.append(now)
        self._generate_times[account] = window
        return None

    def generate(self, account: str, body: dict[str, Any]) -> tuple[int, str, Any, dict[str, str]]:
        now = self.clock()
        with self.lock:
            limited = self._rate_limited(account, now)
            if limited:
                return limited
            problem = self.validate(body)
            if problem:
                return 422, problem, None, {}
            cost = IMAGE_COST * body.get("nVariants", 1)
            if self.credits_of(account) < cost:
                return 402, "Insufficient credits", None, {}
            self.state.credits[account] = round(self.credits_of(account) - cost, 2)
            prompt = body.get("prompt") or ""
            fail = TRIGGER_FAIL.search(prompt)
            seconds = TRIGGER_SECONDS.search(prompt)
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
            if body.get("callBackUrl"):
                self._callbacks_waiting.add(task.task_id)
                self.callback_wakeup.set()
            self._persist()
        return 200, "success", {"taskId": task.task_id}, {}

    def _inputs_reachable(self, task: SimTask) -> bool:
        if task.api in FLAT_APIS:
            urls = FLAT_APIS[task.api].input_urls(task.params)
        elif task.api == "market":
            urls = market.input_urls(task.params)
        else:
            urls = list(task.params.get("filesUrl") or [])
            if task.params.get("maskUrl"):
                urls.append(task.params["maskUrl"])
        return all(self.upload_for(url) is not None for url in urls)

    # -- record-info ---------------------------------------------------------------------------

    def progress_of(self, task: SimTask, now: float) -> float:
        if task.never:
            return min(0.95, (now - task.created) / max(task.duration, 0.001) * 0.5)
        share = min(1.0, max(0.0, (now - task.created) / max(task.duration, 0.001)))
        if task.uneven:
            return 0.1 if share < 0.8 else (0.1 + (share - 0.8) * 4.5 if share < 1 else 1.0)
        return share

    def outcome(self, task: SimTask, now: float) -> str:
        """"success", "failed" or "pending": what record-info reports for `task` at `now`."""
        if now - task.created < self.null_seconds and task.api == "4o":
            return "pending"
        if task.fail_code is not None and (now - task.created) >= task.duration * 0.5:
            return "failed"
        if not task.never and self.progress_of(task, now) >= 1.0:
            return "success"
        return "pending"

    def end_time(self, task: SimTask) -> float | None:
        """When `task` ends (success or failure) as record-info sees it; None if it never does."""
        if task.fail_code is not None:
            end = task.created + task.duration * 0.5
        elif task.never:
            return None
        else:
            end = task.created + task.duration
        return max(end, task.created + self.null_seconds) if task.api == "4o" else end

    def result_urls(self, task: SimTask) -> list[str]:
        """The result image URLs of a successful task."""
        return [f"{self.base_url}/files/results/{task.task_id}/{i}{task.suffix}" for i in range(task.images)]

    def record(self, account: str, task_id: str) -> tuple[int, str, Any]:
        now = self.clock()
        with self.lock:
            task = self.state.tasks.get(task_id)
        if task is None or task.account != account or task.api != "4o":
            return 422, "recordInfo is null", None
        if now - task.created < self.null_seconds:
            return 422, "recordInfo is null", None
        progress = self.progress_of(task, now)
        result = self.outcome(task, now)
        done, failed = result == "success", result == "failed"
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
            urls = self.result_urls(task)
            data.update(successFlag=1, completeTime=stamp(task.created + task.duration), progress="1.00",
                        response={"result_urls" if quick else "resultUrls": urls})
            if not quick:
                data["status"] = "SUCCESS"
        elif not quick:
            data["status"] = "GENERATING"
        return 200, "success", data

    # -- callbacks ---------------------------------------------------------------------------------

    def due_callbacks(self) -> list[dict[str, Any]]:
        """The callbacks due now, each handed out once: marked sent (and persisted) before it is returned.

        Each is {"url", "taskId", "body", "times"}; a dropped one is only written to the callback log.
        """
        now = self.clock()
        due: list[dict[str, Any]] = []
        with self.lock:
            taken = False
            for task_id in sorted(self._callbacks_waiting):
                task = self.state.tasks.get(task_id)
                result = self.outcome(task, now) if task else "gone"
                if result == "pending":
                    continue
                end = self.end_time(task) if task else now
                if task and self.callbacks == "delay" and now < (end or now) + self.callback_delay:
                    continue
                self._callbacks_waiting.discard(task_id)
                if task is None:
                    continue
                task.callback_sent = taken = True
                url = task.params["callBackUrl"]
                if self.callbacks == "drop":
                    self.log_callback({"taskId": task_id, "url": url, "time": time.time(), "attempt": 0,
                                       "code": None, "status": None, "error": "dropped (callbacks=drop)"})
                    continue
                due.append({"url": url, "taskId": task_id, "body": self.callback_body(task, result),
                            "times": 2 if self.callback_repeat else 1, "ended": end})
            if taken:
                self._persist()
        return due

    def next_callback_at(self) -> float | None:
        """The simulator-clock time at which the next waiting callback falls due, if any can."""
        with self.lock:
            extra = self.callback_delay if self.callbacks == "delay" else 0.0
            ends = [self.end_time(self.state.tasks[t]) for t in self._callbacks_waiting if t in self.state.tasks]
        return min((e + extra for e in ends if e is not None), default=None)

    def callback_body(self, task: SimTask, result: str) -> dict[str, Any]:
        """The provider's callback JSON for an ended task (`result` is "success" or "failed"). A Market task's
        carries the recordInfo shape (the notes: no example body is published; clients assume this one); the Flux
        Kontext and Midjourney APIs' each their own."""
        if task.api in FLAT_APIS:
            return FLAT_APIS[task.api].callback_body(self, task, result)
        if task.api == "market":
            _code, _msg, data = self.market_record(task.account, task.task_id)
            code = 200 if result == "success" else (task.fail_code or 500)
            return {"code": code, "msg": "success" if result == "success" else data["failMsg"], "data": data}
        if result == "success":
            return {"code": 200, "msg": "success",
                    "data": {"taskId": task.task_id, "info": {"result_urls": self.result_urls(task)}}}
        code = task.fail_code or 500
        return {"code": code, "msg": FAILURE_MESSAGES[code], "data": {"taskId": task.task_id, "info": None}}

    def log_callback(self, entry: dict[str, Any]) -> None:
        """Keep one callback attempt for GET /_sim/callbacks (never the HMAC key or the signature)."""
        with self.lock:
            self.callback_log.append(entry)
            if len(self.callback_log) > 5000:
                del self.callback_log[:2500]

    def configure(self, options: dict[str, Any]) -> str | None:
        """Apply POST /_sim/config; the problem as text when an option is invalid."""
        if "callbacks" in options and options["callbacks"] not in CALLBACK_MODES:
            return f"callbacks must be one of {', '.join(CALLBACK_MODES)}"
        for name, allowed in (("time_format", TIME_FORMATS), ("result_format", RESULT_FORMATS),
                              ("message_key", MESSAGE_KEYS)):
            if name in options and options[name] not in allowed:
                return f"{name} must be one of {', '.join(allowed)}"
        with self.lock:
            for name in ("dialect", "task_seconds", "null_seconds", "callbacks", "time_format", "result_format",
                         "message_key"):
                if name in options:
                    setattr(self, name, options[name])
            if isinstance(options.get("model_seconds"), dict):
                self.model_seconds.update({str(k): float(v) for k, v in options["model_seconds"].items()})
            if "callback_delay" in options:
                self.callback_delay = float(options["callback_delay"])
            if "callback_repeat" in options:
                self.callback_repeat = bool(options["callback_repeat"])
            if "credits" in options:
                for account in set(self.keys.values()):
                    self.state.credits[account] = float(options["credits"])
        self.callback_wakeup.set()
        return None

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

    def reset(self) -> None:
        with self.lock:
            self.state = SimState()
            self.requests.clear()
            self.faults.clear()
            self._generate_times.clear()
            self._upload_bytes.clear()
            self._image_cache.clear()
            self._callbacks_waiting.clear()
            self.callback_log.clear()
            self._persist()


def validate_submit(path: str, body: Any) -> str | None:
    """The 422 message the simulator gives a body sent to submit `path` (any family's), or None when it would take it;
    `KeyError` for a path it does not serve. Tests check every catalogue body with it, whatever its family."""
    checks = {"/api/v1/gpt4o-image/generate": Simulator.validate, "/api/v1/jobs/createTask": market.validate,
              **{module.SUBMIT_PATH: module.validate for module in FLAT_APIS.values()}}
    return checks[path](body)


def _tunable(name: str) -> float:
    """A rate-limit constant, read from the package at call time so a test can change it there."""
    return getattr(sys.modules.get("kie.simulator"), name, globals()[name])
