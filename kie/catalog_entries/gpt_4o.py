"""The 4o Image API's one model: GPT-4o Image (docs.kie.ai 4o Image API)."""

from __future__ import annotations

from kie.model_spec import ModelSpec, OptionSpec, bool_option

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
