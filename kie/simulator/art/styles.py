"""Each model's look, so a comparison shows visible differences: colour grading per shape, outlines, finishing.

    gpt-4o-image     warm, soft flat colours (the default look)
    gpt-image-2      crisp: saturated, high contrast, dark outlines round every shape
    nano-banana-pro  painterly: pastel colours, softened edges and a paper-like grain
    seedream-4.5     cinematic: teal shadows, orange lights, a vignette and a glow round the light

Any other model name (the Market's own names such as "seedream/4.5-text-to-image" included) is matched by
what it contains; an unknown one gets the default look.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageChops

from kie.simulator.art.pen import RGB, mix

DEFAULT_STYLE = "gpt-4o-image"


def _clamp(v: float) -> int:
    return 0 if v < 0 else 255 if v > 255 else round(v)


def _saturate(c: RGB, amount: float, contrast: float = 1.0) -> RGB:
    grey = (c[0] * 299 + c[1] * 587 + c[2] * 114) / 1000
    return tuple(_clamp(((grey + (v - grey) * amount) - 128) * contrast + 128) for v in c)  # type: ignore[return-value]


def warm(c: RGB) -> RGB:
    """GPT-4o Image: a little warmer and richer."""
    return mix(_saturate(c, 1.05), (255, 196, 140), 0.09)


def crisp(c: RGB) -> RGB:
    """GPT Image 2: more saturated, more contrast."""
    return _saturate(c, 1.3, 1.12)


def pastel(c: RGB) -> RGB:
    """Nano Banana Pro: softer, paler, towards warm paper."""
    return mix(_saturate(c, 0.7), (250, 238, 222), 0.24)


def cinematic(c: RGB) -> RGB:
    """Seedream 4.5: teal shadows, orange lights, more contrast."""
    grey = (c[0] * 299 + c[1] * 587 + c[2] * 114) / 1000 / 255
    graded = mix(c, (20, 70, 90), 0.35 * (1 - grey) ** 2)  # shadows to teal
    graded = mix(graded, (255, 170, 90), 0.22 * grey ** 2)  # lights to orange
    return _saturate(graded, 1.15, 1.3)


@dataclass(frozen=True)
class Look:
    """A model's look: the colour of every shape, an outline, and the finish over the whole picture."""

    name: str
    tone: Callable[[RGB], RGB]
    outline: RGB | None = None
    line: float = 0.0  # outline width, a share of the subject's height
    finish: str = "none"  # none, paint, film


LOOKS = {
    "gpt-4o-image": Look("gpt-4o-image", warm),
    "gpt-image-2": Look("gpt-image-2", crisp, outline=(26, 24, 34), line=0.014),
    "nano-banana-pro": Look("nano-banana-pro", pastel, finish="paint"),
    "seedream-4.5": Look("seedream-4.5", cinematic, finish="film"),
}


def look_for(model: str | None) -> Look:
    """The look of a catalogue model id or a Market model name; the default look for anything else."""
    name = (model or "").lower()
    if name in LOOKS:
        return LOOKS[name]
    for key, fragment in (("gpt-image-2", "gpt-image-2"), ("nano-banana-pro", "nano-banana"),
                          ("seedream-4.5", "seedream")):
        if fragment in name:
            return LOOKS[key]
    return LOOKS[DEFAULT_STYLE]


@lru_cache(maxsize=8)
def _grain(size: tuple[int, int]) -> Image.Image:
    """A soft blotchy texture to multiply with (255: no change), like paint on paper."""
    rng = random.Random(7)
    # Soft blotches only, stretched a little across like brush strokes: no pixel-level noise, which would make
    # the PNG several times larger and slower to write.
    blotches = Image.new("L", (40, 64))
    blotches.putdata([_clamp(244 + rng.gauss(0, 6)) for _ in range(40 * 64)])
    # In steps of 4: patches of even tone, like dabs of paint, which also keeps the PNG small.
    texture = blotches.resize(size, Image.Resampling.BICUBIC).point(lambda v: min(255, v // 4 * 4 + 2))
    paper = (0.99, 0.95, 0.88)  # warm paper: whites turn cream
    return Image.merge("RGB", [texture.point(lambda v, k=k: round(v * k)) for k in paper])


@lru_cache(maxsize=8)
def _vignette(size: tuple[int, int]) -> Image.Image:
    """Dark corners, light centre, as an RGB multiplier."""
    radial = Image.radial_gradient("L").resize((64, 64), Image.Resampling.BILINEAR)  # 0 centre .. 255 edge
    shade = radial.point(lambda v: _clamp(255 - max(0, v - 70) * 0.85))
    return Image.merge("RGB", [shade] * 3).resize(size, Image.Resampling.BILINEAR)


@lru_cache(maxsize=16)
def _glow(size: tuple[int, int], at: tuple[float, float], colour: RGB) -> Image.Image:
    """A warm glow round `at` (shares of the width and height), to be screened over the picture."""
    w, h = 64, max(8, round(64 * size[1] / size[0]))
    r = w * 3 // 4
    radial = Image.radial_gradient("L").resize((r * 2, r * 2), Image.Resampling.BILINEAR)
    mask = Image.new("L", (w, h), 255)
    mask.paste(radial, (round(at[0] * w) - r, round(at[1] * h) - r))
    strength = mask.point(lambda v: _clamp((255 - v) * 0.45))
    glow = Image.merge("RGB", [strength.point(lambda v, k=k: round(v * k / 255)) for k in colour])
    return glow.resize(size, Image.Resampling.BILINEAR)


def finish(image: Image.Image, look: Look, light: tuple[float, float] | None) -> Image.Image:
    """The model's finish over a whole picture: paint (soft edges, grain) or film (vignette, glow)."""
    if look.finish == "paint":  # drawn at half size and enlarged already: soft edges; add the grain
        return ImageChops.multiply(image, _grain(image.size))
    if look.finish == "film":
        graded = ImageChops.multiply(image, _vignette(image.size))
        if light is not None:
            graded = ImageChops.screen(graded, _glow(image.size, light, (255, 170, 90)))
        return graded
    return image
