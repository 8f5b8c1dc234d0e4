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


def _mask(spec: ModelSpec) -> str:
    """Which edit it makes: with a painted mask, or image to image with the studio's mask composite, or none."""
    if spec.takes_mask:
        return "yes (painted mask)"
    if spec.is_tool:
        return "no (a tool)"
    if spec.max_refs:
        return "no: image to image, mask composite"
    return "no (takes no picture)"


def _seconds(seconds: float) -> str:
    return f"~{seconds:.0f} s" if seconds < 120 else f"~{seconds / 60:.0f} min"


def _by_option(spec: ModelSpec, factors: dict, figure) -> str:
    """What a figure is for each value of the options it depends on ("Speed: Relaxed 3, Fast 8, Turbo 16")."""
    parts = []
    for key in factors:
        option = spec.option(key)
        values = ", ".join(f"{option.label_for(v)} {figure({key: v})}" for v in option.values)
        parts.append(f"{option.label}: {values}")
    return "<br>".join(parts)


def _price(spec: ModelSpec) -> str:
    text = f"{spec.estimate():g} a task"
    if spec.images_for() > 1 or spec.images_option:
        text += f" ({spec.price_for_image():g} per image)"
    more = _by_option(spec, spec.price_factors, lambda o: f"{spec.estimate(o):g}")
    return f"{text}<br>{more}" if more else text


def _time(spec: ModelSpec) -> str:
    more = _by_option(spec, spec.seconds_factors, lambda o: _seconds(spec.typical_seconds_for(o)))
    return f"{_seconds(spec.typical_seconds)}<br>{more}" if more else _seconds(spec.typical_seconds)


def _contract(spec: ModelSpec) -> str:
    source = f"verified page: {spec.source}" if spec.source else "no provider page read"
    if spec.unverified:
        source += "<br>**unverified**: " + ", ".join(f if " " in f else f"`{f}`" for f in spec.unverified)
    return source


def _row(spec: ModelSpec) -> str:
    images = ", ".join(str(v) for v in spec.option(spec.images_option).values) if spec.images_option \
        else str(spec.images_per_task)
    if spec.acts_on_task:
        refs = "one picture of a finished " + " or ".join(catalog.name_of(m) for m in spec.applies_to) + " grid"
    else:
        refs = _refs(spec)
    cells = [f"**{spec.name}** (`{spec.id}`)", family_of(spec.family).label,
             f"{spec.max_prompt_chars:,} chars" if spec.takes_prompt else "no prompt", refs, _mask(spec), images,
             "<br>".join(_option(o) for o in spec.options) or "—", _price(spec), _time(spec), _contract(spec)]
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def table() -> str:
    """The models and tools of the catalogue as one Markdown table."""
    head = ("| Model | API | Prompt | Reference pictures | Mask | Images per task | Options (values, default) | "
            "Credits (estimate) | Typical time | Contract |")
    rows = [_row(s) for s in catalog.grouped_models()] + [_row(s) for s in catalog.tools()]
    return "\n".join([head, "|" + " --- |" * 10, *rows])


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
