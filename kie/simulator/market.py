"""The Market API's side of the simulator: each model's exact `input` fields, its 422 messages, and its pictures.

Written from the provider's pages (docs/kie-market-notes.md), not from the studio's catalogue, so that a
catalogue entry that builds a wrong body is caught by the simulator as the provider would catch it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PIL import Image, ImageFilter, ImageOps
from PIL.PngImagePlugin import PngInfo

import kie.simulator.pictures as pictures

URL = "url"  # a field that holds one http(s) address
URLS = "urls"  # a field that holds a list of them


@dataclass(frozen=True)
class Field:
    """One `input` field: its type ("str", "int", "bool", URL, URLS), allowed values, whether required, limits."""

    kind: str = "str"
    values: tuple = ()
    required: bool = False
    max_len: int | None = None  # characters of a string, or addresses in a list
    min_len: int = 0  # characters of a string (Flux 2's prompt: 3)


@dataclass(frozen=True)
class MarketModel:
    """A Market model as the provider validates it: its input fields, rules between them, images it makes."""

    name: str
    fields: dict[str, Field]
    rules: tuple[Callable[[dict[str, Any]], str | None], ...] = ()
    seconds: float | None = None  # its usual duration (None: the simulator's default)
    catalogue_id: str = ""  # the studio's id, for the pictures' look (the provider knows nothing of it)
    kind: str = "image"  # "image", "upscale" or "remove-background"
    defaults: dict[str, Any] = field(default_factory=dict)


_GPT2_RATIOS = ("auto", "1:1", "3:2", "2:3", "4:3", "3:4", "5:4", "4:5", "16:9", "9:16", "2:1", "1:2", "3:1",
                "1:3", "21:9", "9:21")
_RESOLUTIONS = ("1K", "2K", "4K")


def _gpt2_sizes(data: dict[str, Any]) -> str | None:
    if data.get("resolution", "1K") != "1K" and data.get("aspect_ratio", "auto") in ("auto", "5:4", "4:5", "3:1",
                                                                                       "1:3", "9:21"):
        return "resolution: 2K and 4K are not available with aspect_ratio auto, 5:4, 4:5, 3:1, 1:3 or 9:21"
    return None


def _gpt2_edit_sizes(data: dict[str, Any]) -> str | None:
    if data.get("aspect_ratio") == "1:1" and data.get("resolution") == "4K":
        return "resolution: 1:1 cannot be 4K for image-to-image"
    return _gpt2_sizes(data)


_GPT2 = {"prompt": Field("str", required=True, max_len=20_000), "aspect_ratio": Field("str", _GPT2_RATIOS),
         "resolution": Field("str", _RESOLUTIONS)}
_SEEDREAM = {"prompt": Field("str", required=True, max_len=3000),
             "aspect_ratio": Field("str", ("1:1", "4:3", "3:4", "16:9", "9:16", "2:3", "3:2", "21:9"), required=True),
             "quality": Field("str", ("basic", "high"), required=True), "nsfw_checker": Field("bool")}

_IMAGEN = {"prompt": Field("str", required=True, max_len=5000), "negative_prompt": Field("str", max_len=5000),
           "aspect_ratio": Field("str", ("1:1", "16:9", "9:16", "3:4", "4:3")), "seed": Field("int"),
           "num_images": Field("str", ("1", "2", "3", "4"))}
_NANO = {"prompt": Field("str", required=True, max_len=5000), "output_format": Field("str", ("png", "jpeg")),
         "image_size": Field("str", ("1:1", "9:16", "16:9", "3:4", "4:3", "3:2", "2:3", "5:4", "4:5", "21:9", "auto"))}
_SEEDREAM_4 = {"prompt": Field("str", required=True, max_len=5000),
               "image_size": Field("str", ("square", "square_hd", "portrait_4_3", "portrait_3_2", "portrait_16_9",
                                           "landscape_4_3", "landscape_3_2", "landscape_16_9", "landscape_21_9")),
               "image_resolution": Field("str", ("1K", "2K", "4K")), "max_images": Field("int", (1, 2, 3, 4, 5, 6)),
               "seed": Field("int")}
_QWEN = {"prompt": Field("str", required=True, max_len=5000),
         "image_size": Field("str", ("square", "square_hd", "portrait_4_3", "portrait_16_9", "landscape_4_3",
                                     "landscape_16_9")),
         "output_format": Field("str", ("png", "jpeg")), "seed": Field("int"), "negative_prompt": Field("str"),
         "acceleration": Field("str", ("none", "regular", "high"))}
_FLUX2 = {"prompt": Field("str", required=True, max_len=5000, min_len=3),
          "aspect_ratio": Field("str", ("1:1", "4:3", "3:4", "16:9", "9:16", "3:2", "2:3", "auto"), required=True),
          "resolution": Field("str", ("1K", "2K"), required=True)}

MODELS: dict[str, MarketModel] = {m.name: m for m in (
    MarketModel("gpt-image-2-text-to-image", _GPT2, (_gpt2_sizes,), catalogue_id="gpt-image-2",
                defaults={"aspect_ratio": "auto", "resolution": "1K"}),
    MarketModel("gpt-image-2-image-to-image", {**_GPT2, "input_urls": Field(URLS, required=True, max_len=16)},
                (_gpt2_edit_sizes,), catalogue_id="gpt-image-2", defaults={"aspect_ratio": "auto", "resolution": "1K"}),
    MarketModel("nano-banana-pro", {
        "prompt": Field("str", required=True, max_len=10_000), "image_input": Field(URLS, max_len=8),
        "aspect_ratio": Field("str", ("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9",
                                      "auto")),
        "resolution": Field("str", _RESOLUTIONS), "output_format": Field("str", ("png", "jpg"))},
        catalogue_id="nano-banana-pro", defaults={"aspect_ratio": "1:1", "resolution": "1K", "output_format": "png"}),
    MarketModel("seedream/4.5-text-to-image", _SEEDREAM, catalogue_id="seedream-4.5"),
    MarketModel("seedream/4.5-edit", {**_SEEDREAM, "image_urls": Field(URLS, required=True, max_len=14)},
                catalogue_id="seedream-4.5"),
    MarketModel("topaz/image-upscale", {"image_url": Field(URL, required=True),
                                        "upscale_factor": Field("str", ("1", "2", "4", "8"), required=True)},
                catalogue_id="topaz-upscale", kind="upscale"),
    MarketModel("recraft/remove-background", {"image": Field(URL, required=True)},
                catalogue_id="recraft-remove-background", kind="remove-background"),
    # kie-more-models-notes.md §3: prompt limits from the OpenAPI files; the other fields as clients send them
    *(MarketModel(f"google/{name}", _IMAGEN, catalogue_id=look) for name, look in (
        ("imagen4-fast", "imagen-4-fast"), ("imagen4", "imagen-4"), ("imagen4-ultra", "imagen-4-ultra"))),
    MarketModel("google/nano-banana", _NANO, catalogue_id="nano-banana"),
    MarketModel("google/nano-banana-edit", {**_NANO, "image_urls": Field(URLS, required=True, max_len=10)},
                catalogue_id="nano-banana"),
    MarketModel("bytedance/seedream-v4-text-to-image", _SEEDREAM_4, catalogue_id="seedream-4.0"),
    MarketModel("bytedance/seedream-v4-edit", {**_SEEDREAM_4, "image_urls": Field(URLS, required=True, max_len=10)},
                catalogue_id="seedream-4.0"),
    MarketModel("qwen/text-to-image", _QWEN, catalogue_id="qwen-image"),
    MarketModel("qwen/image-to-image", {**_QWEN, "image_url": Field(URL, required=True)}, catalogue_id="qwen-image"),
    MarketModel("qwen/image-edit", {**_QWEN, "prompt": Field("str", required=True, max_len=2000),
                                    "image_url": Field(URL, required=True)}, catalogue_id="qwen-image"),
    *(MarketModel(f"flux-2/{tier}-text-to-image", _FLUX2, catalogue_id=f"flux-2-{tier}") for tier in ("pro", "flex")),
    *(MarketModel(f"flux-2/{tier}-image-to-image", {**_FLUX2, "input_urls": Field(URLS, required=True, max_len=8)},
                  catalogue_id=f"flux-2-{tier}") for tier in ("pro", "flex")),
)}
PRICES = {  # credits per image the simulator charges; the studio's catalogue estimates are these figures
    "gpt-image-2": 3.0, "nano-banana-pro": 4.5, "seedream-4.5": 1.6, "topaz-upscale": 2.0,
    "recraft-remove-background": 0.5, "imagen-4-fast": 2.0, "imagen-4": 4.0, "imagen-4-ultra": 6.0,
    "nano-banana": 4.0, "seedream-4.0": 3.5, "qwen-image": 4.0, "flux-2-pro": 5.0, "flux-2-flex": 7.0,
}
PRICE_FACTORS: dict[str, dict[str, dict[Any, float]]] = {  # catalogue id -> input field -> value -> multiplier
    "seedream-4.0": {"image_resolution": {"4K": 1.5}},
    "flux-2-pro": {"resolution": {"2K": 1.4}}, "flux-2-flex": {"resolution": {"2K": 1.4}},
}
IMAGE_COUNT_FIELDS = ("num_images", "max_images")  # an input field that asks for several images per task


def _is_url(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))


def validate(body: Any) -> str | None:
    """The provider's 422 message (naming the field) for a createTask body, or None when it is fine."""
    if not isinstance(body, dict):
        return "The request body must be a JSON object"
    name = body.get("model")
    if not isinstance(name, str) or not name:
        return "model is required"
    model = MODELS.get(name)
    if model is None:
        return f"model: {name[:60]} is not supported"
    data = body.get("input")
    if not isinstance(data, dict):
        return "input is required and must be an object"
    callback = body.get("callBackUrl")
    if callback is not None and not _is_url(callback):
        return "callBackUrl must be an http(s) URL"
    for key in data:
        if key not in model.fields:
            return f"input.{key} is not a parameter of {name}"
    for key, spec in model.fields.items():
        value = data.get(key)
        if value is None:
            if spec.required:
                return f"input.{key} is required"
            continue
        problem = _check_field(key, value, spec)
        if problem:
            return problem
    for rule in model.rules:
        problem = rule({**model.defaults, **data})
        if problem:
            return f"input.{problem}"
    return None


