"""The server configuration keeps its safety settings."""

from __future__ import annotations

import tomllib
from pathlib import Path

from kie.config import Settings, read_secret

ROOT = Path(__file__).resolve().parents[2]


def test_streamlit_config_keeps_xsrf_on_and_the_upload_cap_at_25_mb():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["maxUploadSize"] == 25
    assert config["browser"]["gatherUsageStats"] is False


def test_the_server_neither_watches_its_files_nor_collects_all_garbage_after_each_run():
    """Both cost CPU per open tab on a server (bench/RESULTS.md, issue 28): Streamlit's defaults poll the app's files
    from every session and run gc.collect(2) after every script and fragment run."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["fileWatcherType"] == "none"
    assert config["runner"]["postScriptGC"] is False


def test_secrets_are_ignored_by_git_and_only_an_example_is_kept():
    assert ".streamlit/secrets.toml" in (ROOT / ".gitignore").read_text()
    assert (ROOT / ".streamlit" / "secrets.toml.example").exists()


def test_settings_from_the_environment():
    cfg = Settings.from_env({"KIE_API_KEY": " k ", "KIE_API_BASE_URL": "http://h:1/", "STUDIO_DATA_DIR": "/tmp/x",
                             "STUDIO_TASK_DEADLINE_SECONDS": "30"})
    assert cfg.api_key == "k" and cfg.api_base_url == "http://h:1" and cfg.task_deadline == 30.0
    assert Settings.from_env({}).api_key is None and Settings.from_env({}).api_base_url == "https://api.kie.ai"


def test_team_settings_from_the_environment():
    cfg = Settings.from_env({"STUDIO_TEAM_HISTORY": "Shared", "STUDIO_DAILY_IMAGE_LIMIT": "12",
                             "STUDIO_ADMINS": "Boss@Example.com, ops@example.com"})
    assert cfg.team_history == "shared" and cfg.daily_image_limit == 12
    assert cfg.admins == {"boss@example.com", "ops@example.com"}
    default = Settings.from_env({})
    assert default.team_history == "private" and default.daily_image_limit == 0 and default.admins == frozenset()
    assert "KEY" not in repr(Settings.from_env({"KIE_WEBHOOK_HMAC_KEY": "KEY", "KIE_API_KEY": "KEY"}))


def test_a_secret_is_read_trimmed_and_missing_empty_or_unreadable_ones_are_none():
    kept = {"KIE_API_KEY": "  sk-123 \n", "EMPTY": "   ", "NUMBER": 42}
    assert read_secret(lambda: kept, "KIE_API_KEY") == "sk-123"
    assert read_secret(lambda: kept, "NUMBER") == "42"
    assert read_secret(lambda: kept, "EMPTY") is None
    assert read_secret(lambda: kept, "MISSING") is None

    def no_secrets_file() -> dict:
        raise FileNotFoundError("No secrets found")  # what Streamlit raises without any secrets file

    assert read_secret(no_secrets_file, "KIE_API_KEY") is None
