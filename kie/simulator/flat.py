"""What the simulator's flat-body families (the Flux Kontext and Midjourney APIs) share: checking a camelCase body
field by field (422 names the field), and their times, written as the examples show them or as a test asks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

TIME_FORMATS = ("iso", "ms", "text")  # ISO-8601 as the examples show, epoch ms, 'YYYY-MM-DD HH:mm:ss'
RESULT_FORMATS = ("objects", "strings")  # Midjourney's resultUrls: [{resultUrl}] as documented, or plain strings


class SimulatedTask(Protocol):
    """What a family module reads of a simulated task (kie.simulator.tasks.SimTask)."""

    task_id: str
    account: str
    params: dict[str, Any]
    created: float
    fail_code: int | None
    api: str


class SimulatorView(Protocol):
    """What a family module uses of the simulator (kie.simulator.state.Simulator), so it needs no import of it."""

    task_seconds: float
    model_seconds: dict[str, float]
    time_format: str
    result_format: str
    state: Any  # SimState: its `tasks`
    clock: Callable[[], float]

    def outcome(self, task: Any, now: float) -> str: ...
    def end_time(self, task: Any) -> float | None: ...
    def result_urls(self, task: Any) -> list[str]: ...
    def result_image(self, task_id: str, index: int) -> bytes | None: ...
    def fetch(self, url: str) -> bytes | None: ...


@dataclass(frozen=True)
class Field:
    """One body field: "str", "int", "bool", "url" (one http(s) address) or "urls"; allowed values or a range."""

    kind: str = "str"
    values: tuple = ()
    required: bool = False
    max_len: int | None = None  # characters of a string, or addresses in a list
    low: int | None = None  # an integer's smallest value
    high: int | None = None  # and largest
    step: int = 1  # an integer's step (Midjourney's variety: 5)


def is_url(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))


def check(body: Any, fields: dict[str, Field], api: str) -> str | None:
    """The provider's 422 message for a flat body (naming the field), or None when every field is fine."""
    if not isinstance(body, dict):
        return "The request body must be a JSON object"
    for key in body:
        if key not in fields:
            return f"{str(key)[:40]} is not a parameter of the {api}"
    for key, spec in fields.items():
        value = body.get(key)
        if value is None:
            if spec.required:
                return f"{key} is required"
            continue
        problem = _check(key, value, spec)
        if problem:
            return problem
    return None


def _check(key: str, value: Any, spec: Field) -> str | None:
    if spec.kind == "bool":
        return None if isinstance(value, bool) else f"{key} must be a boolean"
    if spec.kind == "url":
        return None if is_url(value) else f"{key} must be an http(s) URL"
    if spec.kind == "urls":
        if not isinstance(value, list) or not all(is_url(u) for u in value):
            return f"{key} must be a list of http(s) URLs"
        if spec.max_len is not None and len(value) > spec.max_len:
            return f"{key} takes at most {spec.max_len} image URLs"
        return None
    if spec.kind == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            return f"{key} must be an integer"
        if (spec.low is not None and value < spec.low) or (spec.high is not None and value > spec.high) \
                or (value - (spec.low or 0)) % spec.step:
            step = f" in steps of {spec.step}" if spec.step > 1 else ""
            return f"{key} must be between {spec.low} and {spec.high}{step}"
        return None
    if not isinstance(value, str):
        return f"{key} must be a string"
    if spec.values and value not in spec.values:
        return f"{key} must be one of {', '.join(spec.values)}"
    if spec.required and not value.strip():
        return f"{key} is required"
    if spec.max_len is not None and len(value) > spec.max_len:
        return f"{key} is longer than {spec.max_len} characters"
    return None


def stamp(t: float | None, time_format: str) -> Any:
    """A time as these families' record-info gives it: ISO-8601 ("2024-03-20T10:30:00Z", their examples' form),
    epoch ms or 'YYYY-MM-DD HH:mm:ss'; None stays None."""
    if t is None:
        return None
    if time_format == "ms":
        return int(t * 1000)
    moment = datetime.fromtimestamp(t, UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S" if time_format == "text" else "%Y-%m-%dT%H:%M:%SZ")