def _check_field(key: str, value: Any, spec: Field) -> str | None:
    if spec.kind == "bool":
        return None if isinstance(value, bool) else f"input.{key} must be a boolean"
    if spec.kind == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            return f"input.{key} must be an integer"
        if spec.values and value not in spec.values:
            return f"input.{key} must be one of {', '.join(str(v) for v in spec.values)}"
        return None
    if spec.kind == URL:
        return None if _is_url(value) else f"input.{key} must be an http(s) URL"
    if spec.kind == URLS:
        if not isinstance(value, list) or not all(_is_url(u) for u in value):
            return f"input.{key} must be a list of http(s) URLs"
        if spec.required and not value:
            return f"input.{key} needs at least one image URL"
        if spec.max_len is not None and len(value) > spec.max_len:
            return f"input.{key} takes at most {spec.max_len} image URLs"
        return None
    if not isinstance(value, str):
        return f"input.{key} must be a string"
    if spec.values and value not in spec.values:
        return f"input.{key} must be one of {', '.join(spec.values)}"
    if spec.required and not value.strip():
        return f"input.{key} is required"
    if spec.max_len is not None and len(value) > spec.max_len:
        return f"input.{key} is longer than {spec.max_len} characters"
    if len(value.strip()) < spec.min_len:
        return f"input.{key} must be at least {spec.min_len} characters"
    return None


