"""Taking tasks away: their images (tagged with prompt and settings) alone or as a ZIP, the history as JSON, and
tables as spreadsheet-safe CSV (`csv_bytes`, the one CSV writer of the app).

Nothing secret leaves: never the key, the callback URL (it holds a token) or upload URLs (see kie.pngmeta).
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from kie import figures
from kie.models import Task
from kie.pngmeta import SOFTWARE, iso_date, safe_parameters, tag_png, task_metadata
from kie.store import Store

TASKS_JSON = "tasks.json"


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


def image_download(store: Store, task: Task, index: int) -> bytes:
    """A cached result image as handed out: a PNG carrying the task's prompt and settings."""
    return tag_png(store.image_path(task.task_id, task.images[index]).read_bytes(), task, index)


def zip_images(store: Store, tasks: Iterable[Task]) -> bytes:
    """Every cached image of `tasks`, tagged, plus `tasks.json` with each task's safe record, in one ZIP.

    Stored, not deflated: PNGs are compressed already.
    """
    out = io.BytesIO()
    records = []
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        for task in tasks:
            names = []
            for index, name in enumerate(task.images):
                path = store.image_path(task.task_id, name)
                if path.exists():
                    names.append(image_file_name(task, index))
                    archive.writestr(names[-1], tag_png(path.read_bytes(), task, index))
            records.append({**task_metadata(task), "state": task.state, **figure_fields(task), "images": names})
        manifest = {"exportedAt": iso_date(time.time()), "software": SOFTWARE, "tasks": records}
        archive.writestr(TASKS_JSON, json.dumps(manifest, indent=2, ensure_ascii=False).encode())
    return out.getvalue()


def figure_fields(task: Task) -> dict:
    """A task's figures as every view reads them (kie.figures): its state, size and cost in words, and the cost's
    number (None where nobody knows it; 0 for a failed task) and whether that is an estimate."""
    cost = figures.cost_of(task)
    return {"stateWords": figures.state_words(task), "size": figures.size_words(task.request),
            "cost": cost.words or figures.UNKNOWN, "costCredits": cost.credits, "costIsEstimate": cost.estimated}


def task_record(task: Task) -> dict:
    """What the JSON export says of a task: safe parameters, state, times, result URLs."""
    return {
        "taskId": task.task_id,
        "kind": task.kind,
        "model": task.model,
        "parentId": task.parent_id,
        "comparisonId": task.comparison_id,
        "state": task.state,
        "params": safe_parameters(task.request),
        "progress": task.progress,
        "resultUrls": task.result_urls,
        "errorCode": task.error_code,
        "errorMessage": task.error_message,
        "createdAt": iso_date(task.created_at),
        "completedAt": iso_date(task.completed_at),
        "favourite": task.favourite,
        **figure_fields(task),
        "localImages": [image_file_name(task, i) for i in range(len(task.images))],
    }


def history_json(tasks: Iterable[Task]) -> bytes:
    records = [task_record(t) for t in tasks]
    return json.dumps({"exportedAt": iso_date(time.time()), "tasks": records}, indent=2).encode()


# OWASP "CSV injection": a spreadsheet runs a cell starting with one of these as a formula (tab and carriage
# return too, as some spreadsheets strip them and then see the formula).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text: a string starting like a formula gets a leading apostrophe.

    Numbers stay numbers (a negative credit amount is not text a person typed)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(rows: Iterable[Any], columns: Sequence[str]) -> bytes:
    """Rows (dicts, or the store's typed rows) as a UTF-8 CSV with a header, every cell through `csv_cell`; columns
    not named are left out."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_cell(c) for c in columns])
    for row in rows:
        writer.writerow([csv_cell(row.get(c) if isinstance(row, Mapping) else getattr(row, c, None))
                         for c in columns])
    return out.getvalue().encode()
