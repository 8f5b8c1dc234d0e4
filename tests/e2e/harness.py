"""Real processes for browser tests: a simulator, `streamlit run app.py`, headless Chromium."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("STUDIO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage", "--no-first-run"]
ARTIFACTS = ROOT / "tests" / "e2e" / "artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 60.0) -> None:
    end = time.time() + timeout
    while time.time() < end:
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer")


class Process:
    def __init__(self, args: list[str], env: dict[str, str], log: Path):
        self.log = log
        log.parent.mkdir(parents=True, exist_ok=True)
        self._out = open(log, "ab")
        self.proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=self._out, stderr=subprocess.STDOUT,
                                     start_new_session=True)

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        self._out.close()


class Simulator(Process):
    def __init__(self, keys: list[str], log: Path, task_seconds: float = 3.0, webhook_hmac_key: str | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        args = [sys.executable, "-m", "kie.simulator", "--port", str(self.port), "--task-seconds", str(task_seconds)]
        for key in keys:
            args += ["--key", key]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        if webhook_hmac_key:  # through the environment, never the process list
            env["STUDIO_SIM_WEBHOOK_HMAC_KEY"] = webhook_hmac_key
        super().__init__(args, env, log)
        wait_http(self.url + "/_sim/health", 30)

    def callbacks(self) -> list[dict]:
        return requests.get(self.url + "/_sim/callbacks", timeout=5).json()

    def configure(self, **options) -> None:
        requests.post(self.url + "/_sim/config", json=options, timeout=5).raise_for_status()

    def requests(self, path_part: str = "") -> list[dict]:
        return [r for r in requests.get(self.url + "/_sim/requests", timeout=5).json() if path_part in r["path"]]

    def wait_requests(self, path_part: str, count: int = 1, timeout: float = 30.0) -> list[dict]:
        """The requests to `path_part` once there are at least `count` of them."""
        end = time.time() + timeout
        while time.time() < end:
            found = self.requests(path_part)
            if len(found) >= count:
                return found
            time.sleep(0.2)
        raise AssertionError(f"the simulator did not receive {count} request(s) to {path_part}")

    def upload(self, stored_name: str) -> bytes:
        return requests.get(f"{self.url}/_sim/uploads/{stored_name}", timeout=5).content


class App(Process):
    """`streamlit run app.py`, headless, on a free port."""

    def __init__(self, data_dir: Path, log: Path, env: dict[str, str] | None = None, port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        full_env = {k: v for k, v in os.environ.items() if not k.startswith(("KIE_", "STUDIO_"))}
        full_env.update({"STUDIO_DATA_DIR": str(data_dir), "STUDIO_SIM_TASK_SECONDS": "3", "PYTHONUNBUFFERED": "1"})
        full_env.update(env or {})
        args = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port),
                "--server.headless", "true", "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
                "--server.fileWatcherType", "none"]
        super().__init__(args, full_env, log)
        wait_http(self.url + "/_stcore/health", 60)


def open_app(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-testid=stApp]", timeout=30_000)
    settle(page)


def settle(page, timeout: float = 30_000) -> None:
    """Wait until the script run in progress (if any) has ended."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidget] [data-testid=stStatusWidgetRunningIcon]')"
        " && !document.querySelector('[data-testid=stSkeleton]')",
        timeout=timeout,
    )


def card(page, text: str):
    """The task card(s) showing `text` (not the prompt box, which may hold the same words)."""
    return page.locator("[data-testid=stMarkdownContainer], [data-testid=stText]").filter(has_text=text)


def type_prompt(page, prompt: str) -> None:
    """Type a prompt into Generate's box and let the app take it in."""
    box = page.get_by_label("Prompt", exact=True)
    box.fill(prompt)
    box.press("Control+Enter")
    settle(page)


def generate(page, prompt: str) -> None:
    """Type a prompt, press Generate, and wait until the task's card is on the page."""
    type_prompt(page, prompt)
    page.get_by_role("button", name="Generate").click()
    card(page, prompt).first.wait_for()
    settle(page)


def screenshot(page, name: str) -> None:
    """Keep a screenshot under tests/e2e/artifacts; with STUDIO_UPDATE_SCREENSHOTS=1 also refresh docs/<name>."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))
    if os.environ.get("STUDIO_UPDATE_SCREENSHOTS") == "1":
        page.screenshot(path=str(ROOT / "docs" / name))
