"""The docs name only tests that exist, and the README's commands are what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_test_named_in_the_reliability_table_exists():
    text = (ROOT / "docs" / "RELIABILITY.md").read_text()
    refs = set(re.findall(r"`((?:unit|app|e2e)/[a-z_]+\.py)::([a-z_0-9]+)", text))
    assert len(refs) > 30
    missing = [f"{f}::{t}" for f, t in refs if f"def {t}(" not in (ROOT / "tests" / f).read_text()]
    assert missing == []


def test_ci_runs_the_test_command_the_readme_gives():
    readme = (ROOT / "README.md").read_text()
    assert "./scripts/test.sh" in readme
    assert "./scripts/test.sh" in (ROOT / ".ci" / "run").read_text()
