"""What a Showcase slide, a card or a tile pays to know whether its picture has transparency (issue 26's checkerboard
only behind see-through pictures): the first answer for a large stored picture, and every later one (remembered per
file by kie.picture_facts).

    python -m bench.picture_facts
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from PIL import Image

from kie import picture_facts

SIDE = 4096  # 16.8 MP: an upscale 4x of a 1K result
REPEATS = 2000


def _pictures(folder: Path) -> dict[str, Path]:
    cut = Image.new("RGBA", (SIDE, SIDE), (10, 200, 30, 255))
    cut.putpixel((SIDE - 9, SIDE - 9), (0, 0, 0, 0))  # one see-through pixel, at the far end
    opaque_rgba = Image.new("RGBA", (SIDE, SIDE), (10, 200, 30, 255))
    paths = {"RGBA, one see-through pixel": folder / "cut.png", "RGBA, all opaque": folder / "opaque-rgba.png",
             "RGB": folder / "rgb.png", "JPEG": folder / "photo.jpg"}
    cut.save(paths["RGBA, one see-through pixel"], compress_level=1)
    opaque_rgba.save(paths["RGBA, all opaque"], compress_level=1)
    Image.new("RGB", (SIDE, SIDE), (10, 200, 30)).save(paths["RGB"], compress_level=1)
    Image.new("RGB", (SIDE, SIDE), (10, 200, 30)).save(paths["JPEG"], quality=85)
    return paths


def measure() -> list[tuple[str, bool, float, float]]:
    """(picture, answer, first answer in ms, a remembered answer in µs) per kind of picture."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name, path in _pictures(Path(folder)).items():
            firsts = []
            for _ in range(3):
                picture_facts.forget()
                start = time.perf_counter()
                answer = picture_facts.has_transparency(path)
                firsts.append(time.perf_counter() - start)
            start = time.perf_counter()
            for _ in range(REPEATS):
                picture_facts.has_transparency(path)
            rows.append((name, answer, statistics.median(firsts) * 1000,
                         (time.perf_counter() - start) / REPEATS * 1e6))
    return rows


def report(rows: list[tuple[str, bool, float, float]]) -> str:
    lines = [f"Transparency of a {SIDE}x{SIDE} stored picture (load average {os.getloadavg()[0]:.1f}):", "",
             "| picture | see-through | first answer | later answers (remembered) |", "| --- | --- | --- | --- |"]
    lines += [f"| {name} | {'yes' if answer else 'no'} | {first:.1f} ms | {again:.0f} µs |"
              for name, answer, first, again in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(measure()))
