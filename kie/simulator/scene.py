"""The scene a prompt describes, without anything else: kept for callers of `draw_scene` (see kie.simulator.art).

The drawing itself lives in the `art` package: `vocab` (the words), `subjects` (the drawings), `compose` (sky,
ground, placement, weather), `styles` (each model's look), `edit` (edits inside a mask), `cutout` (background
removal).
"""

from __future__ import annotations

from PIL import Image

from kie.simulator.art.compose import compose


def draw_scene(prompt: str, index: int, size: tuple[int, int], salt: str = "", time: str | None = None, *,
               style: str | None = None) -> Image.Image:
    """The scene for a prompt as an RGB image of `size`; `salt` gives another arrangement, `time` ("day",
    "sunset", "night", ...) is used when the prompt names no time of day."""
    if time and time != "day":
        prompt = f"{prompt} {time}"
    return compose(prompt, index, size, style=style, salt=salt).image
