"""A real OpenID Connect provider for browser tests of `st.login`: panva's oidc-provider run by Node.

The provider's login form accepts any name; the name is the person's id and their e-mail is the name
(when it holds an "@") or name@example.com. One provider serves a whole test run (the `oidc_provider` session
fixture): each app under test registers its own client with its own redirect URI (`OidcProvider.register`).
"""

from __future__ import annotations

import atexit
import fcntl
import json
import os
import secrets
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from tests.e2e.harness import Process, free_port, settle, wait_http

OIDC_DIR = Path(__file__).resolve().parent / "oidc"
PROVIDER_JS = OIDC_DIR / "provider.js"


def ensure_node_modules() -> None:
    """Install the provider's pinned packages (`npm ci`) unless they are there already."""
    if (OIDC_DIR / "node_modules" / "oidc-provider" / "package.json").exists():
        return
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        raise RuntimeError("the sign-in tests need Node.js 20+ and npm (apt-get install nodejs npm)")
    # xdist workers: one installs, the others wait for it and find it done.
    with open(Path(tempfile.gettempdir()) / "studio-oidc-npm-ci.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (OIDC_DIR / "node_modules" / "oidc-provider" / "package.json").exists():
            return
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=OIDC_DIR, capture_output=True, text=True,
                              timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"npm ci failed in {OIDC_DIR}:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")


@dataclass(frozen=True)
class OidcClient:
    """A confidential client of the provider: what an app's `[auth]` section needs."""

    issuer: str
    client_id: str
    client_secret: str

    @property
    def metadata_url(self) -> str:
        """The discovery document Streamlit's `server_metadata_url` points at."""
        return f"{self.issuer}/.well-known/openid-configuration"


class OidcProvider(Process):
    """oidc-provider on a free loopback port: with `redirect_uris`, one confidential client for them known from the
    start (`client_id`, `client_secret`); either way, more clients can be added with `register`."""

    def __init__(self, redirect_uris: list[str] | None, log: Path, client_id: str = "studio-test"):
        ensure_node_modules()
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.client_id = client_id if redirect_uris else ""
        # Fresh per run and handed over in the environment only, never written to disk.
        self.client_secret = secrets.token_urlsafe(32) if redirect_uris else ""
        self._registration_token = secrets.token_urlsafe(32)
        env = {**os.environ, "OIDC_PORT": str(self.port), "OIDC_REGISTRATION_TOKEN": self._registration_token}
        if redirect_uris:
            env.update({"OIDC_CLIENT_ID": client_id, "OIDC_CLIENT_SECRET": self.client_secret,
                        "OIDC_REDIRECT_URIS": ",".join(redirect_uris)})
        super().__init__([shutil.which("node") or "node", str(PROVIDER_JS)], env, log)
        try:
            wait_http(self.metadata_url, 30)
        except TimeoutError:
            self.stop()
            raise

    @property
    def metadata_url(self) -> str:
        """The discovery document Streamlit's `server_metadata_url` points at."""
        return f"{self.issuer}/.well-known/openid-configuration"

    def register(self, redirect_uris: list[str]) -> OidcClient:
        """A new confidential client for an app whose sign-in comes back to `redirect_uris` (and st.logout too)."""
        answer = requests.post(f"{self.issuer}/reg", timeout=10,
                               headers={"Authorization": f"Bearer {self._registration_token}"},
                               json={"redirect_uris": redirect_uris, "post_logout_redirect_uris": redirect_uris,
                                     "grant_types": ["authorization_code"], "response_types": ["code"],
                                     "token_endpoint_auth_method": "client_secret_basic"})
        if answer.status_code != 201:
            raise RuntimeError(f"the provider refused the client ({answer.status_code}): {answer.text[:500]}")
        body = answer.json()
        return OidcClient(self.issuer, body["client_id"], body["client_secret"])

    def running(self) -> bool:
        return self.proc.poll() is None

    def __enter__(self) -> OidcProvider:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


_shared: OidcProvider | None = None
_shared_lock = threading.Lock()


def shared_oidc_provider(log: Path) -> OidcProvider:
    """The one provider of this test process (one per xdist worker), started on first use and stopped at exit."""
    global _shared
    with _shared_lock:
        if _shared is None or not _shared.running():
            _shared = OidcProvider(None, log)
            atexit.register(_shared.stop)
        return _shared


def _toml_string(value: str) -> str:
    # A JSON string without ASCII escaping is a valid TOML basic string.
    return json.dumps(value, ensure_ascii=False)


def auth_secrets_toml(provider: OidcProvider | OidcClient, app_url: str, cookie_secret: str) -> str:
    """The `[auth]` section of secrets.toml that signs people in to the app at `app_url` as `provider`'s client."""
    lines = [
        "[auth]",
        f"redirect_uri = {_toml_string(app_url.rstrip('/') + '/oauth2callback')}",
        f"cookie_secret = {_toml_string(cookie_secret)}",
        f"client_id = {_toml_string(provider.client_id)}",
        f"client_secret = {_toml_string(provider.client_secret)}",
        f"server_metadata_url = {_toml_string(provider.metadata_url)}",
        # oidc-provider refuses Streamlit's default prompt=select_account; login also forces the form every time.
        'client_kwargs = { prompt = "login" }',
    ]
    return "\n".join(lines) + "\n"


def sign_in(page, name: str, timeout: float = 30.0) -> None:
    """From an app page with a "Sign in" button, sign in as `name` at the provider and wait until back on the app."""
    app_origin = "/".join(page.url.split("/")[:3])
    page.get_by_role("button", name="Sign in", exact=True).click()
    login = page.locator("input[name=login]")
    login.wait_for(timeout=timeout * 1000)
    login.fill(name)
    # The dev login form wants a password but never checks it.
    page.locator("input[name=password]").fill("any")
    page.get_by_role("button", name="Sign-in").click()
    end = time.time() + timeout
    while not page.url.startswith(app_origin + "/") or "/oauth2callback" in page.url:
        if time.time() > end:
            raise TimeoutError(f"sign-in as {name!r} did not return to {app_origin} (at {page.url})")
        # The provider grants this client's scopes itself; a consent screen only shows if that changes.
        consent = page.get_by_role("button", name="Continue")
        if consent.count() and consent.is_visible():
            consent.click()
        page.wait_for_timeout(100)
    page.wait_for_selector("[data-testid=stApp]", timeout=timeout * 1000)
    settle(page)


def sign_out(page, timeout: float = 30.0) -> None:
    """Press "Sign out" and wait until the browser has been through the provider's sign-out and is back on the app.
    st.logout empties the session's person first, so the old page shows "Sign in" again before the browser leaves
    it: waiting for that button alone can leave a navigation in flight (a reload then fails with ERR_ABORTED)."""
    app_origin = "/".join(page.url.split("/")[:3])
    trail: list[str] = []
    page.on("framenavigated", lambda frame: trail.append(frame.url) if frame == page.main_frame else None)
    page.get_by_role("button", name="Sign out", exact=True).click()
    end = time.time() + timeout
    while not (any(not url.startswith(app_origin + "/") for url in trail) and page.url.startswith(app_origin + "/")
               and "/oauth2callback" not in page.url and "/auth/" not in page.url):
        if time.time() > end:
            raise TimeoutError(f"sign-out did not return to {app_origin} (went through {trail})")
        page.wait_for_timeout(100)
    page.wait_for_load_state()
    page.wait_for_selector("[data-testid=stApp]", timeout=timeout * 1000)
    settle(page)

