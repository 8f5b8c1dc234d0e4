"""What one status answer of any API family says of a task (`TaskStatus`), read tolerantly: the task states, times in
any of the providers' spellings, result addresses in any of their shapes, and each family's answer read into it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

TaskState = Literal["pending", "success", "failed", "timed_out"]
FINAL_STATES = ("success", "failed")


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
