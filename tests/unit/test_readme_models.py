"""README's table of models is the catalogue's own (scripts/models_table.py makes it)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from kie import catalog

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("models_table", ROOT / "scripts" / "models_table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_table_matches_the_catalogue():
    script = _script()
    readme = (ROOT / "README.md").read_text()
    assert script.readme_with_table(readme) == readme, "run: python scripts/models_table.py --write"


def test_the_table_has_a_row_per_model_and_tool():
    table = _script().table()
    for spec in catalog.image_models() + catalog.tools():
        assert f"**{spec.name}** (`{spec.id}`)" in table
        assert f"{spec.max_prompt_chars:,} chars" in table or not spec.takes_prompt
    assert len(table.splitlines()) == 2 + len(catalog.image_models()) + len(catalog.tools())