def price(body: dict[str, Any]) -> float:
    """The credits a (valid) createTask body costs: the model's price per image, its options' factors, its images."""
    model = MODELS[body["model"]]
    data = body.get("input") or {}
    factor = 1.0
    for key, by_value in PRICE_FACTORS.get(model.catalogue_id, {}).items():
        factor *= by_value.get(data.get(key), 1.0)
    return round(PRICES.get(model.catalogue_id, 1.0) * factor, 4) * images(body)


def images(body: dict[str, Any]) -> int:
    """How many pictures a createTask body makes (one, unless it asks for more)."""
    data = body.get("input") if isinstance(body.get("input"), dict) else {}
    for key in IMAGE_COUNT_FIELDS:
        try:
            return max(1, int(data[key]))
        except (KeyError, TypeError, ValueError):
            continue
    return 1


def input_urls(body: dict[str, Any]) -> list[str]:
    """Every picture address a createTask body points to (references, or a tool's one picture)."""
    data = body.get("input") if isinstance(body.get("input"), dict) else {}
    found: list[str] = []
    for key in ("input_urls", "image_input", "image_urls"):
        found += [u for u in data.get(key) or [] if isinstance(u, str)]
    for key in ("image_url", "image"):
        if isinstance(data.get(key), str):
            found.append(data[key])
    return found


