"""Keep the unpainted area exactly: an edit's result laid over its source through the painted mask.

Only a model whose catalogue entry takes a mask (`takes_mask`; today GPT-4o) keeps the unpainted area itself. For the
other models an edit is "picture plus instructions", and the model may change any pixel. When the person asks to
keep the unpainted area, each result is scaled to the source's size and composited over the source: painted pixels
come from the result, unpainted ones are the source's own, and a soft edge (inside the painted area only) hides the
seam.

The mask is the studio's: black changes, white stays (`kie.masks.build_mask`). A task that wants this carries the
mask under `KEEP_MASK` in its inputs, beside its `source`.
"""

from __future__ import annotations

import io
import logging

from PIL import Image, ImageChops, ImageFilter
from PIL.PngImagePlugin import PngInfo

log = logging.getLogger(__name__)
KEEP_MASK = "keep_mask"  # the input role of a mask that is not sent but applied to the results
SOFT_EDGE = 8  # px of the source's size: the blend fades in over this width inside the painted area


def painted(mask: Image.Image) -> Image.Image:
    """The painted (black) area of a studio mask, as "L": 255 where the result goes, 0 where the source stays."""
    return mask.convert("L").point(lambda v: 255 if v < 128 else 0)


def soft_alpha(mask: Image.Image, edge: int = SOFT_EDGE) -> Image.Image:
    """How much of the result each pixel takes: 0 outside the painted area (exactly), rising to 255 inside it."""
    area = painted(mask)
    if edge <= 0:
        return area
    blurred = area.filter(ImageFilter.GaussianBlur(edge / 2))
    # The blur spills outside the painted area; the darker of the two keeps the outside at exactly 0.
    return ImageChops.darker(blurred, area)


def keep_unpainted(source: Image.Image, result: Image.Image, mask: Image.Image, edge: int = SOFT_EDGE) -> Image.Image:
    """The result over the source through the mask, at the source's size and in the result's colour mode."""
    mode = "RGBA" if "A" in result.getbands() or "A" in source.getbands() else "RGB"
    base = source.convert(mode)
    scaled = result.convert(mode).resize(base.size, Image.Resampling.LANCZOS)
    alpha = soft_alpha(mask.resize(base.size, Image.Resampling.NEAREST) if mask.size != base.size else mask, edge)
    return Image.composite(scaled, base, alpha)


def keep_unpainted_png(source: bytes, result: bytes, mask: bytes, edge: int = SOFT_EDGE) -> bytes:
    """`keep_unpainted` on encoded pictures; the answer is a PNG, keeping the result's text chunks when it has any."""
    with Image.open(io.BytesIO(source)) as src, Image.open(io.BytesIO(result)) as res, \
            Image.open(io.BytesIO(mask)) as msk:
        out = keep_unpainted(src, res, msk, edge)
        info = getattr(res, "text", None) or {}
    chunks = PngInfo()
    for key, value in info.items():
        chunks.add_text(key, str(value))
    buffer = io.BytesIO()
    out.save(buffer, format="PNG", pnginfo=chunks)
    return buffer.getvalue()


def for_task(inputs: dict[str, str], read_input, content: bytes) -> bytes:
    """A downloaded result of a task, composited when the task asks to keep the unpainted area; else unchanged.

    `inputs`: the task's cached input names by role; `read_input(name) -> bytes` reads one from the store.
    """
    mask_name, source_name = inputs.get(KEEP_MASK), inputs.get("source") or inputs.get("ref0")
    if not mask_name or not source_name:
        return content
    try:
        return keep_unpainted_png(read_input(source_name), content, read_input(mask_name))
    except (OSError, ValueError) as problem:  # an unreadable picture: the model's own result beats none at all
        log.warning("keeping the unpainted area failed (%s): the result is kept as the model made it", problem)
        return content
