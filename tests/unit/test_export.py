"""ZIP and JSON exports."""

from __future__ import annotations

import io
import json
import zipfile

from kie.export import history_json, image_file_name, view_zip_name, zip_images, zip_name
from kie.models import GenerateRequest, Task


def done_task(store, task_id, prompt, images=2):
    task = Task(task_id=task_id, kind="text", request=GenerateRequest(prompt=prompt), state="success",
                result_urls=[f"https://e.com/{task_id}/{i}.png" for i in range(images)], created_at=1764000000.0)
    task.images = [store.save_image(task_id, i, f"png {task_id} {i}".encode()) for i in range(images)]
    store.add(task)
    return task


def test_zip_holds_every_image_named_by_date_prompt_and_task(store):
    a = done_task(store, "task_aaaaaa", "A red fox!", 2)
    b = done_task(store, "task_bbbbbb", "blue whale", 1)
    archive = zipfile.ZipFile(io.BytesIO(zip_images(store, [a, b])))
    names = sorted(archive.namelist())
    assert len(names) == 3
    assert any(n.endswith("-a-red-fox-aaaaaa-1.png") for n in names)
    assert archive.read(image_file_name(b, 0)) == b"png task_bbbbbb 0"


def test_zip_skips_images_missing_from_the_cache(store):
    a = done_task(store, "task_cccccc", "gone", 2)
    store.image_path(a.task_id, a.images[1]).unlink()
    assert len(zipfile.ZipFile(io.BytesIO(zip_images(store, [a]))).namelist()) == 1


def test_zip_names():
    task = Task(task_id="t1", kind="text", request=GenerateRequest(prompt="Sunset / over: sea"), created_at=0)
    assert zip_name(task).endswith("-sunset-over-sea.zip")
    assert view_zip_name("red fox").endswith("-red-fox.zip") and view_zip_name("").endswith("-history.zip")


def test_json_export_has_parameters_states_times_and_urls_and_no_key(store):
    task = done_task(store, "task_dddddd", "export me")
    data = json.loads(history_json([task]))
    record = data["tasks"][0]
    assert record["taskId"] == "task_dddddd" and record["state"] == "success"
    assert record["params"]["prompt"] == "export me" and record["params"]["size"] == "1:1"
    assert record["resultUrls"] == task.result_urls and record["createdAt"].startswith("2025-11-24")
    assert "Bearer" not in json.dumps(data) and "key" not in json.dumps(data).lower()
