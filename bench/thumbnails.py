"""Thumbnails of large stored results: the first view (the small copy made and kept) against later views (the kept
copy read), and what the first view costs in time and peak memory; the old thumbnail code's first view beside it.

    python -m bench.thumbnails

Each case runs in a fresh process, so its peak resident memory is its own (read from /proc/self/status after
resetting the peak; tracemalloc would not see Pillow's pixel buffers). The card's size is asked for (1024 px), as
a History tile's viewer copy and every card do.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from bench.common import ROOT, table
from kie.simulator import render_result
from tests.fixtures.bad_files import HTML, bomb_png

SIZE = 1024
FIRST_REPEAT = 3
LATER_REPEAT = 7

PROBE = r"""
import json, statistics, sys, time
from pathlib import Path

def peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1]) / 1024

path, size, way = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
from components.thumbs import thumbnail
from kie import images, thumbnails
from kie.models import GenerateRequest, Task
from kie.store import TaskStore

store = TaskStore(Path(sys.argv[4]), "bench")
task = Task(task_id="task_bench_large", kind="text", request=GenerateRequest(prompt="large"), state="success")
store.add(task)
task.images = [store.save_image(task.task_id, 0, path.read_bytes())]
del task  # the read above is not the views' cost
task = store.get("task_bench_large")
warm = Path(sys.argv[4]) / "warm.png"
warm.write_bytes(__import__("tests.fixtures.pictures", fromlist=["png"]).png((64, 64)))
thumbnails.thumbnail_bytes(warm, 64)

def view():
    if way == "old":  # the code before kie/thumbnails.py: the whole file read, then Pillow's thumbnail
        try:
            return images.thumbnail_jpeg(store.image_path(task.task_id, "0.png").read_bytes(), size)
        except Exception as error:
            return type(error).__name__
    return thumbnail(store, task, "0.png", size)

def first():
    for f in (store.thumbs_dir / task.task_id).glob("*"):
        f.unlink()
    thumbnails.forget()
    start = time.perf_counter()
    answer = view()
    return time.perf_counter() - start, answer

open("/proc/self/clear_refs", "w").write("5")
before = peak_mb()
seconds, answer = first()
rise = peak_mb() - before
firsts = [seconds] + [first()[0] for _ in range(int(sys.argv[5]) - 1)]
laters = []
if way == "new":
    view()
    for _ in range(int(sys.argv[6])):
        start = time.perf_counter()
        view()
        laters.append(time.perf_counter() - start)
shown = answer.sentence if isinstance(answer, thumbnails.Unshowable) else (
    answer if isinstance(answer, str) else "shown")
print(json.dumps({"first_ms": statistics.median(firsts) * 1000, "later_ms": statistics.median(laters) * 1000
                  if laters else None, "rise_mb": rise, "answer": shown}))
"""


def _photo(width: int, height: int, fmt: str) -> bytes:
    """A simulator picture scaled up to `width` x `height` (flat drawn areas and soft edges: small files, but every
    pixel is decoded all the same)."""
    small = Image.open(io.BytesIO(render_result({"prompt": "bench a large result", "size": "1:1"}, 0,
                                                lambda url: None))).convert("RGB")
    out = io.BytesIO()
    small.resize((width, height), Image.Resampling.BICUBIC).save(out, format=fmt, **(
        {"compress_level": 1} if fmt == "PNG" else {"quality": 90}))
    return out.getvalue()


CASES = [
    ("1536x1024 PNG (a usual result)", lambda: render_result({"prompt": "bench", "size": "3:2"}, 0, lambda u: None)),
    ("6000x6000 PNG (36 MP, under the cap)", lambda: _photo(6000, 6000, "PNG")),
    ("6000x6000 JPEG (36 MP)", lambda: _photo(6000, 6000, "JPEG")),
    ("12000x12000 PNG bomb (144 MP)", lambda: bomb_png(12_000, 12_000)),
    ("20000x20000 PNG bomb (400 MP)", lambda: bomb_png(20_000, 20_000)),
    ("an HTML page saved as 0.png", lambda: HTML),
]


def _probe(path: Path, way: str, work: Path) -> dict:
    data = work / f"data-{way}"
    data.mkdir(exist_ok=True)
    done = subprocess.run([sys.executable, "-c", PROBE, str(path), str(SIZE), way, str(data), str(FIRST_REPEAT),
                           str(LATER_REPEAT)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    if done.returncode:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def _outcome(answer: str) -> str:
    if answer == "shown":
        return "thumbnail made"
    if answer.startswith("This picture cannot be shown: "):
        return "refused: " + answer.removeprefix("This picture cannot be shown: ").rstrip(".")
    return f"error: {answer}"


def _bytes(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n / 1024:.0f} KB"


def rows() -> list[list]:
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for label, make in CASES:
            path = work / "stored.bin"
            path.write_bytes(make())
            new, old = _probe(path, "new", work), _probe(path, "old", work)
            out.append([label, _bytes(path.stat().st_size), _outcome(new["answer"]),
                        round(new["first_ms"], 1), round(new["rise_mb"]), round(new["later_ms"], 2),
                        round(old["first_ms"], 1), round(old["rise_mb"]), _outcome(old["answer"])])
    return out


def run() -> str:
    return "\n\n".join([
        "## Thumbnails of large stored results",
        f"Command: `python -m bench.thumbnails`. The card's {SIZE}-px copy of a stored result, each case in a fresh "
        f"process. First view: no kept copy (made, then kept through the store), median of {FIRST_REPEAT}; later "
        f"views: the kept copy found, median of {LATER_REPEAT}. Peak memory: the rise of the process's peak resident "
        "size over the first view. Old code: `kie.images.thumbnail_jpeg` over the file's bytes, as the cards did "
        f"(it kept its copy too, so it paid this on a first view). Load average at the start: "
        f"{os.getloadavg()[0]:.1f}.",
        table(["stored file", "file size", "now", "first view (ms)", "first view peak (MB)", "later views (ms)",
               "old code: first view (ms)", "old code: peak (MB)", "old code"], rows()),
    ])


if __name__ == "__main__":
    print(run())
