"""Typed records: what the app asks for (`GenerateRequest`) and what it knows of a task (`Task`)."""

from __future__ import annotations

import json
import time
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import urlparse

from kie import catalog
from kie.errors import RequestInvalid

TaskState = Literal["pending", "success", "failed", "timed_out"]
TaskKind = Literal["text", "edit", "variants", "tool"]
KIND_LABELS = {"text": "Text to image", "edit": "Edit", "variants": "Variants", "tool": "Tool"}
FINAL_STATES = ("success", "failed")
DEFAULT_MODEL = catalog.DEFAULT_MODEL
# The fields in which versions before the one request shape kept GPT-4o's settings: read, never written.
LEGACY_4O_FIELDS = ("size", "n_variants", "is_enhance", "upload_cn", "enable_fallback", "fallback_model")


def _is_http_url(value: str) -> bool:
    parsed = urlparse(value)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def clean_prompt(text: str | None) -> str:
    """The prompt without control characters (newlines and tabs kept) and outer white space."""
    text = text or ""
    return "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C"
    ).strip()


@dataclass(frozen=True)
class GenerateRequest:
    """A request for any catalogue model, checked by `validated()` before anything is sent.

    The same shape for every model: the model id, its options (an immutable tuple of (key, value) pairs, keys as
    the catalogue names them), references, an optional mask and a callback. Each API family builds its body from
    this (`kie.families`).
    """

    prompt: str = ""
    files_url: tuple[str, ...] = ()
    mask_url: str | None = None
    callback_url: str | None = None
    model: str = DEFAULT_MODEL
    options: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def build(cls, model_id: str, prompt: str = "", options: Mapping[str, Any] | None = None, files_url=(),
              mask_url: str | None = None, callback_url: str | None = None) -> GenerateRequest:
        """A request for any model from a form's values: every option at the value given or its default (not yet
        validated: call `.validated()`)."""
        spec = catalog.get(model_id)
        return cls(model=spec.id, prompt=prompt or "", files_url=tuple(files_url), mask_url=mask_url,
                   callback_url=callback_url, options=catalog.freeze(spec.complete(options)))

    @property
    def spec(self) -> catalog.ModelSpec:
        """The catalogue entry of its model (`RequestInvalid` for an unknown one)."""
        return catalog.get(self.model)

    @property
    def kind(self) -> TaskKind:
        spec = catalog.CATALOG.get(self.model)
        if spec is not None and spec.is_tool:
            return "tool"
        if self.mask_url:
            return "edit"
        return "variants" if self.files_url else "text"

    def settings(self) -> dict[str, Any]:
        """Every option of its model, at the request's value or the default (the options as given for a model
        the catalogue no longer lists)."""
        spec = catalog.CATALOG.get(self.model)
        return spec.complete(dict(self.options)) if spec else dict(self.options)

    def option(self, key: str, default: Any = None) -> Any:
        """One of its settings (the model's default when unset)."""
        return self.settings().get(key, default)

    def with_options(self, **changes: Any) -> GenerateRequest:
        """A copy with some options changed."""
        return replace(self, options=catalog.freeze({**dict(self.options), **changes}))

    @property
    def images(self) -> int:
        """How many images it makes."""
        spec = catalog.CATALOG.get(self.model)
        return spec.images_for(self.settings()) if spec else max(1, int(dict(self.options).get("n_variants", 1)))

    @property
    def shape(self) -> str:
        """Its picture shape in words, for any model: "Landscape 3:2", "16:9 · 2K"; "" for a tool."""
        spec = catalog.CATALOG.get(self.model)
        if spec is None:
            return str(dict(self.options).get("size") or "")
        chosen = self.settings()
        return " · ".join(spec.option(key).label_for(chosen[key]) for key in catalog.SHAPE_OPTIONS
                          if any(o.key == key for o in spec.options))

    def validated(self) -> GenerateRequest:
        """A cleaned copy, or `RequestInvalid` naming the field and what to do."""
        spec = self.spec
        prompt = clean_prompt(self.prompt)
        files = tuple(u.strip() for u in self.files_url if u and u.strip())
        callback = (self.callback_url or "").strip() or None
        mask = (self.mask_url or "").strip() or None
        if not spec.takes_prompt:
            prompt = ""
        elif spec.prompt_optional_with_refs and not prompt and not files:
            raise RequestInvalid("Write a prompt, or add a reference image.", field="prompt")
        elif not spec.prompt_optional_with_refs and not prompt:
            raise RequestInvalid(f"Write a prompt: {spec.name} needs one.", field="prompt")
        if prompt and len(prompt) < spec.min_prompt_chars:
            raise RequestInvalid(f"{spec.name} needs a prompt of at least {spec.min_prompt_chars} characters: write "
                                 "a few words more.", field="prompt")
        if len(prompt) > spec.max_prompt_chars:
            raise RequestInvalid(
                f"The prompt is {len(prompt):,} characters long; shorten it to {spec.max_prompt_chars:,} or fewer "
                f"for {spec.name}.", field="prompt")
        if refused := spec.check(dict(self.options), len(files)):  # options, reference count, combinations
            raise RequestInvalid(refused.message, field=refused.field)
        for url in files:
            if not _is_http_url(url):
                raise RequestInvalid(f"Reference image address must start with http:// or https://: {url[:80]}",
                                     field="files_url")
        if mask:
            if not spec.takes_mask:
                raise RequestInvalid(f"{spec.name} takes no mask: send the picture and the prompt as an edit, or "
                                     "choose a model that takes a mask.", field="mask_url")
            if not _is_http_url(mask):
                raise RequestInvalid("The mask address must start with http:// or https://.", field="mask_url")
            if len(files) != 1:
                raise RequestInvalid("An edit needs exactly one source picture with its mask.", field="mask_url")
        if callback and not _is_http_url(callback):
            raise RequestInvalid("The callback URL must start with http:// or https://.", field="callback_url")
        return replace(self, prompt=prompt, files_url=files, callback_url=callback, mask_url=mask,
                       options=catalog.freeze(spec.complete(dict(self.options))))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["files_url"] = list(self.files_url)
        data["options"] = dict(self.options)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GenerateRequest:
        """A stored request, of this version or of one before the one request shape (GPT-4o's settings as fields:
        folded into its options)."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["files_url"] = tuple(known.get("files_url") or ())
        options = known.get("options") or {}
        options = dict(options) if isinstance(options, dict) else dict(tuple(pair) for pair in options)
        known["model"] = known.get("model") or DEFAULT_MODEL
        if known["model"] == catalog.GPT_4O.id:
            legacy = {k: data[k] for k in LEGACY_4O_FIELDS if k in data and data[k] is not None}
            options = {**legacy, **options}
        known["options"] = catalog.freeze(options)
        return cls(**known)


def parse_time(value: Any) -> float | None:
    """Epoch seconds from epoch milliseconds, epoch seconds, 'YYYY-MM-DD HH:mm:ss' (UTC) or an ISO-8601 string
    ("2024-03-20T10:30:00Z", with fractions or an offset; UTC when it names no zone); None for anything else."""
    if value in (None, "", 0) or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value / 1000.0 if value > 10_000_000_000 else float(value)
    text = str(value).strip()[:64]
    if text.isdigit():
        return parse_time(int(text))
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d %H:%M:%S.%f"):
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=UTC).timestamp()
        except ValueError:
            continue
    try:
        found = datetime.fromisoformat(text)
    except ValueError:
        return None
    return (found if found.tzinfo else found.replace(tzinfo=UTC)).timestamp()


def parse_progress(value: Any) -> float:
    try:
        return min(1.0, max(0.0, float(value)))
    except (TypeError, ValueError):
        return 0.0


_STATUS_TEXT = {
    "GENERATING": "pending",
    "SUCCESS": "success",
    "CREATE_TASK_FAILED": "failed",
    "GENERATE_FAILED": "failed",
}
_MARKET_STATES: dict[str, TaskState] = {
    "waiting": "pending", "queuing": "pending", "generating": "pending", "success": "success", "fail": "failed",
    "failed": "failed",
}


def _json_object(value: Any) -> dict[str, Any]:
    """A dict from a JSON string (or a dict already); {} for anything else."""
    found = _json_or_none(value)
    return found if isinstance(found, dict) else {}


def _json_or_none(value: Any) -> Any:
    """A dict given as it is, or a JSON string parsed; None for an empty value or anything that is not JSON."""
    if isinstance(value, dict):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return json.loads(value)
        except (ValueError, RecursionError):  # RecursionError: brackets nested thousands deep
            return None
    return None


MAX_URL_CHARS = 4096
MAX_MESSAGE_CHARS = 1000  # a failure message is shown on a card: the service's words, cut to a readable length
NOT_JSON = "the service said it is done, but its result could not be read (not JSON)"
NO_ADDRESS = "the service said it is done, but named no picture to download"


RESULT_KEYS = ("resultUrls", "result_urls", "resultImageUrl")  # where a result names its pictures
URL_KEYS = ("resultUrl", "url", "imageUrl")  # an address given as an object ({"resultUrl": "..."}, Midjourney's)


def _address(item: Any) -> str | None:
    """One picture address: a string, or an object holding one under a URL_KEYS key."""
    if isinstance(item, dict):
        item = next((item[k] for k in URL_KEYS if isinstance(item.get(k), str)), None)
    if isinstance(item, str) and item.strip() and len(item) <= MAX_URL_CHARS:
        return item.strip()
    return None


def result_urls(result: Any) -> tuple[tuple[str, ...], str | None]:
    """The picture addresses in a result ({resultUrls | result_urls | resultImageUrl: ...}, a dict or a JSON string)
    and, when there is none, why: each address a string or a {resultUrl} object (a single one is a list of one);
    everything else is left out."""
    found = _json_or_none(result)
    if found is None and isinstance(result, str) and result.strip():
        return (), NOT_JSON
    urls = next((found[k] for k in RESULT_KEYS if found.get(k)), None) if isinstance(found, dict) else None
    urls = urls if isinstance(urls, list) else [urls]
    usable = tuple(u for u in map(_address, urls) if u)
    return usable, None if usable else NO_ADDRESS


_SUCCESS_FLAG = {0: "pending", 1: "success", 2: "failed", 3: "failed"}
# What a failure says when the service gives no message: successFlag 2 and 3 of the Flux Kontext and Midjourney APIs.
FLAG_FAILURES = {2: "the service could not create the task (CREATE_TASK_FAILED)",
                 3: "the task was created, but generating failed (GENERATE_FAILED)"}


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") and not isinstance(value, bool) else None
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class TaskStatus:
    """One record-info answer, read tolerantly."""

    task_id: str
    state: TaskState
    progress: float
    result_urls: tuple[str, ...] = ()
    error_code: int | None = None
    error_message: str | None = None
    created_at: float | None = None
    completed_at: float | None = None
    params: dict[str, Any] | None = None
    phase: str | None = None  # a Market task's own state word (waiting, queuing, generating, success, fail)
    cost_ms: int | None = None  # a Market task's `costTime`, when given
    result_problem: str | None = None  # a success whose result names no usable picture address: why

    @classmethod
    def from_market(cls, data: dict[str, Any]) -> TaskStatus:
        """Parse `data` of jobs/recordInfo: `state` words, `param`/`resultJson` as JSON strings, ms times."""
        phase = str(data.get("state") or "").strip().lower() or None
        state: TaskState = _MARKET_STATES.get(phase or "", "pending")
        urls, problem = result_urls(data.get("resultJson"))
        fail_code = str(data.get("failCode") or "").strip()
        fail_msg = str(data.get("failMsg") or "").strip()[:MAX_MESSAGE_CHARS]
        error_code = int(fail_code) if fail_code.isdigit() else None
        if fail_code and error_code is None:  # a word code ("CONTENT_POLICY"): keep it in the message
            fail_msg = f"{fail_code}: {fail_msg}" if fail_msg else fail_code
        try:
            cost_ms = int(data["costTime"]) if data.get("costTime") not in (None, "") else None
        except (TypeError, ValueError):
            cost_ms = None
        failed = state == "failed"
        return cls(
            task_id=str(data.get("taskId") or ""),
            state=state,
            progress=1.0 if state == "success" else 0.0,  # the Market API reports no progress figure
            result_urls=urls,
            error_code=error_code if failed else None,
            error_message=(fail_msg or None) if failed else None,
            created_at=parse_time(data.get("createTime")),
            completed_at=parse_time(data.get("completeTime")) if state in FINAL_STATES else None,
            params=_json_object(data.get("param")) or None,
            phase=phase,
            cost_ms=cost_ms,
            result_problem=problem if state == "success" else None,
        )

    @classmethod
    def from_flag_record(cls, data: dict[str, Any], result: Any) -> TaskStatus:
        """Parse `data` of the Flux Kontext or Midjourney record-info: `successFlag` 0 generating, 1 success, 2 and 3
        failed (not created / created, then failed); `result` is where the family keeps its pictures (a dict or a
        JSON string: Flux's `response`, Midjourney's `resultInfoJson`); `paramJson` a JSON string; times as epoch
        ms, ISO strings or 'YYYY-MM-DD HH:mm:ss'; `errorCode` and `errorMessage` null or empty when none."""
        flag = _int_or_none(data.get("successFlag"))
        state: TaskState = _SUCCESS_FLAG.get(flag, "pending") if flag is not None else "pending"
        urls, problem = result_urls(result)
        failed = state == "failed"
        message = str(data.get("errorMessage") or "").strip()[:MAX_MESSAGE_CHARS]
        return cls(
            task_id=str(data.get("taskId") or ""),
            state=state,
            progress=1.0 if state == "success" else 0.0,  # no progress figure in these families
            result_urls=urls if state == "success" else (),
            error_code=_int_or_none(data.get("errorCode")) if failed else None,
            error_message=(message or FLAG_FAILURES.get(flag or 0)) if failed else None,
            created_at=parse_time(data.get("createTime")),
            completed_at=parse_time(data.get("completeTime")) if state in FINAL_STATES else None,
            params=_json_object(data.get("paramJson")) or None,
            phase="generating" if state == "pending" else None,
            result_problem=problem if state == "success" else None,
        )

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> TaskStatus:
        """Parse `data` of record-info: successFlag or status; resultUrls or result_urls; ms or text times."""
        state = None
        flag = data.get("successFlag")
        if flag is not None:
            try:
                state = _SUCCESS_FLAG.get(int(flag))
            except (TypeError, ValueError):
                state = None
        if state is None:
            state = _STATUS_TEXT.get(str(data.get("status") or "").upper(), "pending")
        urls, problem = result_urls(data.get("response"))
        params = _json_object(data.get("paramJson")) or None
        error_code = data.get("errorCode")
        try:
            error_code = int(error_code) if error_code not in (None, "") else None
        except (TypeError, ValueError):
            error_code = None
        progress = 1.0 if state == "success" else parse_progress(data.get("progress"))
        return cls(
            task_id=str(data.get("taskId") or ""),
            state=state,
            progress=progress,
            result_urls=urls,
            error_code=error_code if state == "failed" else None,
            error_message=(str(data.get("errorMessage") or "")[:MAX_MESSAGE_CHARS] or None) if state == "failed"
            else None,
            created_at=parse_time(data.get("createTime")),
            completed_at=parse_time(data.get("completeTime")),
            params=params,
            result_problem=problem if state == "success" else None,
        )


@dataclass
class Task:
    """What the app keeps of one task: its request, its state, and what came of it."""

    task_id: str
    kind: TaskKind
    request: GenerateRequest
    state: TaskState = "pending"
    progress: float = 0.0
    result_urls: list[str] = field(default_factory=list)
    error_code: int | None = None
    error_message: str | None = None
    created_at: float = field(default_factory=time.time)
    completed_at: float | None = None
    favourite: bool = False
    inputs: dict[str, str] = field(default_factory=dict)  # role -> cached input file name (source, mask, ref0..)
    images: list[str] = field(default_factory=list)  # cached result file names, in result order
    polls: int = 0
    next_poll_at: float = 0.0
    last_polled_at: float | None = None
    last_progress_at: float | None = None  # when the reported progress last changed (or a Market task began)
    deadline_at: float | None = None
    owner: str | None = None  # who made it, under sign-in (e-mail, or the provider's `sub`)
    callback_token: str | None = None  # the secret in this task's own callback URL; None when not sent
    callback_at: float | None = None  # when the provider's callback arrived (the first one)
    showcase: bool = False  # chosen for the Showcase page
    credits: float | None = None  # what it cost, where measured (balance before and after, nothing else between)
    model: str = "gpt-4o-image"  # the catalogue id of the model (or tool) that made it
    parent_id: str | None = None  # the task whose picture a tool (upscale, remove background) worked on
    batch_id: str | None = None  # the batch it was sent for, if any
    comparison_id: str | None = None  # the model comparison it belongs to, if any
    demo: bool = False  # one of the demo gallery's tasks

    @property
    def follow(self) -> str:
        """How the app learns of the end: "callback" (expected, slow polling beside it) or "polling"."""
        return "callback" if self.callback_token and self.callback_at is None and self.state == "pending" \
            else "polling"

    @property
    def prompt(self) -> str:
        return self.request.prompt

    @property
    def needs_polling(self) -> bool:
        """Still pending, or done with images not all cached yet."""
        return self.state == "pending" or (self.state == "success" and len(self.images) < len(self.result_urls))

    @property
    def duration(self) -> float | None:
        return None if self.completed_at is None else max(0.0, self.completed_at - self.created_at)

    @property
    def upstream_expires_at(self) -> float:
        """Generated images are deleted upstream 14 days after creation."""
        return self.created_at + 14 * 24 * 3600

    def apply(self, status: TaskStatus, now: float | None = None) -> None:
        """Take in a record-info answer."""
        now = time.time() if now is None else now
        if status.progress != self.progress or (status.phase == "generating" and self.last_progress_at is None):
            self.last_progress_at = now  # a Market task has no figure: its 'generating' phase marks the start
        self.state = status.state
        self.progress = status.progress
        if status.result_urls:
            self.result_urls = list(status.result_urls)
        self.error_code = status.error_code
        self.error_message = status.error_message
        if status.state in FINAL_STATES:
            self.completed_at = status.completed_at or now
