"""Small copies of stored pictures (kie/thumbnails.py): every bad file is a sentence, a large one costs bounded
memory, and nothing is decoded beyond the pixel cap."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PIL import Image

from kie import thumbnails
from kie.thumbnails import Unshowable, size_of, small_copy, thumbnail_bytes
from tests.fixtures import pictures
from tests.fixtures.bad_files import BAD_FILES, bomb_png

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _fresh_memory():
    thumbnails.forget()
    yield
    thumbnails.forget()


def stored(tmp_path: Path, kind: str) -> Path:
    content = BAD_FILES[kind][0]()
    path = tmp_path / f"{kind}.png"
    if content is not None:
        path.write_bytes(content)
    return path


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_every_bad_stored_file_is_a_sentence_not_an_error(tmp_path, kind):
    path = stored(tmp_path, kind)
    with pytest.raises(Unshowable) as refused:
        small_copy(path, 256)
    words = BAD_FILES[kind][1]
    assert words in refused.value.sentence
    assert str(tmp_path) not in refused.value.sentence and "Traceback" not in refused.value.sentence
    if kind != "missing":
        assert refused.value.sentence.startswith("This picture cannot be shown: ")


@pytest.mark.parametrize("kind", [k for k in BAD_FILES if k != "missing"])
def test_bad_content_given_as_bytes_is_refused_the_same_way(kind):
    with pytest.raises(Unshowable) as refused:
        thumbnail_bytes(BAD_FILES[kind][0](), 256)
    assert BAD_FILES[kind][1] in refused.value.sentence


def test_the_pixel_cap_is_read_from_the_header(tmp_path):
    path = tmp_path / "big.png"
    path.write_bytes(bomb_png(12_000, 12_000))
    with pytest.raises(Unshowable) as refused:
        size_of(path)
    assert "12000×12000 pixels (144 MP)" in refused.value.sentence and "40 MP" in refused.value.sentence
    assert size_of(path, max_pixels=200_000_000) == (12_000, 12_000)  # a configured cap is obeyed


def test_formats_whose_decoders_run_other_programs_are_never_opened():
    eps = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n"
    for content in (eps, pictures.animated_gif(), pictures.svg()):
        with pytest.raises(Unshowable, match="damaged or not a picture"):
            thumbnail_bytes(content, 64)


def test_a_good_picture_makes_a_small_jpeg_and_a_transparent_one_a_png(tmp_path):
    path = tmp_path / "0.png"
    path.write_bytes(pictures.png((1536, 1024)))
    with Image.open(io.BytesIO(small_copy(path, 256))) as thumb:
        assert (thumb.format, thumb.size) == ("JPEG", (256, 171))
    with Image.open(io.BytesIO(thumbnail_bytes(pictures.palette_png_with_transparency((300, 200)), 100))) as thumb:
        assert thumb.format == "PNG" and thumb.mode == "RGBA" and thumb.size == (100, 67)
    with Image.open(io.BytesIO(thumbnail_bytes(pictures.sixteen_bit_png(), 20))) as thumb:
        assert thumb.mode == "L" and thumb.getpixel((0, 0)) == 40000 // 257  # grey, not clipped to white


def test_a_thumbnail_is_upright(tmp_path):
    with Image.open(io.BytesIO(thumbnail_bytes(pictures.jpeg((80, 40), exif_orientation=6), 64))) as thumb:
        assert thumb.size == (32, 64)  # turned a quarter, as the EXIF tag says


def test_a_file_that_cannot_be_shown_is_remembered_until_it_changes(tmp_path, monkeypatch):
    path = stored(tmp_path, "html")
    with pytest.raises(Unshowable):
        small_copy(path, 256)
    opened = []
    monkeypatch.setattr(thumbnails.Image, "open", lambda *a, **k: opened.append(a) or Image.new("RGB", (1, 1)))
    with pytest.raises(Unshowable):
        small_copy(path, 512)  # refused from memory: the file is not read again
    assert opened == []
    monkeypatch.undo()
    path.write_bytes(pictures.png((40, 30)))  # replaced by a picture: made at once
    assert small_copy(path, 256)[:3] == b"\xff\xd8\xff"


def test_a_folder_where_the_file_should_be_is_a_sentence(tmp_path):
    (tmp_path / "0.png").mkdir()
    with pytest.raises(Unshowable, match="damaged or not a picture"):
        small_copy(tmp_path / "0.png", 64)


def test_a_missing_file_is_not_remembered(tmp_path):
    path = tmp_path / "later.png"
    with pytest.raises(Unshowable, match="no longer in the local cache"):
        small_copy(path, 64)
    path.write_bytes(pictures.png())
    assert small_copy(path, 64)


# -- memory: measured on the process's peak resident size, which sees Pillow's own buffers (tracemalloc does not:
# Pillow allocates image memory outside Python's allocator, so a whole decode would not show there) ------------

PEAK_PROBE = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from kie.thumbnails import Unshowable, small_copy

    def peak_mb():
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM"):
                return int(line.split()[1]) / 1024

    results = {}
    for name, size in json.loads(sys.argv[1]):
        path = Path(name)
        small_copy(Path(sys.argv[2]), 64)  # warm: plugins imported, allocator settled
        open("/proc/self/clear_refs", "w").write("5")  # the peak starts again from what is in use now
        before = peak_mb()
        try:
            made = len(small_copy(path, size))
        except Unshowable as refused:
            made = refused.sentence
        results[path.name] = {"rise_mb": peak_mb() - before, "made": made}
    print(json.dumps(results))
""")

