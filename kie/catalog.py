"""The models and tools the studio offers, in one place: what each takes, its options and their constraints,
its API family, a price estimate and a typical duration.

Everything else reads this: forms are drawn from it, requests are validated against it (`GenerateRequest.
validated`), each API family's body is built from its options' API field names (`kie.families`), prices, budgets,
Restore and PNG metadata use it. Adding a model is one entry in `CATALOG` (or `register`) and its tests; what an
entry is (ModelSpec, OptionSpec, Constraint) is kie.model_spec, re-exported here. Nothing here imports Streamlit,
and nothing here knows the request type: the catalogue sits below it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kie.errors import RequestInvalid
from kie.model_spec import PRICE_NOTE, Constraint, Factors, Family, ModelSpec, OptionSpec, bool_option

DEFAULT_MODEL = "gpt-4o-image"
__all__ = ["CATALOG", "DEFAULT_MODEL", "PRICE_NOTE", "Constraint", "Family", "Factors", "ModelSpec", "OptionSpec",
           "bool_option", "by_upstream", "freeze", "get", "grouped_models", "image_models", "makers", "name_of",
           "register", "tool_actions", "tools", "tools_for", "unregister"]


# -- the entries ---------------------------------------------------------------------------

_4O_SIZES = {"1:1": "Square 1:1", "3:2": "Landscape 3:2", "2:3": "Portrait 2:3"}
FALLBACK_MODELS = ("GPT_IMAGE_1", "FLUX_MAX")

GPT_4O = ModelSpec(
    id="gpt-4o-image", name="GPT-4o Image", family="4o", upstream="gpt4o-image", refs_field="filesUrl",
    max_prompt_chars=5000,  # the provider gives no figure; longer prompts only cost and fail later
    max_refs=5, takes_mask=True, reports_progress=True, images_option="n_variants", prompt_optional_with_refs=True,
    price_per_image=1.5, typical_seconds=40.0, advanced=("enable_fallback", "fallback_model", "upload_cn"),
    options=(
        OptionSpec("size", "Aspect ratio", tuple(_4O_SIZES), "1:1", "choice", _4O_SIZES),
        OptionSpec("n_variants", "Number of images", (1, 2, 4), 1, "choice", {}, "Each image is paid for.",
                   api_field="nVariants"),
        bool_option("is_enhance", "Prompt enhancement", help="Let the service rewrite the prompt in more detail.",
                    api_field="isEnhance"),
        bool_option("enable_fallback", "Fallback", help="Use another model when GPT-4o is busy.",
                    api_field="enableFallback"),
        OptionSpec("fallback_model", "Fallback model", FALLBACK_MODELS, "FLUX_MAX", "choice",
                   {"GPT_IMAGE_1": "GPT Image 1", "FLUX_MAX": "Flux Max"}, "Used only with the fallback on.",
                   only_with="enable_fallback", api_field="fallbackModel"),
        bool_option("upload_cn", "Upload through China", help="Route uploads through the provider's China servers.",
                    api_field="uploadCn"),
    ),
    description="OpenAI's GPT-4o through the 4o Image API: masks, 1, 2 or 4 images, prompt enhancement, fallback.",
    maker="OpenAI", good_at="edits with a painted mask", source="docs.kie.ai 4o Image API",
)

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

TOPAZ_UPSCALE = ModelSpec(
    id="topaz-upscale", name="Upscale", family="market", is_tool=True, upstream="topaz/image-upscale",
    refs_field="image_url", single_ref=True, max_prompt_chars=0, max_refs=1, refs_required=True,
    price_per_image=2.0, typical_seconds=25.0,
    options=(OptionSpec("upscale_factor", "Factor", ("2", "4"), "2", "choice", {"2": "2×", "4": "4×"}),),
    description="Topaz image upscale: a picture made 2 or 4 times larger.",
    maker="Topaz Labs", good_at="larger pictures", source="docs.kie.ai Market: Topaz upscale",
    menu=(("Upscale 2×", (("upscale_factor", "2"),)), ("Upscale 4×", (("upscale_factor", "4"),))),
)

REMOVE_BACKGROUND = ModelSpec(
    id="recraft-remove-background", name="Remove background", family="market", is_tool=True,
    upstream="recraft/remove-background", refs_field="image", single_ref=True, max_prompt_chars=0, max_refs=1,
    refs_required=True, price_per_image=0.5, typical_seconds=10.0,
    description="Recraft background removal: the subject on a transparent background.",
    maker="Recraft", good_at="cut-outs", source="docs.kie.ai Market: Recraft remove background",
    menu=(("Remove background", ()),),
)

# -- the Flux Kontext API (kie-more-models-notes.md §1) ----------------------------------------

_KONTEXT_RATIOS = ("21:9", "16:9", "4:3", "1:1", "3:4", "9:16")
_KONTEXT_EDIT_TOLERANCE = 2  # editing takes a safety tolerance of 0-2 only (clients' figure: unverified)


def _flux_kontext(model_id: str, name: str, price: float, seconds: float, good_at: str) -> ModelSpec:
    return ModelSpec(
        id=model_id, name=name, family="flux-kontext", upstream=model_id, refs_field="inputImage", single_ref=True,
        max_prompt_chars=5000,  # the provider gives no figure
        max_refs=1, price_per_image=price, typical_seconds=seconds, maker="Black Forest Labs", good_at=good_at,
        advanced=("safety_tolerance", "upload_cn"),
        options=(
            OptionSpec("aspect_ratio", "Aspect ratio", _KONTEXT_RATIOS, "16:9", api_field="aspectRatio"),
            OptionSpec("output_format", "File format", ("jpeg", "png"), "jpeg", "choice",
                       {"jpeg": "JPEG", "png": "PNG"}, api_field="outputFormat"),
            bool_option("prompt_upsampling", "Prompt upsampling", help="Let the service enrich the prompt.",
                        api_field="promptUpsampling"),
            bool_option("enable_translation", "Translate the prompt", default=True,
                        help="Prompts only work in English: the service translates others first.",
                        api_field="enableTranslation"),
            OptionSpec("safety_tolerance", "Safety tolerance", (0, 1, 2, 3, 4, 5, 6), 2, "choice", {},
                       "0 is the strictest. Editing a picture allows 0 to 2.", api_field="safetyTolerance"),
            bool_option("upload_cn", "Upload through China", help="Route uploads through the provider's China servers.",
                        api_field="uploadCn"),
        ),
        constraints=(
            Constraint(("safety_tolerance",),
                       lambda o, refs: refs > 0 and o["safety_tolerance"] > _KONTEXT_EDIT_TOLERANCE,
                       lambda o, refs: f"{name} edits a picture with a safety tolerance of 0 to "
                                       f"{_KONTEXT_EDIT_TOLERANCE} only: choose {_KONTEXT_EDIT_TOLERANCE} or lower."),
        ),
        description=f"Black Forest Labs' {name} through the Flux Kontext API: text to image, or one picture edited "
                    "by an instruction; one image per task.",
        source="docs.kie.ai Flux Kontext API", unverified=("safetyTolerance",),
    )


FLUX_KONTEXT_PRO = _flux_kontext("flux-kontext-pro", "Flux Kontext Pro", 5.0, 30.0, "editing by instruction")
FLUX_KONTEXT_MAX = _flux_kontext("flux-kontext-max", "Flux Kontext Max", 10.0, 40.0, "complex scenes, exact edits")

# -- the Midjourney API (kie-more-models-notes.md §2) --------------------------------------------

MJ_RATIOS = ("1:1", "1:2", "9:16", "2:3", "3:4", "5:6", "6:5", "4:3", "3:2", "16:9", "2:1")
MJ_SPEEDS = {"relaxed": "Relaxed (slowest, cheapest)", "fast": "Fast", "turbo": "Turbo (quickest, dearest)"}
MJ_REFERENCE_TYPES = {"image": "mj_img2img", "style": "mj_style_reference", "omni": "mj_omni_reference"}
MJ_GRID = 4  # a Midjourney task makes a grid of four pictures
_MJ_SPEED_PRICE = {"relaxed": 0.375, "fast": 1.0, "turbo": 2.0}  # of the fast price: 3, 8 and 16 credits a grid
_MJ_SPEED_SECONDS = {"relaxed": 5.0, "fast": 1.0, "turbo": 0.5}  # of the fast duration: 5 min, 1 min, 30 s

MIDJOURNEY = ModelSpec(
    id="midjourney", name="Midjourney", family="midjourney", upstream="mj_txt2img", refs_field="fileUrls",
    max_prompt_chars=2000, max_refs=4, images_per_task=MJ_GRID, price_per_image=2.0, typical_seconds=60.0,
    maker="Midjourney", good_at="stylised art",
    advanced=("weirdness", "variety", "omni_weight", "enable_translation"),
    options=(
        OptionSpec("speed", "Speed", tuple(MJ_SPEEDS), "fast", "choice", MJ_SPEEDS,
                   "Relaxed tasks take minutes and cost least; Turbo is quickest and costs most."),
        OptionSpec("aspect_ratio", "Aspect ratio", MJ_RATIOS, "1:1", api_field="aspectRatio"),
        OptionSpec("version", "Version", ("7", "6.1", "6", "5.2", "5.1", "niji6"), "7", "choice",
                   {"7": "V7", "6.1": "V6.1", "6": "V6", "5.2": "V5.2", "5.1": "V5.1", "niji6": "Niji 6"}),
        OptionSpec("stylization", "Stylization", (0, 50, 100, 250, 500, 750, 1000), 100, "choice", {},
                   "How strongly Midjourney's own style shows (0 to 1000)."),
        OptionSpec("reference_type", "Reference pictures as", tuple(MJ_REFERENCE_TYPES), "image", "choice",
                   {"image": "Image prompt", "style": "Style reference", "omni": "Omni reference"},
                   "What the reference pictures give: their content, their style, or a subject to carry over.",
                   api_field="taskType", api_values=MJ_REFERENCE_TYPES),
        OptionSpec("weirdness", "Weirdness", (0, 250, 500, 1000, 2000, 3000), 0, "choice", {},
                   "Unusual, quirky results (0 to 3000)."),
        OptionSpec("variety", "Variety", (0, 5, 10, 25, 50, 100), 0, "choice", {},
                   "How different the four pictures of the grid are (0 to 100)."),
        OptionSpec("omni_weight", "Omni reference weight", (25, 50, 100, 250, 500, 1000), 100, "choice", {},
                   "How closely the omni reference is followed.", only_with="reference_type=omni", api_field="ow"),
        bool_option("enable_translation", "Translate the prompt", help="Translate a prompt that is not in English.",
                    api_field="enableTranslation"),
    ),
    constraints=(
        Constraint(("reference_type",), lambda o, refs: refs == 0 and o["reference_type"] != "image",
                   lambda o, refs: "Midjourney's style and omni references need a reference picture: add one, or "
                                   "choose Image prompt."),
    ),
    price_factors={"speed": _MJ_SPEED_PRICE}, seconds_factors={"speed": _MJ_SPEED_SECONDS},
    description="Midjourney through the provider's Midjourney API: a grid of four pictures per task, text to image "
                "or from reference pictures (image prompt, style or omni reference); Upscale and Vary each picture.",
    source="docs.kie.ai / docs.midapi.ai Midjourney API",
)

_MJ_PICTURES = {0: "Picture 1", 1: "Picture 2", 2: "Picture 3", 3: "Picture 4"}


def _mj_follow_up(model_id: str, name: str, action: str, images: int, price: float, seconds: float,
                  label: str, description: str) -> ModelSpec:
    return ModelSpec(
        id=model_id, name=name, family="midjourney", is_tool=True, acts_on_task=True, follow_up=action,
        applies_to=("midjourney", "midjourney-vary"), upstream=f"mj_{action}", max_prompt_chars=0, max_refs=0,
        images_per_task=images, price_per_image=price, typical_seconds=seconds, maker="Midjourney",
        good_at=description, menu=((label, ()),),
        options=(OptionSpec("image_index", "Picture", tuple(_MJ_PICTURES), 0, "choice", _MJ_PICTURES,
                            "Which picture of the grid.", api_field="imageIndex"),),
        description=f"Midjourney {action} of one picture of a finished Midjourney grid (the provider's follow-up on "
                    "its taskId and the picture's index).",
        source="docs.kie.ai / docs.midapi.ai Midjourney API",
    )


MIDJOURNEY_UPSCALE = _mj_follow_up("midjourney-upscale", "Midjourney Upscale", "upscale", 1, 2.0, 30.0,
                                   "Upscale (Midjourney)", "one grid picture, larger")
MIDJOURNEY_VARY = _mj_follow_up("midjourney-vary", "Midjourney Vary", "vary", MJ_GRID, 2.0, 60.0,
                                "Vary (Midjourney)", "four variations of one grid picture")

# -- more Market models (kie-more-models-notes.md §3) ---------------------------------------------

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

CATALOG: dict[str, ModelSpec] = {
    spec.id: spec for spec in (
        GPT_4O, GPT_IMAGE_2, NANO_BANANA_PRO, NANO_BANANA, IMAGEN_4_FAST, IMAGEN_4, IMAGEN_4_ULTRA, SEEDREAM_45,
        SEEDREAM_40, MIDJOURNEY, FLUX_KONTEXT_PRO, FLUX_KONTEXT_MAX, FLUX_2_PRO, FLUX_2_FLEX, QWEN_IMAGE,
        TOPAZ_UPSCALE, REMOVE_BACKGROUND, MIDJOURNEY_UPSCALE, MIDJOURNEY_VARY,
    )
}
_BY_UPSTREAM: dict[str, str] = {}


def register(spec: ModelSpec) -> ModelSpec:
    """Add (or replace) a catalogue entry; tests use it for a fake model."""
    CATALOG[spec.id] = spec
    _BY_UPSTREAM.clear()
    return spec


def unregister(model_id: str) -> None:
    """Remove an entry added by `register` (the built-in ones stay)."""
    if model_id in _BUILT_IN:
        raise ValueError(f"{model_id} is built in")
    CATALOG.pop(model_id, None)
    _BY_UPSTREAM.clear()


_BUILT_IN = frozenset(CATALOG)


def get(model_id: str) -> ModelSpec:
    """The entry of `model_id`; an unknown id is a `RequestInvalid` naming the known ones."""
    spec = CATALOG.get(model_id or "")
    if spec is None:
        known = ", ".join(CATALOG)
        raise RequestInvalid(f"Unknown model {str(model_id)[:60]!r}: choose one of {known}.", field="model")
    return spec


def image_models() -> list[ModelSpec]:
    """The models that make pictures from a prompt, the default first."""
    return sorted((s for s in CATALOG.values() if not s.is_tool), key=lambda s: s.id != DEFAULT_MODEL)


def tools() -> list[ModelSpec]:
    """The tools that work on a finished picture."""
    return [s for s in CATALOG.values() if s.is_tool]


def tools_for(model_id: str) -> list[ModelSpec]:
    """The tools that work on the results of `model_id` (Midjourney's Upscale and Vary only on Midjourney's)."""
    return [s for s in tools() if s.works_on(model_id)]


def tool_actions(model_id: str) -> list[tuple[str, str, dict[str, Any]]]:
    """The result menu's entries for a result of `model_id`: (label, tool id, options) each, from every tool's
    `menu` (its name when it has none)."""
    found = []
    for spec in tools_for(model_id):
        for label, options in spec.menu or ((spec.name, ()),):
            found.append((label, spec.id, dict(options)))
    return found


def makers() -> list[str]:
    """The makers of the image models, the default model's first, then in alphabetical order."""
    first = CATALOG[DEFAULT_MODEL].maker if DEFAULT_MODEL in CATALOG else ""
    names = {s.maker for s in image_models()}
    return sorted(names, key=lambda m: (m != first, m.lower()))


