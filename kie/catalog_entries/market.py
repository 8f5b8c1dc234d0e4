"""The Market API's image models (docs.kie.ai Market; kie-more-models-notes.md §3 for those added later)."""

from __future__ import annotations

from kie.model_spec import Constraint, ModelSpec, OptionSpec, bool_option

_GPT2_RATIOS = ("auto", "1:1", "3:2", "2:3", "4:3", "3:4", "5:4", "4:5", "16:9", "9:16", "2:1", "1:2", "3:1",
                "1:3", "21:9", "9:21")
_GPT2_1K_ONLY = ("auto", "5:4", "4:5", "3:1", "1:3", "9:21")
_RESOLUTIONS = ("1K", "2K", "4K")

GPT_IMAGE_2 = ModelSpec(
    id="gpt-image-2", name="GPT Image 2", family="market", upstream="gpt-image-2-text-to-image",
    upstream_with_refs="gpt-image-2-image-to-image", refs_field="input_urls",
    max_prompt_chars=20_000, max_refs=16, price_per_image=3.0, typical_seconds=50.0,
    options=(
        OptionSpec("aspect_ratio", "Aspect ratio", _GPT2_RATIOS, "auto", "choice", {"auto": "Auto"}),
        OptionSpec("resolution", "Resolution", _RESOLUTIONS, "1K"),
    ),
    constraints=(
        Constraint(("aspect_ratio", "resolution"),
                   lambda o, refs: o["resolution"] != "1K" and o["aspect_ratio"] in _GPT2_1K_ONLY,
                   lambda o, refs: f"GPT Image 2 makes {'Auto' if o['aspect_ratio'] == 'auto' else o['aspect_ratio']}"
                                   " pictures at 1K only: choose 1K, or another aspect ratio."),
        Constraint(("aspect_ratio", "resolution"),
                   lambda o, refs: refs > 0 and o["aspect_ratio"] == "1:1" and o["resolution"] == "4K",
                   lambda o, refs: "With reference pictures GPT Image 2 cannot make a 1:1 picture at 4K: choose 1K or "
                                   "2K, or another aspect ratio."),
    ),
    description="OpenAI's GPT Image 2: text to image, or image to image with up to 16 references.",
    maker="OpenAI", good_at="text and layout in pictures", source="docs.kie.ai Market: GPT Image 2",
)

NANO_BANANA_PRO = ModelSpec(
    id="nano-banana-pro", name="Nano Banana Pro", family="market", upstream="nano-banana-pro",
    refs_field="image_input", max_prompt_chars=10_000, max_refs=8, price_per_image=4.5, typical_seconds=45.0,
    options=(
        OptionSpec("aspect_ratio", "Aspect ratio",
                   ("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9", "auto"), "1:1", "choice",
                   {"auto": "Auto"}),
        OptionSpec("resolution", "Resolution", _RESOLUTIONS, "1K"),
        OptionSpec("output_format", "File format", ("png", "jpg"), "png", "choice", {"png": "PNG", "jpg": "JPEG"}),
    ),
    description="Google's Nano Banana Pro: one model for text to image and image to image (up to 8 references).",
    maker="Google", good_at="consistent edits from references", source="docs.kie.ai Market: Nano Banana Pro",
)

SEEDREAM_45 = ModelSpec(
    id="seedream-4.5", name="Seedream 4.5", family="market", upstream="seedream/4.5-text-to-image",
    upstream_with_refs="seedream/4.5-edit", refs_field="image_urls", max_prompt_chars=3000, max_refs=14,
    price_per_image=1.6, typical_seconds=35.0,
    options=(
        OptionSpec("aspect_ratio", "Aspect ratio", ("1:1", "4:3", "3:4", "16:9", "9:16", "2:3", "3:2", "21:9"), "1:1"),
        OptionSpec("quality", "Quality", ("basic", "high"), "basic", "choice",
                   {"basic": "Basic (2K)", "high": "High (4K)"}),
        bool_option("nsfw_checker", "Safety checker", help="Ask the service to refuse unsafe pictures."),
    ),
    description="ByteDance's Seedream 4.5: text to image, or an edit of up to 14 reference pictures.",
    maker="ByteDance", good_at="cinematic scenes at 4K", source="docs.kie.ai Market: Seedream 4.5",
)

_IMAGEN_RATIOS = ("1:1", "16:9", "9:16", "3:4", "4:3")


def _imagen(model_id: str, name: str, upstream: str, price: float, seconds: float, good_at: str) -> ModelSpec:
    return ModelSpec(
        id=model_id, name=name, family="market", upstream=upstream, max_prompt_chars=5000, price_per_image=price,
        typical_seconds=seconds, maker="Google", good_at=good_at, images_option="num_images",
        options=(
            OptionSpec("aspect_ratio", "Aspect ratio", _IMAGEN_RATIOS, "1:1"),
            OptionSpec("num_images", "Number of images", (1, 2, 3, 4), 1, "choice", {}, "Each image is paid for.",
                       api_values={1: "1", 2: "2", 3: "3", 4: "4"}),
        ),
        description=f"Google's {name}: text to image only (no reference pictures), 1 to 4 images per task.",
        source="docs.kie.ai Market OpenAPI (google/imagen4)", unverified=("aspect_ratio", "num_images"),
    )


IMAGEN_4_FAST = _imagen("imagen-4-fast", "Imagen 4 Fast", "google/imagen4-fast", 2.0, 15.0, "quick drafts")
IMAGEN_4 = _imagen("imagen-4", "Imagen 4", "google/imagen4", 4.0, 25.0, "photoreal detail")
IMAGEN_4_ULTRA = _imagen("imagen-4-ultra", "Imagen 4 Ultra", "google/imagen4-ultra", 6.0, 40.0, "the finest detail")

