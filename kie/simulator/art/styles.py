"""Each model's look, so a comparison shows different pictures, not one picture under four filters.

A look sets the composition (how close the camera is: a close-up, a medium shot, a wide view with the horizon, an
isometric diorama, a flat poster, a view through an arch, a tilted camera), the palette (a colour grade for every
shape), the line (outlines and their weight, flat or shaded shapes) and the detail (grass, wood grain, floorboards,
distant hills, clouds, a halftone sky) and a finish over the whole picture (paint grain, a film vignette and glow, a
soft focus behind the subject).

    gpt-4o-image      storybook: warm, soft highlights, a medium shot (the default look)
    gpt-image-2       crisp close-up: saturated, bold outlines, cel shading, the background softly out of focus
    nano-banana-pro   wide painterly: pastel, no outlines, a wide view with distant hills and clouds, paper grain
    nano-banana       sticker: flat bright colours, thick outlines, a flat poster sky with a big disc
    seedream-4.5      cinematic: teal shadows, orange light, a low horizon, a vignette and glow
    seedream-4.0      comic: a tilted camera, punchy primaries, inked outlines, cel shading, a halftone-dot sky
    midjourney        dramatic: deep moody colours, a low camera under a big sky, a strong vignette, a violet glow
    flux              photographic (Flux 2): natural colours, the subject on a third, a shallow depth of field
    flux-kontext      editorial: the scene through a stone arch in a plaster wall, muted warm colours, fine lines
    imagen            bright and clear: natural colours, a high camera looking down on a wide ground
    qwen              isometric: the scene on a floating diorama tile, flat shapes, clean outlines

`look_for(model)` finds the look of a catalogue id ("gpt-image-2"), a Market model name ("seedream/4.5-edit",
"bytedance/seedream-v4-edit", "google/imagen4") or a family ("flux-2-pro" is flux, "flux-kontext-max" flux-kontext);
any other model gets the default look. A new model is one entry in LOOKS (or one in FAMILIES when its name contains a
known family's).
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
    """Storybook: a little warmer and richer."""
    return mix(_saturate(c, 1.05), (255, 196, 140), 0.09)


def crisp(c: RGB) -> RGB:
    """Crisp: more saturated, more contrast."""
    return _saturate(c, 1.3, 1.12)


def pastel(c: RGB) -> RGB:
    """Painterly: softer, paler, towards warm paper."""
    return mix(_saturate(c, 0.7), (250, 238, 222), 0.24)


def cinematic(c: RGB) -> RGB:
    """Cinematic: teal shadows, orange lights, more contrast."""
    grey = (c[0] * 299 + c[1] * 587 + c[2] * 114) / 1000 / 255
    graded = mix(c, (20, 70, 90), 0.35 * (1 - grey) ** 2)  # shadows to teal
    graded = mix(graded, (255, 170, 90), 0.22 * grey ** 2)  # lights to orange
    return _saturate(graded, 1.15, 1.3)


def sticker(c: RGB) -> RGB:
    """Sticker: bright flat colours, posterised to a few steps."""
    c = _saturate(c, 1.35, 1.05)
    return tuple(min(255, v // 40 * 40 + 24) for v in c)  # type: ignore[return-value]


def moody(c: RGB) -> RGB:
    """Dramatic: deep, rich, a little violet in the shadows."""
    grey = (c[0] * 299 + c[1] * 587 + c[2] * 114) / 1000 / 255
    graded = mix(c, (40, 20, 70), 0.3 * (1 - grey))
    return _saturate(graded, 1.25, 1.2)


def natural(c: RGB) -> RGB:
    """Photographic: true colours, a touch less saturated, a cool tint."""
    return mix(_saturate(c, 0.92, 1.04), (200, 215, 230), 0.05)


def clear(c: RGB) -> RGB:
    """Bright and clear: lifted shadows, clean colours."""
    return mix(_saturate(c, 1.1), (255, 255, 255), 0.06)


def editorial(c: RGB) -> RGB:
    """Editorial: muted, a little less contrast, warm like a printed magazine page."""
    return mix(_saturate(c, 0.78, 0.9), (238, 222, 200), 0.1)


def punchy(c: RGB) -> RGB:
    """Comic: punchy primaries, strong contrast, a touch warm."""
    return mix(_saturate(c, 1.55, 1.18), (255, 236, 200), 0.04)


def diorama(c: RGB) -> RGB:
    """Isometric: clean, slightly pastel toy colours."""
    return mix(_saturate(c, 1.15), (240, 240, 250), 0.1)


@dataclass(frozen=True)
class Look:
    """A model's look: composition, palette, line, detail and finish."""

    name: str
    tone: Callable[[RGB], RGB]
    outline: RGB | None = None
    line: float = 0.0  # outline width, a share of the subject's height
    finish: str = "none"  # none, paint, film, dramatic, focus (the background out of focus)
    # medium, close, wide, cinema, low, high, third, iso (a diorama tile), poster, arch (seen through an arch in a
    # wall in front), tilt (the camera turned a few degrees: a Dutch angle)
    framing: str = "medium"
    shade: str = "flat"  # flat, soft (highlights on round shapes), cel (a hard shadow side)
    detail: int = 1  # 0 plain, 1 some texture, 2 rich (grass, wood grain, distant hills)
    sky: str = "gradient"  # gradient, flat, bands, dots (a comic's halftone screen)


