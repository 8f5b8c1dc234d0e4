"""Typed records: what the app asks for (`GenerateRequest`) and what it knows of a task (`Task`)."""

from __future__ import annotations

import json
import time
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import urlparse

from kie.errors import RequestInvalid

Size = Literal["1:1", "3:2", "2:3"]
SIZES: dict[str, str] = {"1:1": "Square 1:1", "3:2": "Landscape 3:2", "2:3": "Portrait 2:3"}
N_VARIANTS = (1, 2, 4)
FALLBACK_MODELS = ("GPT_IMAGE_1", "FLUX_MAX")
MAX_FILES = 5
MAX_PROMPT_CHARS = 5000  # the provider gives no figure; longer prompts only cost and fail later

TaskState = Literal["pending", "success", "failed", "timed_out"]
TaskKind = Literal["text", "edit", "variants"]
KIND_LABELS = {"text": "Text to image", "edit": "Edit", "variants": "Variants"}
FINAL_STATES = ("success", "failed")


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
    """A generate request, checked by `validate()` before anything is sent."""

    prompt: str = ""
    size: str = "1:1"
    n_variants: int = 1
    files_url: tuple[str, ...] = ()
    mask_url: str | None = None
    is_enhance: bool = False
    upload_cn: bool = False
    enable_fallback: bool = False
    fallback_model: str = "FLUX_MAX"
    callback_url: str | None = None

    @property
    def kind(self) -> TaskKind:
        if self.mask_url:
            return "edit"
        return "variants" if self.files_url else "text"

    def validated(self) -> GenerateRequest:
        """A cleaned copy, or `RequestInvalid` naming the field and what to do."""
        prompt = clean_prompt(self.prompt)
        files = tuple(u.strip() for u in self.files_url if u and u.strip())
        callback = (self.callback_url or "").strip() or None
        mask = (self.mask_url or "").strip() or None
        if self.size not in SIZES:
            raise RequestInvalid(f"Choose an aspect ratio: one of {', '.join(SIZES)}.", field="size")
        if self.n_variants not in N_VARIANTS:
            raise RequestInvalid("Choose 1, 2 or 4 images.", field="n_variants")
        if not prompt and not files:
            raise RequestInvalid("Write a prompt, or add a reference image.", field="prompt")
        if len(prompt) > MAX_PROMPT_CHARS:
            raise RequestInvalid(
                f"The prompt is {len(prompt):,} characters long; shorten it to {MAX_PROMPT_CHARS:,} or fewer.",
                field="prompt",
            )
        if len(files) > MAX_FILES:
            raise RequestInvalid(
                f"At most {MAX_FILES} reference images can be sent; remove {len(files) - MAX_FILES}.", field="files_url"
            )
        for url in files:
            if not _is_http_url(url):
                raise RequestInvalid(f"Reference image address must start with http:// or https://: {url[:80]}",
                                     field="files_url")
        if mask:
            if not _is_http_url(mask):
                raise RequestInvalid("The mask address must start with http:// or https://.", field="mask_url")
            if len(files) != 1:
                raise RequestInvalid("An edit needs exactly one source picture with its mask.", field="mask_url")
        if self.fallback_model not in FALLBACK_MODELS:
            raise RequestInvalid(f"Fallback model must be {' or '.join(FALLBACK_MODELS)}.", field="fallback_model")
        if callback and not _is_http_url(callback):
            raise RequestInvalid("The callback URL must start with http:// or https://.", field="callback_url")
        return replace(self, prompt=prompt, files_url=files, callback_url=callback, mask_url=mask)

    def to_payload(self) -> dict[str, Any]:
        """The JSON body of POST /api/v1/gpt4o-image/generate (call on a validated request)."""
        body: dict[str, Any] = {"size": self.size, "nVariants": self.n_variants}
        if self.prompt:
            body["prompt"] = self.prompt
        if self.files_url:
            body["filesUrl"] = list(self.files_url)
        if self.mask_url:
            body["maskUrl"] = self.mask_url
        if self.callback_url:
            body["callBackUrl"] = self.callback_url
        body["isEnhance"] = self.is_enhance
        body["uploadCn"] = self.upload_cn
        body["enableFallback"] = self.enable_fallback
        if self.enable_fallback:
            body["fallbackModel"] = self.fallback_model
        return body

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["files_url"] = list(self.files_url)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GenerateRequest:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["files_url"] = tuple(known.get("files_url") or ())
        return cls(**known)

    @classmethod
    def from_payload(cls, body: dict[str, Any]) -> GenerateRequest:
        """Read an API body (for instance a record's `paramJson`), either spelling of the files."""
        files = body.get("filesUrl") or ([body["fileUrl"]] if body.get("fileUrl") else [])
        return cls(
            prompt=body.get("prompt") or "",
            size=body.get("size") or "1:1",
            n_variants=int(body.get("nVariants") or 1),
            files_url=tuple(files),
            mask_url=body.get("maskUrl"),
            is_enhance=bool(body.get("isEnhance")),
            upload_cn=bool(body.get("uploadCn")),
            enable_fallback=bool(body.get("enableFallback")),
            fallback_model=body.get("fallbackModel") or "FLUX_MAX",
            callback_url=body.get("callBackUrl"),
        )


def parse_time(value: Any) -> float | None:
    """Epoch seconds from epoch milliseconds, epoch seconds, or 'YYYY-MM-DD HH:mm:ss' (UTC)."""
    if value in (None, "", 0):
        return None
    if isinstance(value, (int, float)):
        return value / 1000.0 if value > 10_000_000_000 else float(value)
    text = str(value).strip()
    if text.isdigit():
        return parse_time(int(text))
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d %H:%M:%S.%f"):
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=UTC).timestamp()
        except ValueError:
            continue
    return None


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
_SUCCESS_FLAG = {0: "pending", 1: "success", 2: "failed", 3: "failed"}


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
        response = data.get("response")
        response = response if isinstance(response, dict) else {}
        urls = response.get("resultUrls") or response.get("result_urls") or []
        params = None
        raw_params = data.get("paramJson")
        if isinstance(raw_params, str) and raw_params:
            try:
                params = json.loads(raw_params)
            except ValueError:
                params = None
        elif isinstance(raw_params, dict):
            params = raw_params
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
            result_urls=tuple(str(u) for u in urls),
            error_code=error_code if state == "failed" else None,
            error_message=(data.get("errorMessage") or None) if state == "failed" else None,
            created_at=parse_time(data.get("createTime")),
            completed_at=parse_time(data.get("completeTime")),
            params=params,
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
    last_progress_at: float | None = None  # when the reported progress last changed
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
        if status.progress != self.progress:
            self.last_progress_at = now
        self.state = status.state
        self.progress = status.progress
        if status.result_urls:
            self.result_urls = list(status.result_urls)
        self.error_code = status.error_code
        self.error_message = status.error_message
        if status.state in FINAL_STATES:
            self.completed_at = status.completed_at or now
