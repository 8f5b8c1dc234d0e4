"""The Midjourney API: its model and the follow-ups on one picture of a finished grid (kie-more-models-notes.md §2)."""

from __future__ import annotations

from kie.model_spec import Constraint, ModelSpec, OptionSpec, bool_option

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
