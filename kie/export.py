"""Taking tasks away: their images as a ZIP, the history as JSON (never the key)."""

from __future__ import annotations

import io
import json
import re
import time
import zipfile
from collections.abc import Iterable

from kie.models import Task
from kie.store import TaskStore


def slug(text: str, limit: int = 40) -> str:
    """A file-name-safe fragment of a prompt."""
    return re.sub(r"[^a-z0-9]+", "-", (text or "").lower()).strip("-")[:limit].strip("-") or "image"


def stamp(ts: float, fmt: str = "%Y%m%d-%H%M") -> str:
    return time.strftime(fmt, time.localtime(ts))


def image_file_name(task: Task, index: int) -> str:
    """`20261124-0930-a-red-fox-ab12cd-1.png`: date, prompt, task, image number."""
    return f"{stamp(task.created_at)}-{slug(task.prompt)}-{task.task_id[-6:]}-{index + 1}.png"


def zip_name(task: Task) -> str:
    """A task's ZIP, named by its date and prompt."""
    return f"{stamp(task.created_at, '%Y%m%d')}-{slug(task.prompt)}.zip"


def view_zip_name(search: str = "") -> str:
    """A view's ZIP, named by today's date and the search (or 'history')."""
    return f"{time.strftime('%Y%m%d')}-{slug(search) if search else 'history'}.zip"


def zip_images(store: TaskStore, tasks: Iterable[Task]) -> bytes:
    """Every cached image of `tasks` in one ZIP (stored, not deflated: PNGs are compressed already)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        for task in tasks:
            for index, name in enumerate(task.images):
                path = store.image_path(task.task_id, name)
                if path.exists():
                    archive.write(path, image_file_name(task, index))
    return out.getvalue()


def task_record(task: Task) -> dict:
    """What the JSON export says of a task: parameters, state, times, URLs. Nothing secret is in a Task."""
    return {
        "taskId": task.task_id,
        "kind": task.kind,
        "state": task.state,
        "params": task.request.to_payload(),
        "progress": task.progress,
        "resultUrls": task.result_urls,
        "errorCode": task.error_code,
        "errorMessage": task.error_message,
        "createdAt": _iso(task.created_at),
        "completedAt": _iso(task.completed_at),
        "favourite": task.favourite,
        "localImages": [image_file_name(task, i) for i in range(len(task.images))],
    }


def history_json(tasks: Iterable[Task]) -> bytes:
    records = [task_record(t) for t in tasks]
    return json.dumps({"exportedAt": _iso(time.time()), "tasks": records}, indent=2).encode()


def _iso(ts: float | None) -> str | None:
    return None if ts is None else time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))
