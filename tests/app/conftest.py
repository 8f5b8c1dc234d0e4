"""AppTest fixtures: the real app in demo mode, on a fresh data folder, with a fast simulator."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kie.service import reset_service

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app_env(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDIO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("STUDIO_SIM_TASK_SECONDS", "1")
    monkeypatch.chdir(ROOT)
    reset_service()  # settings and the demo simulator are per process: start fresh
    yield tmp_path / "data"
    reset_service()


@pytest.fixture
def app(app_env):
    at = AppTest.from_file(str(ROOT / "navigation.py"), default_timeout=30)
    at.run()
    assert not at.exception
    return at


def run_until(at: AppTest, done, timeout: float = 15.0) -> AppTest:
    """Rerun the app (as the polling fragment would) until `done(at)` holds."""
    end = time.time() + timeout
    while time.time() < end:
        at.run()
        assert not at.exception, at.exception
        if done(at):
            return at
        time.sleep(0.3)
    raise AssertionError("the app did not reach the expected state")