NANO_BANANA = ModelSpec(
    id="nano-banana", name="Nano Banana", family="market", upstream="google/nano-banana",
    upstream_with_refs="google/nano-banana-edit", refs_field="image_urls", max_prompt_chars=5000,
    max_refs=5,  # clients quote 10, one README 5: the lower figure
    price_per_image=4.0, typical_seconds=20.0, maker="Google", good_at="quick everyday edits",
    options=(
        OptionSpec("aspect_ratio", "Aspect ratio", ("1:1", "9:16", "16:9", "3:4", "4:3", "3:2", "2:3", "5:4", "4:5",
                                                    "21:9", "auto"), "1:1", "choice", {"auto": "Auto"},
                   api_field="image_size"),
        OptionSpec("output_format", "File format", ("png", "jpeg"), "png", "choice", {"png": "PNG", "jpeg": "JPEG"}),
    ),
    description="Google's Nano Banana (not Pro): text to image, or Nano Banana Edit with up to 5 pictures; one image "
                "per task.",
    source="docs.kie.ai Market list (google/nano-banana, google/nano-banana-edit)",
    unverified=("output_format", "image_size", "image_urls"),
)

_SIZE_PRESETS = {"1:1": "square_hd", "3:4": "portrait_4_3", "2:3": "portrait_3_2", "9:16": "portrait_16_9",
                 "4:3": "landscape_4_3", "3:2": "landscape_3_2", "16:9": "landscape_16_9", "21:9": "landscape_21_9"}

SEEDREAM_40 = ModelSpec(
    id="seedream-4.0", name="Seedream 4.0", family="market", upstream="bytedance/seedream-v4-text-to-image",
    upstream_with_refs="bytedance/seedream-v4-edit", refs_field="image_urls", max_prompt_chars=5000, max_refs=10,
    price_per_image=3.5, typical_seconds=30.0, maker="ByteDance", good_at="several images per task",
    images_option="max_images",
    options=(
        OptionSpec("aspect_ratio", "Aspect ratio", tuple(_SIZE_PRESETS), "1:1", api_field="image_size",
                   api_values=_SIZE_PRESETS),
        OptionSpec("resolution", "Resolution", _RESOLUTIONS, "1K", api_field="image_resolution"),
        OptionSpec("max_images", "Number of images", (1, 2, 3, 4, 5, 6), 1, "choice", {},
                   "Up to this many; each image is paid for."),
    ),
    price_factors={"resolution": {"1K": 1.0, "2K": 1.0, "4K": 1.5}},
    seconds_factors={"resolution": {"1K": 1.0, "2K": 1.3, "4K": 2.0}},
    description="ByteDance's Seedream 4.0: text to image, or an edit of up to 10 pictures; up to 6 images per task.",
    source="docs.kie.ai Market (ids from Get Task Details)",
    unverified=("image_size", "image_resolution", "max_images", "image_urls"),
)

_QWEN_SIZES = {"1:1": "square_hd", "3:4": "portrait_4_3", "9:16": "portrait_16_9", "4:3": "landscape_4_3",
               "16:9": "landscape_16_9"}

QWEN_IMAGE = ModelSpec(
    id="qwen-image", name="Qwen Image", family="market", upstream="qwen/text-to-image",
    upstream_with_refs="qwen/image-edit", refs_field="image_url", single_ref=True, max_prompt_chars=2000,
    max_refs=1, price_per_image=4.0, typical_seconds=25.0, maker="Alibaba", good_at="lettering, one-picture edits",
    options=(
        OptionSpec("aspect_ratio", "Aspect ratio", tuple(_QWEN_SIZES), "1:1", api_field="image_size",
                   api_values=_QWEN_SIZES),
        OptionSpec("output_format", "File format", ("png", "jpeg"), "png", "choice", {"png": "PNG", "jpeg": "JPEG"}),
    ),
    description="Alibaba's Qwen image model: text to image, or Qwen Image Edit of one picture.",
    source="docs.kie.ai Market OpenAPI (qwen/image-edit)",
    unverified=("image_size", "output_format", "qwen/text-to-image"),
)

_FLUX2_RATIOS = ("1:1", "4:3", "3:4", "16:9", "9:16", "3:2", "2:3", "auto")


def _flux_2(model_id: str, name: str, tier: str, price: float, seconds: float, good_at: str) -> ModelSpec:
    return ModelSpec(
        id=model_id, name=name, family="market", upstream=f"flux-2/{tier}-text-to-image",
        upstream_with_refs=f"flux-2/{tier}-image-to-image", refs_field="input_urls", max_prompt_chars=5000,
        min_prompt_chars=3, max_refs=8, price_per_image=price, typical_seconds=seconds, maker="Black Forest Labs",
        good_at=good_at,
        options=(
            OptionSpec("aspect_ratio", "Aspect ratio", _FLUX2_RATIOS, "1:1", "choice", {"auto": "Auto"}),
            OptionSpec("resolution", "Resolution", ("1K", "2K"), "1K"),
        ),
        price_factors={"resolution": {"1K": 1.0, "2K": 1.4}}, seconds_factors={"resolution": {"1K": 1.0, "2K": 1.5}},
        description=f"Black Forest Labs' {name}: text to image, or image to image with up to 8 pictures.",
        source="",  # no provider page was read: the fields come from a copy of its Flux-2 table in a public repository
        unverified=("aspect_ratio", "resolution", "input_urls", "the model ids"),
    )


FLUX_2_PRO = _flux_2("flux-2-pro", "Flux 2 Pro", "pro", 5.0, 30.0, "sharp photoreal scenes")
FLUX_2_FLEX = _flux_2("flux-2-flex", "Flux 2 Flex", "flex", 7.0, 45.0, "typography, fine control")