LOOKS: dict[str, Look] = {
    "gpt-4o-image": Look("gpt-4o-image", warm, shade="soft", detail=1),
    "gpt-image-2": Look("gpt-image-2", crisp, outline=(26, 24, 34), line=0.014, framing="close", shade="cel",
                        detail=2, finish="focus"),
    "nano-banana-pro": Look("nano-banana-pro", pastel, finish="paint", framing="wide", detail=2),
    "nano-banana": Look("nano-banana", sticker, outline=(30, 28, 40), line=0.022, framing="poster", sky="flat",
                        detail=0),
    "seedream-4.5": Look("seedream-4.5", cinematic, finish="film", framing="cinema", shade="soft", detail=1),
    "seedream-4.0": Look("seedream-4.0", punchy, outline=(22, 18, 30), line=0.018, framing="tilt", shade="cel",
                         detail=1, sky="dots"),
    "midjourney": Look("midjourney", moody, finish="dramatic", framing="low", shade="cel", detail=2),
    "flux": Look("flux", natural, finish="focus", framing="third", shade="soft", detail=2),
    "flux-kontext": Look("flux-kontext", editorial, outline=(70, 58, 52), line=0.006, framing="arch", shade="soft",
                         detail=2),
    "imagen": Look("imagen", clear, framing="high", shade="soft", detail=2),
    "qwen": Look("qwen", diorama, outline=(60, 58, 80), line=0.008, framing="iso", sky="bands", detail=1),
}
# A model whose name contains one of these is drawn in that family's look (the first that matches).
FAMILIES: tuple[tuple[str, str], ...] = (
    ("gpt-image", "gpt-image-2"), ("gpt4o", "gpt-4o-image"), ("4o-image", "gpt-4o-image"),
    ("nano-banana-pro", "nano-banana-pro"), ("nano-banana", "nano-banana"), ("seedream-v4", "seedream-4.0"),
    ("seedream-4.0", "seedream-4.0"), ("seedream", "seedream-4.5"), ("midjourney", "midjourney"),
    ("mj-", "midjourney"), ("kontext", "flux-kontext"), ("flux", "flux"),
    ("imagen", "imagen"), ("qwen", "qwen"),
)


def look_for(model: str | None) -> Look:
    """The look of a catalogue model id, a Market model name or a model family; the default look otherwise."""
    name = (model or "").lower()
    if name in LOOKS:
        return LOOKS[name]
    for fragment, key in FAMILIES:
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
def _vignette(size: tuple[int, int], strength: float = 0.85) -> Image.Image:
    """Dark corners, light centre, as an RGB multiplier."""
    radial = Image.radial_gradient("L").resize((64, 64), Image.Resampling.BILINEAR)  # 0 centre .. 255 edge
    shade = radial.point(lambda v: _clamp(255 - max(0, v - 70) * strength))
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
    """The model's finish over a whole picture: paint (soft edges, grain), film or dramatic (vignette, glow)."""
    if look.finish == "paint":  # drawn at half size and enlarged already: soft edges; add the grain
        return ImageChops.multiply(image, _grain(image.size))
    if look.finish == "film":
        graded = ImageChops.multiply(image, _vignette(image.size))
        if light is not None:
            graded = ImageChops.screen(graded, _glow(image.size, light, (255, 170, 90)))
        return graded
    if look.finish == "dramatic":  # a strong vignette and a violet glow round the light
        graded = ImageChops.multiply(image, _vignette(image.size, 1.1))
        if light is not None:
            graded = ImageChops.screen(graded, _glow(image.size, light, (200, 140, 255)))
        return graded
    return image