def image_format(body: dict[str, Any]) -> str:
    """"jpg" when the task asked for JPEG output ("jpg", or "jpeg" for Nano Banana and Qwen), else "png"."""
    data = body.get("input") if isinstance(body.get("input"), dict) else {}
    return "jpg" if data.get("output_format") in ("jpg", "jpeg") else "png"


_PRESET_RATIOS = {"square": "1:1", "square_hd": "1:1", "portrait_4_3": "3:4", "portrait_3_2": "2:3",
                  "portrait_16_9": "9:16", "landscape_4_3": "4:3", "landscape_3_2": "3:2", "landscape_16_9": "16:9",
                  "landscape_21_9": "21:9"}


def aspect_of(data: dict[str, Any]) -> str:
    """The aspect ratio an `input` asks for: `aspect_ratio`, or `image_size` as a ratio or a named preset."""
    asked = data.get("aspect_ratio") or data.get("image_size") or "1:1"
    return _PRESET_RATIOS.get(str(asked), str(asked))


# -- pictures -------------------------------------------------------------------------------

LONG_SIDE = 1024  # pictures are drawn at most this large (a 4K picture is stated, not drawn, for speed)


def ratio_size(aspect: str | None, long_side: int = LONG_SIDE) -> tuple[int, int]:
    """Pixels for an aspect ratio "w:h" ("auto" and unknown: square), the long side `long_side`."""
    try:
        w, h = (float(x) for x in str(aspect).split(":"))
    except ValueError:
        return long_side, long_side
    if w >= h:
        return long_side, max(8, round(long_side * h / w))
    return max(8, round(long_side * w / h)), long_side


def render(body: dict[str, Any], fetch: Callable[[str], bytes | None], index: int = 0) -> bytes:
    """Result picture `index` of a Market task, in the look of its catalogue model."""
    model = MODELS[body["model"]]
    data = body.get("input") or {}
    urls = input_urls(body)
    if model.kind == "upscale":
        return _upscale(fetch(urls[0]) if urls else None, int(data.get("upscale_factor") or 2))
    if model.kind == "remove-background":
        return _remove_background(fetch(urls[0]) if urls else None)
    aspect = aspect_of(data)
    params = {"prompt": data.get("prompt") or "", "model": model.catalogue_id, "aspect_ratio": aspect,
              "resolution": data.get("resolution") or data.get("image_resolution")
              or ("4K" if data.get("quality") == "high" else "2K" if "quality" in data else "1K"),
              "size": "1:1", "nVariants": images(body), "filesUrl": urls[:1]}
    return encode(pictures.render_result(params, index, fetch), aspect, image_format(body) == "jpg")


