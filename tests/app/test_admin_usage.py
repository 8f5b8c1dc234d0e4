"""Admin's usage per model as drawn: measured, estimated for the rest and the total, each in its own column."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def test_the_per_model_table_says_which_credits_are_measured_and_which_estimated(tmp_path, monkeypatch):
    monkeypatch.setenv("ADMIN_USAGE_TEST_DIR", str(tmp_path))

    def admin() -> None:
        import os
        from pathlib import Path

        from components import admin_view
        from tests.unit.test_admin_per_model import studio_with_usage

        admin_view.usage_table(studio_with_usage(Path(os.environ["ADMIN_USAGE_TEST_DIR"]), "demo"))

    at = AppTest.from_function(admin, default_timeout=30)
    at.run()
    assert not at.exception
    per_model = at.dataframe[1].value
    assert list(per_model.columns) == ["model", "tasks", "images", "failures", "measured tasks", "measured (credits)",
                                       "estimated for the rest (credits)", "total (credits)", "estimated from"]
    figures = per_model.set_index("model")[["measured (credits)", "estimated for the rest (credits)",
                                            "total (credits)"]]
    assert figures.to_dict("index") == {
        "GPT-4o Image": {"measured (credits)": 4.0, "estimated for the rest (credits)": 9.0, "total (credits)": 13.0},
        "Seedream 4.5": {"measured (credits)": 2.0, "estimated for the rest (credits)": 1.6, "total (credits)": 3.6}}
    assert any("a failed task costs nothing" in c.value for c in at.caption)
