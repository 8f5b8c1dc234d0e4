"""The simulator's result images: a scene drawn from the prompt, a caption, and edits that honour the mask.

    render_result(params, index, fetch) -> PNG bytes at the size the task asked for
    render_scene(prompt, index, size)   -> the scene with its caption
    edit_composite(source, mask, prompt, index) -> the edit at the source's size, before the final resize
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from PIL import Image, ImageDraw, ImageFont, ImageOps, ImageStat, UnidentifiedImageError

from kie.images import RESULT_PIXELS
from kie.simulator.plan import TRIGGERS
from kie.simulator.scene import draw_scene

REFERENCE_WEIGHT = 0.5  # how much of the first reference shows through a variant's scene
MIN_CAPTION_SIZE = (200, 120)  # smaller pictures (a small edited area) get no caption


@lru_cache(maxsize=16)
def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # Pillow without FreeType: the small bitmap font
        return ImageFont.load_default()


def caption(picture: Image.Image, text: str, tag: str = "") -> Image.Image:
    """Write `text` (truncated to fit) and a short `tag` on a translucent band at the bottom, in place."""
    w, h = picture.size
    if w < MIN_CAPTION_SIZE[0] or h < MIN_CAPTION_SIZE[1]:
        return picture
    band = max(18, round(h * 0.042))
    font = _font(max(10, round(band * 0.52)))
    box = (0, h - band, w, h)
    picture.paste(Image.blend(picture.crop(box), Image.new("RGB", (w, band)), 0.5), box[:2])
    draw = ImageDraw.Draw(picture)
    pad = round(band * 0.45)
    tag_width = draw.textlength(tag, font=font) if tag else 0
    room = w - 2 * pad - (tag_width + pad if tag else 0)
    text = " ".join(TRIGGERS.sub(" ", text).split()) or "(no prompt)"
    if draw.textlength(text, font=font) > room:
        while text and draw.textlength(text + "…", font=font) > room:
            text = text[:-1]
        text = text.rstrip() + "…"
    middle = h - band / 2
    draw.text((pad, middle), text, fill=(245, 245, 245), font=font, anchor="lm")
    if tag:
        draw.text((w - pad, middle), tag, fill=(205, 205, 205), font=font, anchor="rm")
    return picture


def render_scene(prompt: str, index: int, size: tuple[int, int], tag: str = "") -> Image.Image:
    """The scene a prompt describes, with the prompt as a caption: deterministic per (prompt, index, size)."""
    return caption(draw_scene(prompt, index, size), prompt, tag)


def edit_composite(source: Image.Image, mask: Image.Image, prompt: str, index: int) -> Image.Image:
    """The edit at the source's size: the source where the mask is white, a new scene where it is black.

    The new scene fills the bounding box of the black area, so even a small area shows whole new content.
    """
    src = source.convert("RGB")
    keep = mask.convert("L")
    if keep.size != src.size:  # the provider requires equal sizes; be lenient rather than fail the task
        keep = keep.resize(src.size, Image.Resampling.NEAREST)
    keep = keep.point(lambda v: 255 if v >= 128 else 0)
    area = ImageOps.invert(keep).getbbox()
    if area is None:
        return src
    width, height = area[2] - area[0], area[3] - area[1]
    # Unless the prompt names a time of day, pick the one that stands out from what the mask covers.
    covered = ImageStat.Stat(src.convert("L"), mask=ImageOps.invert(keep)).mean[0]
    scene = draw_scene(prompt, index, (width, height), salt="edit", time="day" if covered < 110 else "night")
    fill = src.copy()
    fill.paste(caption(scene, prompt), area[:2])
    return Image.composite(src, fill, keep)


def _open(content: bytes | None) -> Image.Image | None:
    if content is None:
        return None
    try:
        image = Image.open(io.BytesIO(content))
        image.load()
        return image
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None


def render_result(params: dict[str, Any], index: int, fetch: Callable[[str], bytes | None]) -> bytes:
    """The PNG for result `index` of a task: a scene from the prompt; an edit repaints only the mask's black;
    with reference images (and no mask) the first reference is blended into the scene."""
    size = RESULT_PIXELS.get(params.get("size", "1:1"), (1024, 1024))
    prompt = params.get("prompt") or ""
    files = params.get("filesUrl") or ([params["fileUrl"]] if params.get("fileUrl") else [])
    count = params.get("nVariants", 1)
    tag = f"demo · {index + 1}/{count}"
    source = _open(fetch(files[0])) if files else None
    # The provider ignores the mask when there are several files.
    mask = _open(fetch(params["maskUrl"])) if params.get("maskUrl") and len(files) == 1 else None
    if source is not None and mask is not None:
        picture = edit_composite(source, mask, prompt, index).resize(size, Image.Resampling.BILINEAR)
    elif source is not None:
        scene = draw_scene(prompt, index, size)
        reference = ImageOps.fit(source.convert("RGB"), size, Image.Resampling.BILINEAR)
        picture = caption(Image.blend(scene, reference, REFERENCE_WEIGHT), prompt, tag)
    else:
        picture = render_scene(prompt, index, size, tag)
    out = io.BytesIO()
    picture.save(out, format="PNG", compress_level=1)
    return out.getvalue()