WHOLE_DECODE_PROBE = textwrap.dedent("""
    import sys
    from PIL import Image
    open("/proc/self/clear_refs", "w").write("5")
    before = [int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")][0]
    with Image.open(sys.argv[1]) as image:
        image.load()
    after = [int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")][0]
    print((after - before) / 1024)
""")


def _peaks(files: list[tuple[Path, int]], warm: Path) -> dict:
    args = json.dumps([[str(path), size] for path, size in files])
    done = subprocess.run([sys.executable, "-c", PEAK_PROBE, args, str(warm)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=True)
    return json.loads(done.stdout)


def test_the_memory_probe_sees_a_whole_decode(tmp_path):
    """The measurement below can fail: decoding a 16-MP PNG whole raises the peak by its 64 MB of pixels."""
    path = tmp_path / "whole.png"
    path.write_bytes(bomb_png(4000, 4000))
    done = subprocess.run([sys.executable, "-c", WHOLE_DECODE_PROBE, str(path)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=True)
    assert float(done.stdout) > 55


def test_large_pictures_cost_bounded_memory(tmp_path):
    """A 144-MP PNG (576 MB decoded) is refused from its header; a 400-MP one too; a 36-MP JPEG is decoded at a
    quarter of its width (a whole decode would take 144 MB)."""
    warm = tmp_path / "warm.png"
    warm.write_bytes(pictures.png((64, 64)))
    bomb144, bomb400, photo = tmp_path / "bomb144.png", tmp_path / "bomb400.png", tmp_path / "photo.jpg"
    bomb144.write_bytes(bomb_png(12_000, 12_000))
    bomb400.write_bytes(bomb_png(20_000, 20_000))
    Image.new("RGB", (6000, 6000), (90, 140, 200)).save(photo, format="JPEG", quality=85)
    peaks = _peaks([(bomb144, 1024), (bomb400, 1024), (photo, 1024)], warm)
    assert "too large to show safely" in peaks["bomb144.png"]["made"]
    assert "too many pixels" in peaks["bomb400.png"]["made"]
    assert isinstance(peaks["photo.jpg"]["made"], int)
    assert peaks["bomb144.png"]["rise_mb"] < 20 and peaks["bomb400.png"]["rise_mb"] < 20
    assert peaks["photo.jpg"]["rise_mb"] < 40, peaks
