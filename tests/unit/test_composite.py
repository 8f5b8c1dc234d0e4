"""Keeping the unpainted area exactly: the result over the source through the painted mask."""

from __future__ import annotations

import io

from PIL import Image, ImageChops

from kie.composite import KEEP_MASK, for_task, keep_unpainted, keep_unpainted_png, soft_alpha
from kie.models import GenerateRequest


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _noise(size, seed):
    return Image.effect_noise(size, 60 + seed).convert("RGB")


def _mask(size, box):
    """A studio mask: white stays, the box painted black."""
    mask = Image.new("L", size, 255)
    mask.paste(0, box)
    return mask


def test_outside_the_painted_area_is_the_source_exactly():
    source = _noise((300, 200), 1)
    result = Image.new("RGB", (1024, 1024), (250, 10, 10))  # another size: scaled to the source's first
    mask = _mask((300, 200), (100, 50, 200, 150))
    out = keep_unpainted(source, result, mask)
    assert out.size == source.size
    inside = Image.new("L", out.size, 0)
    inside.paste(255, (100, 50, 200, 150))
    outside = ImageChops.invert(inside)
    differs = ImageChops.difference(out, source).convert("L").point(lambda v: 255 if v else 0)
    assert ImageChops.multiply(differs, outside).getbbox() is None  # not one pixel outside changed
    assert out.getpixel((150, 100)) == (250, 10, 10)  # the middle of the painted area is the result's
    edge = out.getpixel((101, 100))
    assert edge != (250, 10, 10) and edge != source.getpixel((101, 100))  # a soft edge, inside the area


def test_soft_alpha_never_leaks_outside():
    alpha = soft_alpha(_mask((64, 64), (20, 20, 40, 40)), edge=12)
    assert alpha.getpixel((19, 30)) == 0 and alpha.getpixel((41, 30)) == 0
    assert alpha.getpixel((30, 30)) > 200


def test_transparent_results_stay_transparent_where_painted():
    source = Image.new("RGB", (50, 50), (0, 0, 255))
    result = Image.new("RGBA", (50, 50), (0, 0, 0, 0))
    out = keep_unpainted(source, result, _mask((50, 50), (0, 0, 25, 50)), edge=0)
    assert out.mode == "RGBA" and out.getpixel((10, 10))[3] == 0 and out.getpixel((40, 10)) == (0, 0, 255, 255)


def test_for_task_composites_only_tasks_that_ask():
    source, result = _noise((40, 40), 2), Image.new("RGB", (80, 80), (0, 255, 0))
    files = {"s": _png(source), "m": _png(_mask((40, 40), (0, 0, 20, 40)))}
    content = _png(result)
    assert for_task({"source": "s"}, files.__getitem__, content) == content
    out = Image.open(io.BytesIO(for_task({"source": "s", KEEP_MASK: "m"}, files.__getitem__, content)))
    assert out.size == (40, 40) and out.getpixel((39, 0)) == source.getpixel((39, 0))
    assert out.getpixel((5, 20)) == (0, 255, 0)


def test_png_text_chunks_of_the_result_are_kept():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("prompt", "a moon")
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, format="PNG", pnginfo=info)
    out = keep_unpainted_png(_png(_noise((20, 20), 3)), buffer.getvalue(), _png(_mask((20, 20), (0, 0, 10, 10))))
    assert Image.open(io.BytesIO(out)).text["prompt"] == "a moon"


def test_the_studio_keeps_the_mask_local_and_composites_each_downloaded_result(client, store, sim_server):
    """A no-mask model's edit through the real workspace and simulator: the mask is never uploaded or sent, and the
    cached result equals the source outside the painted area, pixel for pixel."""
    from dataclasses import replace

    from kie.workspace import InputFile, Workspace
    from tests.conftest import sim_requests
    from tests.unit.test_studio import FAST, follow

    workspace = Workspace(client, store, policy=replace(FAST, expected_wait_cap=0.3, overdue_interval=0.2,
                                                        overdue_growth=0.0))
    source = _noise((240, 160), 4)
    box = (60, 40, 180, 120)
    task = workspace.submit(GenerateRequest.build("seedream-4.5", "a yellow moon", {}),
                            [InputFile("source", _png(source)), InputFile(KEEP_MASK, _png(_mask((240, 160), box)))])
    assert set(task.inputs) == {"source", KEEP_MASK} and len(task.request.files_url) == 1
    assert len(sim_requests(sim_server.url, "upload")) == 1  # the picture only, not the mask
    done = follow(workspace, task.task_id)
    with Image.open(store.image_path(done.task_id, done.images[0])) as made:
        result = made.convert("RGB")
    assert result.size == source.size
    outside = Image.new("L", source.size, 255)
    outside.paste(0, box)
    differs = ImageChops.difference(result, source).convert("L").point(lambda v: 255 if v else 0)
    assert ImageChops.multiply(differs, outside).getbbox() is None
    assert differs.crop((80, 60, 160, 100)).getbbox() is not None  # the painted area is the model's
