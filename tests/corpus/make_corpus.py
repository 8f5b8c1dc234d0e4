"""Write the corpus of bad (and odd but valid) picture files that the tests upload.

    python -m tests.corpus.make_corpus [FOLDER]      (default: tests/corpus/files)

Made here with Pillow and a few bytes by hand, never downloaded. EXPECTED maps each file to what
the app must do with it: "accept", or a phrase its refusal message must contain.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tests.fixtures import pictures

HERE = Path(__file__).resolve().parent

EXPECTED = {
    "zero-bytes.png": "empty",
    "truncated.png": "damaged or cut off",
    "truncated.jpg": "damaged or cut off",
    "text-named.png": "not a picture",
    "drawing.svg": "SVG",
    "animated.gif": "GIF",
    "photo.heic": "HEIC",
    "cmyk.jpg": "accept",
    "sixteen-bit.png": "accept",
    "palette-transparent.png": "accept",
    "exif-rotated.jpg": "accept",
    "thirty-mb.png": "25",
    "bomb.png": "pixels",
    "ten-thousand-square.png": "10000x10000",
}


def make(folder: Path = HERE / "files") -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    contents = {
        "zero-bytes.png": b"",
        "truncated.png": pictures.png((400, 300))[:120],
        "truncated.jpg": pictures.jpeg((400, 300))[:400],
        "text-named.png": b"This is a text file wearing a .png name.\n" * 10,
        "drawing.svg": pictures.svg(),
        "animated.gif": pictures.animated_gif(),
        "photo.heic": pictures.heic_header(),
        "cmyk.jpg": pictures.jpeg((300, 200), mode="CMYK", colour=(0, 80, 80, 0)),
        "sixteen-bit.png": pictures.sixteen_bit_png((300, 200)),
        "palette-transparent.png": pictures.palette_png_with_transparency((300, 200)),
        "exif-rotated.jpg": pictures.jpeg((300, 200), exif_orientation=6),
        "bomb.png": pictures.decompression_bomb(),
        "ten-thousand-square.png": pictures.huge_dimensions_png(),
    }
    paths = {}
    for name, content in contents.items():
        paths[name] = folder / name
        paths[name].write_bytes(content)
    big = folder / "thirty-mb.png"
    if not big.exists() or big.stat().st_size != 30 * 1024 * 1024:
        big.write_bytes(pictures.png((64, 64)) + os.urandom(30 * 1024 * 1024 - len(pictures.png((64, 64)))))
    paths["thirty-mb.png"] = big
    assert set(paths) == set(EXPECTED)
    return paths


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "files"
    for name, path in make(target).items():
        print(f"{path}  {path.stat().st_size:>10,} bytes  -> {EXPECTED[name]}")
