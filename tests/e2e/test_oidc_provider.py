"""The test OpenID Connect provider signs two people in to a bare st.login script, in two browsers."""

from __future__ import annotations

import os
import secrets
import sys
import textwrap

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import Process, free_port, settle, wait_http
from tests.e2e.oidc_provider import auth_secrets_toml, sign_in, sign_out

pytestmark = pytest.mark.e2e

SCRIPT = textwrap.dedent("""
    import streamlit as st

    if not st.user.is_logged_in:
        st.button("Sign in", on_click=st.login)
    else:
        st.write(st.user.email)
        st.text(f"sub={st.user.sub} name={st.user.name}")
        st.button("Sign out", on_click=st.logout)
""")


@pytest.fixture
def signin_app(tmp_path, logs, oidc_provider):
    """A minimal st.login script whose [auth] comes from a file named by STREAMLIT_SECRETS_FILES."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    provider = oidc_provider.register([url + "/oauth2callback"])
    script = tmp_path / "signin.py"
    script.write_text(SCRIPT)
    # Not .streamlit/secrets.toml: this proves the secrets.files option is where st.login looks too.
    secrets_file = tmp_path / "team" / "auth.toml"
    secrets_file.parent.mkdir()
    secrets_file.touch(mode=0o600)
    secrets_file.write_text(auth_secrets_toml(provider, url, secrets.token_urlsafe(32)))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIE_", "STUDIO_", "STREAMLIT_"))}
    env.update({"STREAMLIT_SECRETS_FILES": str(secrets_file), "PYTHONUNBUFFERED": "1"})
    app = Process([sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
                   "--server.headless", "true", "--server.address", "127.0.0.1",
                   "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"], env, logs / "app.log")
    try:
        wait_http(url + "/_stcore/health", 60)
        yield url
    finally:
        app.stop()


def _open_signed_out(browser, url):
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.goto(url)
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    settle(page)
    return page


def test_two_people_sign_in_see_their_own_email_and_sign_out(browser, signin_app):
    alice = _open_signed_out(browser, signin_app)
    bob = _open_signed_out(browser, signin_app)
    try:
        sign_in(alice, "alice")
        sign_in(bob, "bob@corp.test")

        for page in (alice, bob):
            page.reload()
            settle(page)
        expect(alice.get_by_text("alice@example.com", exact=True)).to_be_visible()
        expect(alice.get_by_text("sub=alice name=alice")).to_be_visible()
        expect(bob.get_by_text("sub=bob@corp.test name=bob@corp.test")).to_be_visible()
        expect(bob.get_by_text("bob@corp.test", exact=True)).to_be_visible()
        expect(alice.get_by_text("bob@corp.test")).to_have_count(0)
        expect(bob.get_by_text("alice@example.com")).to_have_count(0)

        sign_out(alice)
        expect(alice.get_by_role("button", name="Sign in")).to_be_visible()
        assert alice.url.startswith(signin_app)
        alice.reload()
        settle(alice)
        expect(alice.get_by_role("button", name="Sign in")).to_be_visible()
        expect(alice.get_by_text("alice@example.com")).to_have_count(0)

        bob.reload()
        settle(bob)
        expect(bob.get_by_text("bob@corp.test", exact=True)).to_be_visible()
    finally:
        alice.context.close()
        bob.context.close()