def encode(png: bytes, aspect: str | None, jpeg: bool) -> bytes:
    """A drawn PNG fitted to `aspect` ("w:h"; None: as drawn) and saved as PNG or JPEG, its text chunks kept (in the
    JPEG's comment)."""
    with Image.open(io.BytesIO(png)) as drawn:
        want = ratio_size(aspect) if aspect and ":" in aspect else drawn.size  # "auto": as drawn (the source's)
        if _same_ratio(drawn.size, want) and not jpeg:
            return png  # as drawn, with its text chunks (the prompt, "Simulated", the size asked for)
        # The pictures module draws at the asked ratio once it knows it; until then the scene is fitted to it.
        chunks = dict(getattr(drawn, "text", {}) or {})
        picture = drawn.convert("RGB") if _same_ratio(drawn.size, want) else ImageOps.fit(
            drawn.convert("RGB"), want, Image.Resampling.BILINEAR)
    out = io.BytesIO()
    if jpeg:  # JPEG has no text chunks: the prompt and "simulated" go into its comment
        comment = "; ".join(f"{k}: {v}" for k, v in chunks.items()).encode("utf-8", "replace")[:60_000]
        picture.save(out, format="JPEG", quality=88, comment=comment)
    else:
        info = PngInfo()
        for name, value in chunks.items():
            info.add_itxt(name, str(value))
        picture.save(out, format="PNG", compress_level=1, pnginfo=info)
    return out.getvalue()


def _same_ratio(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return abs(a[0] / a[1] - b[0] / b[1]) < 0.02


def _open(content: bytes | None) -> Image.Image:
    if content is None:
        return Image.new("RGB", (512, 512), (128, 128, 128))
    image = Image.open(io.BytesIO(content))
    image.load()
    return image


def _upscale(content: bytes | None, factor: int) -> bytes:
    """The picture made `factor` times larger (the pictures helper's when it has one; else a plain resample)."""
    made = getattr(pictures, "upscale", None)
    if made is not None and content is not None:
        return made(content, factor)
    image = _open(content)
    # Drawn at most 2048 px on the long side, for speed: the provider's real 4x of a 1K picture is 4096.
    scale = min(factor, 2048 / max(image.size))
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    bigger = image.convert("RGBA" if "A" in image.getbands() else "RGB").resize(size, Image.Resampling.LANCZOS)
    bigger = bigger.filter(ImageFilter.UnsharpMask(radius=2, percent=60, threshold=2))
    out = io.BytesIO()
    bigger.save(out, format="PNG", compress_level=1)
    return out.getvalue()


def _remove_background(content: bytes | None) -> bytes:
    """The subject on a transparent background, as an RGBA PNG (the pictures helper's when it has one; else the
    colour of the picture's border made transparent, with a soft edge)."""
    made = getattr(pictures, "remove_background", None)
    if made is not None and content is not None:
        return made(content)
    image = _open(content).convert("RGB")
    w, h = image.size
    border = [image.getpixel((x, y)) for x in range(0, w, max(1, w // 16)) for y in (0, h - 1)]
    border += [image.getpixel((x, y)) for y in range(0, h, max(1, h // 16)) for x in (0, w - 1)]
    background = tuple(sorted(c[i] for c in border)[len(border) // 2] for i in range(3))
    # Distance from the background colour, per pixel: near it is transparent, far from it opaque.
    diff = Image.merge("RGB", [band.point(lambda v, b=b: abs(v - b)) for band, b in zip(image.split(), background,
                                                                                         strict=True)])
    distance = diff.convert("L").point(lambda v: 0 if v < 18 else min(255, (v - 18) * 8))
    alpha = distance.filter(ImageFilter.GaussianBlur(1.5))
    cut = image.convert("RGBA")
    cut.putalpha(alpha)
    out = io.BytesIO()
    cut.save(out, format="PNG", compress_level=1)
    return out.getvalue()
