"""The Flux Kontext API's models (kie-more-models-notes.md §1)."""

from __future__ import annotations

from kie.model_spec import Constraint, ModelSpec, OptionSpec, bool_option

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
