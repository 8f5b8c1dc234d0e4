"""A contact sheet of the simulator's pictures: 24 prompts (subjects, times of day, weather, an edit, the four
model looks), each drawn exactly as the simulator serves it, with its prompt written under the tile.

    python -m kie.simulator.contact_sheet docs/contact-sheet.png
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from kie.simulator.art.compose import compose
from kie.simulator.pictures import render_result

TILE, LABEL, COLUMNS, GAP = 300, 46, 6, 10
PROMPTS = [
    "a red fox in a snowy forest", "a lighthouse on a rocky coast at sunset", "a hot air balloon over the hills "
    "at sunrise", "a sailboat on the lake", "a city skyline at night in the rain", "two horses in a meadow",
    "an owl on a branch at night", "a castle in the mountains, foggy", "a cup of coffee and a book",
    "a whale in the ocean", "a couple with an umbrella in the rain", "a birthday cake with candles",
    "a rocket at night", "a barn in a storm with lightning", "a rainbow over a house", "a penguin in the snow",
    "sunflowers in a field at noon", "a ginger cat on a chair",
]
EDIT_SOURCE, EDIT_PROMPT = "a cat in a meadow", "the cat becomes a small dog"
LOOK_PROMPT = "a deer by the lake at sunset"
LOOKS = [("gpt-4o-image", "GPT-4o Image"), ("gpt-image-2", "GPT Image 2"), ("nano-banana-pro", "Nano Banana Pro"),
         ("seedream-4.5", "Seedream 4.5")]


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # Pillow without FreeType: the small bitmap font
        return ImageFont.load_default()


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _open(content: bytes) -> Image.Image:
    return Image.open(io.BytesIO(content)).convert("RGB")


def tiles() -> list[tuple[Image.Image, str, str]]:
    """(picture, first label line, second label line) for each of the 24 tiles."""
    out = []
    for n, prompt in enumerate(PROMPTS):
        picture = _open(render_result({"prompt": prompt, "size": "1:1"}, n % 4, lambda url: None))
        out.append((picture, prompt, f"GPT-4o Image · variant {n % 4 + 1}"))
    source = _open(render_result({"prompt": EDIT_SOURCE, "size": "1:1"}, 0, lambda url: None))
    box = compose(EDIT_SOURCE, 0, (1024, 1024)).placed[0].box
    area = (box[0] - 60, box[1] - 60, box[2] + 60, box[3] + 40)
    mask = Image.new("L", source.size, 255)
    ImageDraw.Draw(mask).ellipse(area, fill=0)
    files = {"s": _png(source), "m": _png(mask)}
    edited = _open(render_result({"prompt": EDIT_PROMPT, "size": "1:1", "filesUrl": ["s"], "maskUrl": "m"}, 0,
                                 files.get))
    shown = source.copy()
    ImageDraw.Draw(shown).ellipse(area, outline=(255, 255, 255), width=6)  # the painted area, on the sheet only
    out.append((shown, f"edit: before ({EDIT_SOURCE})", "the painted area outlined"))
    out.append((edited, f"edit: “{EDIT_PROMPT}”", "pixels outside the area unchanged"))
    for look, name in LOOKS:
        out.append((_open(render_result({"prompt": LOOK_PROMPT, "size": "1:1", "model": look}, 0, lambda url: None)),
                    LOOK_PROMPT, name))
    return out


def sheet() -> Image.Image:
    """The contact sheet: six tiles a row, each with its two label lines."""
    items = tiles()
    rows = (len(items) + COLUMNS - 1) // COLUMNS
    width, height = COLUMNS * (TILE + GAP) + GAP, rows * (TILE + LABEL + GAP) + GAP
    image = Image.new("RGB", (width, height), (246, 244, 240))
    draw = ImageDraw.Draw(image)
    big, small = _font(15), _font(13)
    for i, (picture, first, second) in enumerate(items):
        x = GAP + (i % COLUMNS) * (TILE + GAP)
        y = GAP + (i // COLUMNS) * (TILE + LABEL + GAP)
        image.paste(picture.resize((TILE, TILE), Image.Resampling.LANCZOS), (x, y))
        while first and draw.textlength(first, font=big) > TILE:
            first = first[:-2] + "…"
        draw.text((x + 2, y + TILE + 6), first, fill=(40, 40, 48), font=big)
        draw.text((x + 2, y + TILE + 26), second, fill=(110, 110, 120), font=small)
    return image


def main(argv: list[str]) -> int:
    """Draw the sheet into the path given (default docs/contact-sheet.png)."""
    path = Path(argv[0] if argv else "docs/contact-sheet.png")
    path.parent.mkdir(parents=True, exist_ok=True)
    sheet().save(path, optimize=True)
    print(f"contact sheet: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
