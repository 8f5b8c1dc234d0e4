"""The README's table of models, from the catalogue: `python scripts/models_table.py` prints it,
`python scripts/models_table.py --write` puts it into README.md between its markers."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kie import catalog  # noqa: E402 - after the path is set
from kie.catalog import ModelSpec, OptionSpec  # noqa: E402
from kie.families import family_of  # noqa: E402

START, END = "<!-- models-table: made by scripts/models_table.py -->", "<!-- /models-table -->"


def _option(option: OptionSpec) -> str:
    if option.kind == "bool":
        return f"{option.label} (on/off, {'on' if option.default else 'off'})"
    values = ", ".join(option.label_for(v) for v in option.values)
    return f"{option.label}: {values} (default {option.label_for(option.default)})"


def _refs(spec: ModelSpec) -> str:
    if not spec.max_refs:
        return "none"
    return f"up to {spec.max_refs}" + (" (required)" if spec.refs_required else "")


def _row(spec: ModelSpec) -> str:
    images = ", ".join(str(v) for v in spec.option(spec.images_option).values) if spec.images_option else "1"
    cells = [f"**{spec.name}** (`{spec.id}`)", family_of(spec.family).label,
             f"{spec.max_prompt_chars:,} chars" if spec.takes_prompt else "no prompt", _refs(spec),
             "yes" if spec.takes_mask else "no", images,
             "<br>".join(_option(o) for o in spec.options) or "—",
             f"{spec.price_per_image:g}", f"~{spec.typical_seconds:.0f} s"]
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def table() -> str:
    """The models and tools of the catalogue as one Markdown table."""
    head = ("| Model | API | Prompt | Reference pictures | Mask | Images per task | Options (values, default) | "
            "Credits per image (estimate) | Typical time |")
    rows = [_row(s) for s in catalog.image_models()] + [_row(s) for s in catalog.tools()]
    return "\n".join([head, "|" + " --- |" * 9, *rows])


def readme_with_table(text: str) -> str:
    """README's text with the table between the markers replaced by the catalogue's."""
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    return f"{before}{START}\n{table()}\n{END}{after}"


if __name__ == "__main__":
    if "--write" in sys.argv:
        path = ROOT / "README.md"
        path.write_text(readme_with_table(path.read_text()))
    else:
        print(table())
