"""Contact sheets of the simulator's pictures, to see at a glance what the demo pictures show.

    python -m kie.simulator.contact_sheet docs/contact-sheet.png [--prompts docs/contact-sheet-prompts.txt]

draws every prompt of the prompt file (one a line, `#` lines are notes) as a 1024x1024 GPT-4o Image task would get
it (variants 1 to 4 in turn), and writes under each picture how many of the subjects it names were drawn ("2 of
2 drawn", and what was not). Beside it, `<name>-looks.png` shows three prompts in every model's look.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from kie.simulator.art.compose import compose
from kie.simulator.art.styles import LOOKS
from kie.simulator.art.vocab import read

PROMPTS_FILE = Path(__file__).resolve().parents[2] / "docs" / "contact-sheet-prompts.txt"
TILE, LABEL, COLUMNS, GAP, HEADER = 300, 52, 8, 10, 44
DRAWN_SIZE = (1024, 1024)  # a square GPT-4o Image result
LOOK_PROMPTS = ["a woman riding a bicycle in the park", "a bowl of ramen with chopsticks on a wooden table",
                "a full moon over snowy mountains at night"]


@dataclass
class Tile:
    """One picture of the sheet and what it shows."""

    image: Image.Image
    prompt: str
    named: list[str]  # the subjects the prompt names (kinds it knows, then words it does not)
    drawn: list[str]  # those drawn
    missing: list[str]  # those not drawn, in the prompt's words

    @property
    def count(self) -> str:
        return f"{len(self.drawn)} of {len(self.named)} drawn"


def prompts_from(path: Path) -> list[str]:
    """The prompts of a prompt file: one a line, blank lines and `#` notes skipped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def tile(prompt: str, index: int, style: str | None = None) -> Tile:
    """Draw a prompt and count what it names against what the picture shows."""
    picture = compose(prompt, index, DRAWN_SIZE, style=style)
    reading = picture.reading or read(prompt)
    placed = {p.kind for p in picture.placed}
    known = [kind for unit in reading.units for kind in unit.names] + reading.left_out
    named = list(dict.fromkeys(known)) + reading.unknown
    drawn = [kind for kind in dict.fromkeys(known) if kind in placed]
    missing = [kind for kind in dict.fromkeys(known) if kind not in placed] + reading.unknown
    return Tile(picture.image, prompt, named, drawn, missing)


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # Pillow without FreeType: the small bitmap font
        return ImageFont.load_default()


def _fit(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> str:
    while text and draw.textlength(text, font=font) > width:
        text = text[:-2] + "…"
    return text


def _grid(tiles: list[tuple[Image.Image, str, str, bool]], title: str, columns: int) -> Image.Image:
    rows = (len(tiles) + columns - 1) // columns
    width = columns * (TILE + GAP) + GAP
    height = HEADER + rows * (TILE + LABEL + GAP) + GAP
    sheet = Image.new("RGB", (width, height), (246, 244, 240))
    draw = ImageDraw.Draw(sheet)
    big, small = _font(15), _font(13)
    draw.text((GAP + 2, 12), title, fill=(40, 40, 48), font=_font(20))
    for i, (picture, first, second, warn) in enumerate(tiles):
        x = GAP + (i % columns) * (TILE + GAP)
        y = HEADER + GAP + (i // columns) * (TILE + LABEL + GAP)
        sheet.paste(picture.resize((TILE, TILE), Image.Resampling.LANCZOS), (x, y))
        draw.text((x + 2, y + TILE + 6), _fit(draw, first, big, TILE - 4), fill=(40, 40, 48), font=big)
        draw.text((x + 2, y + TILE + 28), _fit(draw, second, small, TILE - 4),
                  fill=(180, 50, 40) if warn else (90, 110, 90), font=small)
    return sheet


def sheet(prompts: list[str]) -> tuple[Image.Image, list[Tile]]:
    """The contact sheet of `prompts` and its tiles."""
    tiles = [tile(prompt, n % 4) for n, prompt in enumerate(prompts)]
    drawn, named = sum(len(t.drawn) for t in tiles), sum(len(t.named) for t in tiles)
    two = sum(1 for t in tiles if len(t.named) >= 2)
    title = (f"{len(tiles)} everyday prompts, {two} naming two or more subjects: {drawn} of {named} subjects "
             f"drawn (GPT-4o Image look, 1024x1024, variants 1-4)")
    cells = [(t.image, t.prompt, t.count + (f" · not drawn: {', '.join(t.missing)}" if t.missing else ""),
              bool(t.missing)) for t in tiles]
    return _grid(cells, title, COLUMNS), tiles


def looks_sheet(prompts: list[str] = LOOK_PROMPTS) -> Image.Image:
    """The same prompts in every model's look, one row a prompt."""
    cells = [(compose(prompt, 0, DRAWN_SIZE, style=name).image, name, prompt, False)
             for prompt in prompts for name in LOOKS]
    return _grid(cells, "Every model's look: composition, palette, line and detail differ, not only colour",
                 len(LOOKS))


def main(argv: list[str]) -> int:
    """Draw the sheet into the path given (default docs/contact-sheet.png) and its looks sheet beside it."""
    args = list(argv)
    prompts_file = PROMPTS_FILE
    if "--prompts" in args:
        at = args.index("--prompts")
        if at + 1 >= len(args):
            print("--prompts needs a file: one prompt a line", file=sys.stderr)
            return 2
        prompts_file = Path(args[at + 1])
        del args[at:at + 2]
    path = Path(args[0] if args else "docs/contact-sheet.png")
    if not prompts_file.is_file():
        print(f"no prompt file at {prompts_file}: write one prompt a line, or pass --prompts FILE", file=sys.stderr)
        return 2
    prompts = prompts_from(prompts_file)
    if not prompts:
        print(f"{prompts_file} has no prompts (one a line; lines starting with # are notes)", file=sys.stderr)
        return 2
    path.parent.mkdir(parents=True, exist_ok=True)
    image, tiles = sheet(prompts)
    image.save(path, optimize=True)
    looks = path.with_name(f"{path.stem}-looks{path.suffix}")
    looks_sheet().save(looks, optimize=True)
    drawn, named = sum(len(t.drawn) for t in tiles), sum(len(t.named) for t in tiles)
    print(f"contact sheet: {path} ({len(tiles)} prompts, {drawn} of {named} subjects drawn); looks: {looks}")
    for t in tiles:
        if t.missing:
            print(f"  {t.prompt!r}: not drawn: {', '.join(t.missing)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
