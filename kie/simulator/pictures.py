"""The simulator's result pictures: a flat-vector illustration of what the prompt names, edits that keep every
pixel outside the painted area, each model's own look, and the two Market tools.

    render_result(params, index, fetch) -> PNG bytes at the ratio the task asked for (text chunks say so)
    render_scene(prompt, index, size, tag="", *, style=None) -> the picture (no caption: the prompt goes into
        the PNG's text chunks, never onto the pixels)
    edit_composite(source, mask, prompt, index, *, style=None) -> the edit at the source's size
    upscale(content, factor) -> PNG bytes `factor` times larger
    remove_background(content) -> RGBA PNG bytes, the background transparent
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from PIL import Image, ImageFilter, ImageOps, PngImagePlugin, UnidentifiedImageError

from kie.images import RESULT_PIXELS
from kie.simulator.art.compose import compose
from kie.simulator.art.cutout import cutout
from kie.simulator.art.edit import edit
from kie.simulator.art.styles import DEFAULT_STYLE, look_for
from kie.simulator.art.vocab import INSTRUCTION_WORDS, TRIGGERS, not_drawn, words_of

LONG_SIDE = 1024  # Market pictures are drawn at most this large; the asked size is stated in the text chunks
MAX_UPSCALED_SIDE = 4096  # an upscale is drawn at most this large (4x of a 1K picture); the asked factor is stated
REFERENCE_WASH = 0.3  # how strongly a reference picture's colours wash over the drawn scene
SOFTWARE = "4o Image Studio simulator"
SIMULATED_NOTE = "Simulated picture (demo mode): drawn by the built-in simulator, not by a model."


def render_scene(prompt: str, index: int, size: tuple[int, int], tag: str = "", *, style: str | None = None
                 ) -> Image.Image:
    """The picture a prompt describes, variant `index`, in a model's look: deterministic per its inputs.

    `tag` is accepted for callers of the old captioned pictures and ignored: nothing is written on the pixels.
    """
    return compose(prompt, index, size, style=style).image


def edit_composite(source: Image.Image, mask: Image.Image, prompt: str, index: int, *, style: str | None = None
                   ) -> Image.Image:
    """The edit at the source's size: the source where the mask is white, what the prompt asks where it is black."""
    return edit(source, mask, prompt, index, style)


def _open(content: bytes | None) -> Image.Image | None:
    if content is None:
        return None
    try:
        image = Image.open(io.BytesIO(content))
        image.load()
        return image
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None


def ratio_of(text: str | None, source: Image.Image | None = None) -> float | None:
    """Width / height of an aspect ratio such as "16:9"; "auto" follows the source picture (else None)."""
    try:
        w, h = (float(x) for x in str(text).split(":"))
        return w / h if w > 0 and h > 0 else None
    except ValueError:
        return source.width / source.height if source is not None and str(text) == "auto" else None


def drawn_size(params: dict[str, Any], source: Image.Image | None = None) -> tuple[tuple[int, int], str]:
    """The pixels to draw for a task and the size it asked for, in words for the text chunks.

    A Market task's `aspect_ratio` (with `resolution` or `quality`) is drawn with its long side LONG_SIDE; a
    4o task's `size` keeps the 4o API's own pixels.
    """
    if "aspect_ratio" in params:
        asked = str(params.get("aspect_ratio"))
        ratio = ratio_of(asked, source) or 1.0
        size = (LONG_SIDE, max(8, round(LONG_SIDE / ratio))) if ratio >= 1 else (max(8, round(LONG_SIDE * ratio)),
                                                                                  LONG_SIDE)
        extra = params.get("resolution") or params.get("quality")
        return size, f"{asked}{f' · {extra}' if extra else ''}"
    asked = params.get("size", "1:1")
    size = RESULT_PIXELS.get(asked, RESULT_PIXELS["1:1"])
    return size, f"{asked} ({size[0]}x{size[1]})"


def is_instruction(prompt: str) -> bool:
    """Whether a prompt reads as a change to a picture ("add a moon", "make it a dog") rather than a new one."""
    return bool(set(words_of(prompt)) & INSTRUCTION_WORDS)


