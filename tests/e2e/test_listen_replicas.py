"""A tab on replica A sees a task finish that replica B followed (issue 28): PostgreSQL's LISTEN/NOTIFY carries the
change from B's process to A's, with nginx in front of A, one PostgreSQL and one S3 bucket (moto's server) for both.

B stands behind no proxy: it is where the provider's callbacks go (STUDIO_PUBLIC_URL names it), so it is B's worker
that asks about the task when it ends and keeps its picture; A's worker polls only every 10 minutes while a
callback is expected. Each replica names itself in its calls to the provider (STUDIO_REPLICA_NAME, kie.callers), so
the simulator's log says which one asked.
"""

from __future__ import annotations

import secrets

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import App, free_port, generate, open_app
from tests.fixtures.nginx import NginxProxy

IMAGES = "[data-testid=stImage] img"
LISTENING = "() => Array.from((window.__studioListen || new Map()).values()).some((s) => s.connected)"


@pytest.fixture
def two_replicas(tmp_path, logs, sim_process, postgres_url, s3_endpoint):
    port_a, port_b = free_port(), free_port()
    common = {"KIE_API_KEY": sim_process.keys[0], "KIE_API_BASE_URL": sim_process.url,
              "KIE_UPLOAD_BASE_URL": sim_process.url, "STUDIO_DATABASE_URL": postgres_url,
              "STUDIO_OBJECT_STORE_URL": s3_endpoint.object_store_url, **s3_endpoint.env,
              "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_urlsafe(32),
              "STUDIO_PUBLIC_URL": f"http://127.0.0.1:{port_b}", "STUDIO_CALLBACK_POLL_SECONDS": "600",
              "STUDIO_SAFETY_TICK_SECONDS": "600"}  # only B's NOTIFY can bring the change to A's tab in time
    replica_b = App(tmp_path / "b", logs / "b.log", env={**common, "STUDIO_REPLICA_NAME": "B"}, port=port_b)
    replica_a = App(tmp_path / "a", logs / "a.log", env={**common, "STUDIO_REPLICA_NAME": "A"}, port=port_a)
    proxy = NginxProxy([f"127.0.0.1:{port_a}"]).start()
    yield proxy, replica_a, replica_b
    proxy.stop()
    replica_a.stop()
    replica_b.stop()


def test_a_tab_on_replica_a_sees_a_task_finish_that_replica_b_followed(page, two_replicas, sim_process):
    proxy, _a, _b = two_replicas
    sim_process.configure(task_seconds=8)
    open_app(page, proxy.url)
    generate(page, "a ferry between two harbours")
    page.wait_for_function(LISTENING)
    expect(page.locator(IMAGES)).to_have_count(1, timeout=60_000)
    asked = sim_process.requests("/record-info")
    callers = [r["caller"] for r in asked]
    # The answer that ended it (the last) came from B's worker after B took the callback; A's page never asked.
    assert callers and callers[-1] == "worker@B", callers
    assert not [c for c in callers if c.startswith("page")], callers
    assert [c for c in sim_process.callbacks() if c["status"] == 200], "the callback did not reach replica B"
