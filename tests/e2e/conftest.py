from __future__ import annotations

import os
import uuid

import pytest

from tests.e2e.browser_pool import pool_contexts
from tests.e2e.harness import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, App, Simulator, watch_runs
from tests.e2e.oidc_provider import OidcProvider, shared_oidc_provider

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect, sync_playwright

    # expect()'s own default is 5 s: a page rerun on a loaded 2-core machine can take longer, and a condition that
    # holds late still holds (the tests wait on conditions, so a longer limit costs nothing when all goes well).
    expect.set_options(timeout=30_000)

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: scripts/test.sh installs it (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        # Contexts are lent warm (browser_pool), and every page counts its script runs, so settle() waits on them
        # instead of sleeping.
        pool_contexts(b, prepare=watch_runs)
        yield b
        b.close()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    ctx.set_default_timeout(30_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def logs(tmp_path):
    return tmp_path / "logs"


@pytest.fixture
def demo_app(tmp_path, logs):
    app = App(tmp_path / "data", logs / "app.log")
    yield app
    app.stop()


@pytest.fixture
def sim_process(logs):
    keys = [f"key-a-{uuid.uuid4().hex}", f"key-b-{uuid.uuid4().hex}"]
    sim = Simulator(keys, logs / "sim.log")
    sim.keys = keys
    yield sim
    sim.stop()


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory) -> OidcProvider:
    """One OpenID provider for the whole run (one per xdist worker): each app registers its own client with it."""
    return shared_oidc_provider(tmp_path_factory.mktemp("oidc") / "oidc.log")


@pytest.fixture(autouse=True, scope="session")
def _artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