def _png(picture: Image.Image, texts: dict[str, str]) -> bytes:
    info = PngImagePlugin.PngInfo()
    for key, value in texts.items():
        info.add_itxt(key, value)
    out = io.BytesIO()
    picture.save(out, format="PNG", compress_level=1, pnginfo=info)
    return out.getvalue()


def render_result(params: dict[str, Any], index: int, fetch: Callable[[str], bytes | None]) -> bytes:
    """The PNG for result `index` of a task, in the look of `params["model"]`.

    With a source and a mask (4o), only the mask's black area is repainted. With a picture and an instruction
    ("add a moon") the picture comes back with the change drawn; with a reference and a plain prompt the scene
    is drawn and the reference's colours wash over it. The PNG's text chunks hold the prompt, "simulated", the
    model's look, the asked size, the drawn size and what the picture leaves out ("Not drawn").
    """
    prompt = params.get("prompt") or ""
    style = params.get("model") or DEFAULT_STYLE
    files = (params.get("filesUrl") or ([params["fileUrl"]] if params.get("fileUrl") else [])
             or params.get("input_urls") or params.get("image_input") or params.get("image_urls") or [])
    source = _open(fetch(files[0])) if files else None
    # The provider ignores the mask when there are several files.
    mask = _open(fetch(params["maskUrl"])) if params.get("maskUrl") and len(files) == 1 else None
    size, asked = drawn_size(params, source)
    if source is not None and mask is not None:
        picture = edit_composite(source, mask, prompt, index, style=style)
        if picture.size != size:
            picture = picture.resize(size, Image.Resampling.BILINEAR)
    elif source is not None and is_instruction(prompt):
        base = ImageOps.fit(source.convert("RGB"), size, Image.Resampling.BILINEAR)
        area = Image.new("L", size, 255)
        w, h = size  # an instruction without a mask: the change goes in the middle of the picture
        area.paste(0, (round(w * 0.2), round(h * 0.2), round(w * 0.8), round(h * 0.92)))
        picture = edit_composite(base, area, prompt, index, style=style)
    elif source is not None:
        scene = render_scene(prompt, index, size, style=style)
        wash = ImageOps.fit(source.convert("RGB"), (32, 32), Image.Resampling.BOX).resize(size,
                                                                                          Image.Resampling.BILINEAR)
        picture = Image.blend(scene, wash, REFERENCE_WASH)
    else:
        picture = render_scene(prompt, index, size, style=style)
    clean = " ".join(TRIGGERS.sub(" ", prompt).split())
    count = params.get("nVariants", 1)
    texts = {
        "Title": clean[:100] or "(no prompt)", "Description": clean, "Software": SOFTWARE,
        "Simulated": "true", "Comment": SIMULATED_NOTE,
        "Model look": look_for(style).name, "Requested size": asked, "Drawn size": f"{size[0]}x{size[1]}",
        "Variant": f"{index + 1}/{count}",
    }
    missing = not_drawn(prompt) if source is None else []
    if missing:  # what the picture leaves out, in the prompt's words (the card says so too)
        texts["Not drawn"] = ", ".join(missing)
    return _png(picture, texts)


def upscale(content: bytes, factor: int) -> bytes:
    """The picture resized `factor` times (at most MAX_UPSCALED_SIDE on its long side), sharpened a little, as PNG."""
    image = _open(content)
    if image is None:
        raise ValueError("the picture to upscale could not be read")
    factor = max(1, int(factor))
    scale = min(float(factor), MAX_UPSCALED_SIDE / max(image.size))
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    mode = "RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB"
    bigger = image.convert(mode).resize(size, Image.Resampling.BICUBIC)
    if scale > 1:
        bigger = bigger.filter(ImageFilter.UnsharpMask(radius=2, percent=50, threshold=3))
    return _png(bigger, {"Software": SOFTWARE, "Simulated": "true", "Requested factor": str(factor),
                         "Drawn size": f"{size[0]}x{size[1]}"})


def remove_background(content: bytes) -> bytes:
    """The picture as RGBA PNG, its background (the smooth area reached from the borders) transparent."""
    image = _open(content)
    if image is None:
        raise ValueError("the picture could not be read")
    return _png(cutout(image.convert("RGB")), {"Software": SOFTWARE, "Simulated": "true"})
