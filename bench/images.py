"""Images: mask building, thumbnails, the ZIP of 100 images, the mask canvas's bounds (bench/mask_limits.py).

    python -m bench.images
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from PIL import Image, ImageDraw

from bench import mask_limits
from bench.common import median, table, timed
from kie.export import zip_images
from kie.masks import Drawing, build_mask, mask_png
from kie.models import GenerateRequest, Task
from kie.simulator import render_result
from kie.store import TaskStore
from kie.thumbnails import thumbnail_bytes

SIZES = [(1024, 1024), (1536, 1024), (4096, 4096)]


def _units(source: tuple[int, int]) -> tuple[int, int]:
    width = 620
    return width, round(width * source[1] / source[0])


def drawing(source: tuple[int, int], points: int = 2) -> Drawing:
    """What the mask canvas sends: six brush strokes 40 units wide and a rectangle, in canvas units."""
    width, height = _units(source)
    strokes = [{"tool": "brush", "width": 40,
                "points": [[40 + i * 80 + (80 - 10 * i) * k / (points - 1), 40 + (height - 80) * k / (points - 1)]
                           for k in range(points)]} for i in range(6)]
    strokes.append({"tool": "rect", "width": 1, "points": [[300, 100], [500, 220]]})
    return Drawing.from_json({"width": width, "height": height, "strokes": strokes})


def canvas_png(source: tuple[int, int]) -> bytes:
    """The same strokes as a canvas picture (what a raster canvas component sends): 620 px wide, translucent."""
    width, height = _units(source)
    canvas = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    for i in range(6):
        draw.line([(40 + i * 80, 40), (120 + i * 70, height - 40)], fill=(255, 30, 90, 115), width=40)
    draw.rectangle((300, 100, 500, 220), fill=(255, 30, 90, 115))
    out = io.BytesIO()
    canvas.save(out, format="PNG")
    return out.getvalue()


def ours(strokes: Drawing, size) -> bytes:
    return mask_png(build_mask(strokes, size))


def naive(png: bytes, size) -> bytes:
    """The obvious alternative: smooth scaling of the RGBA canvas picture, threshold, default PNG settings."""
    canvas = Image.open(io.BytesIO(png)).convert("RGBA").resize(size, Image.Resampling.BILINEAR)
    mask = canvas.getchannel("A").point(lambda a: 0 if a > 0 else 255)
    out = io.BytesIO()
    mask.save(out, format="PNG")
    return out.getvalue()


def mask_rows() -> list[list]:
    rows = []
    cases = [(f"{w}x{h}", (w, h), 2) for w, h in SIZES] + [("4096x4096, freehand (6 strokes of 400 points)",
                                                            (4096, 4096), 400)]
    for label, size, points in cases:
        strokes, png = drawing(size, points), canvas_png(size)
        a = median(timed(lambda strokes=strokes, size=size: ours(strokes, size))) * 1000
        b = median(timed(lambda png=png, size=size: naive(png, size))) * 1000
        rows.append([label, round(a, 1), round(b, 1), round(b / a, 2), f"{len(ours(strokes, size)) / 1024:.0f} KB"])
    return rows


def thumb_rows() -> list[list]:
    source = render_result({"prompt": "bench", "size": "3:2"}, 0, lambda url: None)

    def as_png():
        with Image.open(io.BytesIO(source)) as image:
            image.thumbnail((256, 256), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            image.save(out, format="PNG")
            return out.getvalue()

    ours_ms = median(timed(lambda: thumbnail_bytes(source, 256))) * 1000
    png_ms = median(timed(as_png)) * 1000
    return [["1536x1024 PNG → 256-px thumbnail", round(ours_ms, 1), round(png_ms, 1), round(png_ms / ours_ms, 2),
             f"{len(thumbnail_bytes(source, 256)) / 1024:.0f} KB vs {len(as_png()) / 1024:.0f} KB"]]


def zip_rows() -> list[list]:
    with tempfile.TemporaryDirectory() as tmp:
        store = TaskStore(Path(tmp), "demo")
        tasks = []
        for n in range(25):
            task = Task(task_id=f"task_zip_{n}", kind="text", request=GenerateRequest(prompt=f"zip {n}"),
                        state="success", result_urls=["u"] * 4)
            task.images = [store.save_image(task.task_id, i, render_result({"prompt": f"zip {n}", "nVariants": 4},
                                                                           i, lambda u: None)) for i in range(4)]
            tasks.append(task)
        stored = median(timed(lambda: zip_images(store, tasks), repeat=5)) * 1000

        def deflated():
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for task in tasks:
                    for i, name in enumerate(task.images):
                        archive.write(store.image_path(task.task_id, name), f"{task.task_id}-{i}.png")
            return out.getvalue()

        deflate = median(timed(deflated, repeat=5)) * 1000
        return [["100 images (1024x1024 PNG)", round(stored, 1), round(deflate, 1), round(deflate / stored, 2),
                 f"{len(zip_images(store, tasks)) / 2**20:.1f} MB vs {len(deflated()) / 2**20:.1f} MB"]]


def run() -> str:
    return "\n\n".join([
        "## Images",
        "Command: `python -m bench.images`. Median of 7 runs after a warm-up (5 for the ZIP).",
        "### Mask: the canvas's strokes (620 units wide) to the final mask PNG at the source's size. "
        "Target: 4096x4096 under 150 ms",
        table(["source", "ours: strokes drawn at source size (ms)", "canvas picture, smooth scale + default PNG (ms)",
               "ratio", "mask size"], mask_rows()),
        "### Thumbnail",
        table(["case", "ours: JPEG (ms)", "PNG thumbnail (ms)", "ratio", "size"], thumb_rows()),
        "### ZIP of 100 images",
        table(["case", "ours: stored (ms)", "deflated (ms)", "ratio", "size"], zip_rows()),
        mask_limits.run(),
    ])


if __name__ == "__main__":
    print(run())
