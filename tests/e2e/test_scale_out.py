"""Three replicas of `streamlit run app.py` on one PostgreSQL and one S3 bucket (moto's server: a stand-in, no real
S3 server is available here), behind a real nginx with sticky sessions (deploy/nginx.conf)."""

from __future__ import annotations

import re
import secrets
import signal
import time

import psycopg
import pytest
from playwright.sync_api import expect

from tests.e2e.harness import App, card, free_port, generate, open_app, settle
from tests.fixtures.nginx import STICKY_COOKIE, NginxProxy

IMAGES = "[data-testid=stImage] img"


@pytest.fixture
def cluster(tmp_path, logs, sim_process, postgres_url, s3_endpoint):
    ports = [free_port() for _ in range(3)]
    env = {"KIE_API_KEY": sim_process.keys[0], "KIE_API_BASE_URL": sim_process.url,
           "KIE_UPLOAD_BASE_URL": sim_process.url, "STUDIO_DATABASE_URL": postgres_url,
           "STUDIO_OBJECT_STORE_URL": s3_endpoint.object_store_url, **s3_endpoint.env,
           "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_urlsafe(32)}  # the same on every replica
    replicas = [App(tmp_path / f"replica{n}", logs / f"replica{n}.log", env=env, port=port)
                for n, port in enumerate(ports)]
    proxy = NginxProxy([f"127.0.0.1:{p}" for p in ports]).start()
    yield proxy, replicas
    proxy.stop()
    for app in replicas:
        app.stop()


def replica_of(proxy: NginxProxy, context) -> str:
    """The upstream nginx sends this browser to (from its sticky cookie and the access log)."""
    route = next(c["value"] for c in context.cookies() if c["name"] == STICKY_COOKIE)
    lines = [line for line in proxy.access_log().splitlines() if f"route={route}" in line]
    return re.search(r"upstream=(\S+)", lines[-1]).group(1)


def on_another_replica(browser, proxy: NginxProxy, avoid: str, path: str = "/"):
    """A new browser (a sticky reset) that nginx sends to a replica other than `avoid`."""
    for _ in range(20):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(30_000)
        page = context.new_page()
        open_app(page, proxy.url + path)
        if replica_of(proxy, context) != avoid:
            return page
        context.close()
    raise AssertionError("nginx sent twenty fresh browsers to the same replica")


def asked(sim, task_id: str) -> int:
    return sum(1 for r in sim.requests("/record-info") if r["query"].get("taskId") == [task_id])


def task_id_for(database_url: str, prompt: str) -> str:
    """The taskId of the task made from `prompt`, from the shared history."""
    with psycopg.connect(database_url) as db:
        return db.execute("SELECT task_id FROM tasks WHERE prompt = %s", (prompt,)).fetchone()[0]


def test_a_task_made_on_one_replica_shows_on_another_and_survives_its_replica_dying(browser, cluster, sim_process,
                                                                                     postgres_url):
    proxy, replicas = cluster
    first = browser.new_context(viewport={"width": 1400, "height": 1000})
    first.set_default_timeout(30_000)
    page = first.new_page()
    open_app(page, proxy.url)
    home = replica_of(proxy, first)

    # A baseline task seen through to the end by its own tab: how many record-infos one viewer needs.
    generate(page, "a lighthouse [seconds:8]")
    expect(page.locator(IMAGES)).to_have_count(1, timeout=40_000)
    baseline_id = task_id_for(postgres_url, "a lighthouse [seconds:8]")

    # Generate on one replica, see it (and its image, from the shared bucket) on another after a sticky reset.
    other = on_another_replica(browser, proxy, home, "/history")
    expect(card(other, "a lighthouse").first).to_be_visible()
    expect(other.locator(IMAGES)).to_have_count(1)

    # Now a task whose replica is killed mid-task: the others finish it, without a burst of record-infos.
    generate(page, "a harbour at dusk [seconds:8]")
    killed_id = task_id_for(postgres_url, "a harbour at dusk [seconds:8]")
    victim = next(app for app in replicas if home.endswith(f":{app.port}"))
    time.sleep(2)
    victim.stop(signal.SIGKILL)
    first.close()
    other.goto(proxy.url + "/history")
    settle(other)
    expect(card(other, "a harbour at dusk").first).to_be_visible()
    expect(other.locator(IMAGES)).to_have_count(2, timeout=90_000)
    assert asked(sim_process, killed_id) <= asked(sim_process, baseline_id) + 1
    other.context.close()
