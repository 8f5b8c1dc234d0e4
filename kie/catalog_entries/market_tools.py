"""The Market API's tools: they work on a finished picture (upscale, remove its background)."""

from __future__ import annotations

from kie.model_spec import ModelSpec, OptionSpec

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
