"""The simulated service's state and what holds it together, with no HTTP in it: accounts and credits, the rate
limit, when a task of any API ends, persistence, configuration. The APIs and the rest are its parts: the 4o Image
API (gpt4o), the Market and flat-body APIs (apis), uploads and result pictures (files), faults (faults) and the
callbacks due (callback_queue)."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import kie.simulator.gpt4o as gpt4o
import kie.simulator.market as market
from kie.simulator.apis import ApiTasks
from kie.simulator.callback_queue import CallbackQueue
from kie.simulator.faults import Fault, Faults
from kie.simulator.files import FileHost
from kie.simulator.flat import RESULT_FORMATS, TIME_FORMATS
from kie.simulator.gpt4o import Gpt4oApi
from kie.simulator.tasks import FLAT_APIS, SimState, SimTask
from kie.store import write_atomic

GENERATE_LIMIT = 20  # generate/createTask requests an account may send in GENERATE_WINDOW seconds (then 429)
GENERATE_WINDOW = 10.0
CALLBACK_MODES = ("send", "drop", "delay")
MESSAGE_KEYS = ("msg", "message")  # the answers' message key: "message" as the Market's Get Task Details spells it


def account_for_key(key: str) -> str:
    """The simulator's account name for an API key (a hash: the key itself is never kept)."""
    return "acct-" + hashlib.sha256(key.encode()).hexdigest()[:12]


class Simulator(Gpt4oApi, ApiTasks, FileHost, Faults, CallbackQueue):
    """The simulated service: state and behaviour, independent of the HTTP plumbing.

    Callbacks: a task whose generate body has `callBackUrl` is called back when it ends (`CallbackQueue` says
    which are due; `webhook_hmac_key` signs them). The sending itself is done by
    `kie.simulator.callbacks.CallbackSender`, which `SimulatorServer` runs. `generate_limit` requests in
    `generate_window` seconds per account are taken; more are answered 429, as the provider does.
    """

    def __init__(self, keys: dict[str, str] | list[str], *, task_seconds: float = 4.0, null_seconds: float = 0.6,
                 start_credits: float = 1000.0, state_dir: str | Path | None = None, dialect: str = "openapi",
                 clock: Callable[[], float] = time.time, callbacks: str = "send", callback_delay: float = 0.0,
                 callback_repeat: bool = False, webhook_hmac_key: str | None = None,
                 generate_limit: int = GENERATE_LIMIT, generate_window: float = GENERATE_WINDOW):
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
        self.generate_limit = generate_limit
        self.generate_window = generate_window
        self.base_url = ""
        self.lock = threading.RLock()
        self.state = SimState()
        self.requests: list[dict[str, Any]] = []
        self.faults: list[Fault] = []
        self._generate_times: dict[str, list[float]] = {}
        self._upload_bytes: dict[str, bytes] = {}
        self._image_cache: dict[tuple[str, int], bytes] = {}
        self._drawing = threading.RLock()  # one result picture drawn at a time; a variation draws its grid inside
        self.preparing = False  # pictures drawn ahead of their task's end (set by kie.simulator.preparing)
        self.prepare_wakeup = threading.Event()  # set when a task is made while preparing
        self._to_prepare: set[str] = set()
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
        self._refunds_waiting: set[str] = set()  # tasks that will fail, charged and not yet given back
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
        self._refunds_waiting = {t.task_id for t in self.state.tasks.values()
                                 if t.fail_code is not None and t.charged and not t.refunded}
        self.state.credits = raw.get("credits", {})
        self.state.uploads = raw.get("uploads", {})

    def _persist(self) -> None:
        if not self.state_dir:
            return
        raw = {"tasks": [asdict(t) for t in self.state.tasks.values()], "credits": self.state.credits,
               "uploads": self.state.uploads}
        write_atomic(self.state_dir / "state.json", json.dumps(raw).encode())

    # -- accounts ----------------------------------------------------------------------------

    def account(self, auth_header: str | None) -> str | None:
        if not auth_header or not auth_header.startswith("Bearer "):
            return None
        return self.keys.get(auth_header[len("Bearer "):].strip())

    def credits_of(self, account: str) -> float:
        """The account's balance: a task's price is taken when it is made and given back once it has failed (the
        studio says "nothing charged" for a failed task; kie.figures.NOTHING_CHARGED)."""
        with self.lock:
            self._refund_failed(account, self.clock())
            return self.state.credits.get(account, self.start_credits)

    def _refund_failed(self, account: str, now: float) -> None:
        """Give `account` back what its tasks that have failed by `now` were charged (each once)."""
        self._refunds_waiting = {t for t in self._refunds_waiting if t in self.state.tasks}  # a reset may drop some
        failed = [task for task_id in self._refunds_waiting if (task := self.state.tasks[task_id]).account == account
                  and (end := self.end_time(task)) is not None and end <= now]
        for task in failed:
            task.refunded = True
            balance = self.state.credits.get(account, self.start_credits)
            self.state.credits[account] = round(balance + task.charged, 2)
            self._refunds_waiting.discard(task.task_id)
        if failed:
            self._persist()

    # -- sending: the rate limit, inputs -------------------------------------------------------

    def _rate_limited(self, account: str, now: float) -> tuple[int, str, Any, dict[str, str]] | None:
        """The 429 answer when `account` sent too many generate/createTask requests lately; else count this one."""
        limit, span = self.generate_limit, self.generate_window
        window = [t for t in self._generate_times.get(account, []) if now - t < span]
        if len(window) >= limit:
            wait = max(1, int(span - (now - window[0])) + 1)
            self._generate_times[account] = window
            return 429, "Rate limited: too many requests, please try again later", None, {"Retry-After": str(wait)}
        window.append(now)
        self._generate_times[account] = window
        return None

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

    def _keep_new_task(self, task: SimTask, unreachable_code: int) -> tuple[int, str, Any, dict[str, str]]:
        """Keep a task just made (under the lock): it fails with `unreachable_code` when an input address is not
        one of this simulator's uploads; its callback is queued; the answer every API gives to a new task."""
        if task.fail_code is None and not self._inputs_reachable(task):
            task.fail_code = unreachable_code
        self.state.tasks[task.task_id] = task
        if task.fail_code is not None and task.charged:
            self._refunds_waiting.add(task.task_id)
        if task.params.get("callBackUrl"):
            self._callbacks_waiting.add(task.task_id)
            self.callback_wakeup.set()
        if self.preparing and task.fail_code is None:
            self._to_prepare.add(task.task_id)
            self.prepare_wakeup.set()
        self._persist()
        return 200, "success", {"taskId": task.task_id}, {}

    # -- when a task of any API ends ------------------------------------------------------------

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

    # -- configuration -------------------------------------------------------------------------------

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

    def reset(self) -> None:
        with self.lock:
            self.state = SimState()
            self.requests.clear()
            self.faults.clear()
            self._generate_times.clear()
            self._upload_bytes.clear()
            self._image_cache.clear()
            self._callbacks_waiting.clear()
            self._refunds_waiting.clear()
            self.callback_log.clear()
            self._persist()


def validate_submit(path: str, body: Any) -> str | None:
    """The 422 message the simulator gives a body sent to submit `path` (any family's), or None when it would take it;
    `KeyError` for a path it does not serve. Tests check every catalogue body with it, whatever its family."""
    checks = {gpt4o.SUBMIT_PATH: gpt4o.validate, "/api/v1/jobs/createTask": market.validate,
              **{module.SUBMIT_PATH: module.validate for module in FLAT_APIS.values()}}
    return checks[path](body)