def grouped_models() -> list[ModelSpec]:
    """The image models grouped by maker (`makers()` order), each maker's in catalogue order."""
    order = {maker: n for n, maker in enumerate(makers())}
    return sorted(image_models(), key=lambda s: order[s.maker])


def by_upstream(name: str) -> ModelSpec | None:
    """The entry that sends Market model `name` (for a task adopted by its taskId), or None."""
    if not _BY_UPSTREAM:
        for spec in CATALOG.values():
            for upstream in (spec.upstream, spec.upstream_with_refs):
                if upstream:
                    _BY_UPSTREAM[upstream] = spec.id
    found = _BY_UPSTREAM.get(name)
    return CATALOG.get(found) if found else None


def name_of(model_id: str) -> str:
    """The display name of a model id; the id itself when the catalogue no longer lists it."""
    spec = CATALOG.get(model_id)
    return spec.name if spec else model_id


# -- requests -----------------------------------------------------------------------------

SHAPE_OPTIONS = ("size", "aspect_ratio", "resolution")  # the options that say a picture's shape and size


def freeze(options: Mapping[str, Any] | None) -> tuple[tuple[str, Any], ...]:
    """Options as an immutable, ordered value (what `GenerateRequest.options` holds)."""
    return tuple(sorted((str(k), v) for k, v in (options or {}).items()))
