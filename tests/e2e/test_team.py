"""The team server in real browsers: sign-in with a real OpenID provider, per-person history, budgets, Admin."""

from __future__ import annotations

import re
import secrets
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import App, card, free_port, generate, settle, type_prompt
from tests.e2e.oidc_provider import auth_secrets_toml, sign_in

ADMIN = "admin@example.com"


def team_app(tmp_path, logs, sim_process, oidc_provider, *, history: str, limit: int):
    """The studio on the team key held by the server, with sign-in against the run's provider (its own client)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    provider = oidc_provider.register([url + "/oauth2callback"])
    auth = tmp_path / f"auth-{history}.toml"
    auth.touch(mode=0o600)
    cookie_secret = secrets.token_urlsafe(32)
    auth.write_text(auth_secrets_toml(provider, url, cookie_secret))
    env = {"KIE_API_KEY": sim_process.keys[0], "KIE_API_BASE_URL": sim_process.url,
           "KIE_UPLOAD_BASE_URL": sim_process.url, "STREAMLIT_SECRETS_FILES": str(auth),
           "STUDIO_TEAM_HISTORY": history, "STUDIO_DAILY_IMAGE_LIMIT": str(limit), "STUDIO_ADMINS": ADMIN}
    app = App(tmp_path / f"data-{history}", logs / f"app-{history}.log", env=env, port=port)
    app.secrets = [sim_process.keys[0], cookie_secret, provider.client_secret]
    return app


@pytest.fixture
def private_app(tmp_path, logs, sim_process, oidc_provider):
    app = team_app(tmp_path, logs, sim_process, oidc_provider, history="private", limit=1)
    yield app
    app.stop()


def person(browser, url: str, name: str, path: str = "/"):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.goto(url + path)
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    sign_in(page, name)
    page.wait_for_selector("[data-testid=stSidebar]")
    settle(page)
    return page


def test_people_see_only_their_own_tasks_budgets_hold_and_admin_is_for_admins(browser, private_app, sim_process,
                                                                            tmp_path):
    alice = person(browser, private_app.url, "alice")
    # Who is signed in, in the sidebar (components.text puts a word joiner after "@": never a link).
    expect(alice.get_by_text(re.compile(r"alice@\u2060?example\.com"))).to_be_visible()
    generate(alice, "alice's red fox")
    expect(alice.get_by_text("Today: 1 of 1 images")).to_be_visible(timeout=15_000)
    bob = person(browser, private_app.url, "bob")
    generate(bob, "bob's grey owl")

    alice.goto(private_app.url + "/history")
    settle(alice)
    expect(card(alice, "alice's red fox").first).to_be_visible()
    expect(alice.get_by_text("bob's grey owl")).to_have_count(0)
    bob.goto(private_app.url + "/history")
    settle(bob)
    expect(card(bob, "bob's grey owl").first).to_be_visible()
    expect(bob.get_by_text("alice's red fox")).to_have_count(0)
    alice_task = [r for r in sim_process.requests("/generate") if "fox" in r["body"].get("prompt", "")]
    assert len(alice_task) == 1

    # Over the budget: refused with what is left and when it resets, and nothing reaches the service.
    sent = len(sim_process.requests("/generate"))
    alice.goto(private_app.url)
    settle(alice)
    generate_refused(alice, "alice's second fox")
    expect(alice.get_by_text("0 of 1 image left today")).to_be_visible()
    expect(alice.get_by_text("resets at 00:00 UTC")).to_be_visible()
    assert len(sim_process.requests("/generate")) == sent

    # The Admin page: refused by URL to a non-admin, the usage table for an admin.
    bob.goto(private_app.url + "/admin")
    settle(bob)
    expect(bob.get_by_text("This page is for the studio's admins")).to_be_visible()
    expect(bob.get_by_role("link", name="Admin", exact=True)).to_have_count(0)
    admin = person(browser, private_app.url, ADMIN)
    expect(admin.get_by_role("link", name="Admin", exact=True)).to_be_visible()
    admin.goto(private_app.url + "/admin")
    settle(admin)
    table = admin.get_by_test_id("stDataFrame").first
    expect(table).to_be_visible()
    admin.get_by_role("tab", name="Audit log").click()
    expect(admin.get_by_test_id("stDataFrame").last).to_be_visible()
    # No secret reaches a page, a URL, the log or the data folder.
    for page in (alice, bob, admin):
        seen = page.content() + page.url
        assert not [s for s in private_app.secrets if s in seen]
        page.context.close()
    log = private_app.log.read_text()
    assert not [s for s in private_app.secrets if s in log]
    for path in (tmp_path / "data-private").rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert not [s for s in private_app.secrets if s.encode() in content], path


def generate_refused(page, prompt: str) -> None:
    type_prompt(page, prompt)
    page.get_by_role("button", name="Generate").click()
    expect(page.get_by_text("Daily image limit reached.")).to_be_visible()


SAW_REFUSAL_JS = """() => {
    window.__sawRefusal = false;
    const look = () => {
        if (document.body.textContent.includes("Daily image limit reached.")) window.__sawRefusal = true;
    };
    new MutationObserver(look).observe(document.body, {childList: true, subtree: true, characterData: true});
}"""


def test_two_tabs_at_the_limit_let_exactly_one_submit_through(browser, private_app, sim_process):
    first = person(browser, private_app.url, "dave")
    second = first.context.new_page()
    second.goto(private_app.url)
    second.wait_for_selector("[data-testid=stSidebar]")
    settle(second)
    for page, prompt in ((first, "dave's left tab"), (second, "dave's right tab")):
        type_prompt(page, prompt)
    # Each tab notes whether it ever showed the refusal: the refused tab's message may be cleared again by a later
    # rerun of that tab (the other tab's task is the same person's, and its end redraws the page).
    for page in (first, second):
        page.evaluate(SAW_REFUSAL_JS)
    before = len(sim_process.requests("/generate"))
    # Both at once, as two hands would: the second click does not wait for the first page's run.
    first.get_by_role("button", name="Generate").click(no_wait_after=True)
    second.get_by_role("button", name="Generate").click(no_wait_after=True)
    end = time.time() + 60  # on a loaded machine either tab's run may take a while: wait for an answer
    while time.time() < end and not any(p.evaluate("() => window.__sawRefusal") for p in (first, second)):
        first.wait_for_timeout(200)
    for page in (first, second):
        settle(page)
    refused = [p for p in (first, second) if p.evaluate("() => window.__sawRefusal")]
    assert len(refused) == 1
    assert len(sim_process.requests("/generate")) == before + 1
    first.context.close()


@pytest.fixture
def shared_app(tmp_path, logs, sim_process, oidc_provider):
    app = team_app(tmp_path, logs, sim_process, oidc_provider, history="shared", limit=0)
    yield app
    app.stop()


def test_with_a_shared_history_everyone_sees_both(browser, shared_app):
    alice = person(browser, shared_app.url, "alice")
    generate(alice, "alice's blue whale")
    bob = person(browser, shared_app.url, "bob")
    generate(bob, "bob's green frog")
    bob.goto(shared_app.url + "/history")
    settle(bob)
    expect(bob.get_by_text("alice's blue whale")).to_have_count(0)  # "Mine" by default
    bob.get_by_role("radio", name="Everyone").click()
    settle(bob)
    expect(card(bob, "alice's blue whale").first).to_be_visible()
    expect(card(bob, "bob's green frog").first).to_be_visible()
    for page in (alice, bob):
        page.context.close()
