"""Processes for the server benchmarks: `streamlit run app.py` with knobs (bench.server_app), a simulator, CPU time,
and apps side by side each with a tab waiting on a long task (bench.server_cost, bench.listen)."""

from __future__ import annotations

import os
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from tests.e2e.harness import CHROMIUM, CHROMIUM_ARGS, Process, free_port, wait_http

BEFORE = ("--tick", "1.0", "--callback-tick", "1.0", "--landing-margin", "0.5", "--no-align")  # as in the issue
TICK_HALF = ("--tick", "0.5", "--callback-tick", "0.5", "--landing-margin", "0.5", "--no-align")  # only faster
AFTER = ()  # what components/tasks_panel.py and kie/polling.py say now
LONG_TASK = "[seconds:900] a task that outlasts the measurement"


class BenchApp(Process):
    """`streamlit run app.py` through bench.server_app; call `ready()` before use (lets several start at once)."""

    def __init__(self, data_dir: Path, log: Path, knobs: tuple[str, ...] = AFTER, env: dict[str, str] | None = None,
                 port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        full_env = {k: v for k, v in os.environ.items() if not k.startswith(("KIE_", "STUDIO_"))}
        full_env.update({"STUDIO_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"})
        full_env.update(env or {})
        self.data_dir = data_dir
        args = [sys.executable, "-m", "bench.server_app", *knobs, "--", "--server.port", str(self.port),
                "--server.headless", "true", "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
                "--server.fileWatcherType", "none"]
        super().__init__(args, full_env, log)

    def ready(self) -> BenchApp:
        wait_http(self.url + "/_stcore/health", 90)
        return self


class SimProcess(Process):
    """`python -m kie.simulator` with many keys (one workspace per key), callbacks signed with `hmac_key`."""

    def __init__(self, keys: list[str], log: Path, hmac_key: str | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "STUDIO_SIM_KEYS": ",".join(keys)}  # keys off the command line
        if hmac_key:
            env["STUDIO_SIM_WEBHOOK_HMAC_KEY"] = hmac_key
        args = [sys.executable, "-m", "kie.simulator", "--port", str(self.port), "--credits", "100000"]
        super().__init__(args, env, log)
        wait_http(self.url + "/_sim/health", 30)


def cpu_seconds(pid: int, thread: int | None = None) -> float:
    """User + system CPU seconds of a process (or one of its threads) so far, from /proc."""
    path = f"/proc/{pid}/task/{thread}/stat" if thread else f"/proc/{pid}/stat"
    fields = Path(path).read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def app_env(sim_url: str, server_key: str, **extra: str) -> dict[str, str]:
    """An app in live mode against the simulator; the configured key is held by the server (no demo simulator)."""
    return {"KIE_API_KEY": server_key, "KIE_API_BASE_URL": sim_url, "KIE_UPLOAD_BASE_URL": sim_url, **extra}


def load_average() -> str:
    """The machine's load average over the last minute, as written beside every figure (the machine is shared)."""
    return f"{os.getloadavg()[0]:.1f}"


def cpu_window(pids: list[int], seconds: float) -> tuple[list[float], float]:
    """CPU seconds each process spends during a window of `seconds` (slept through), and the window's length."""
    before = [cpu_seconds(pid) for pid in pids]
    start = time.time()
    time.sleep(seconds)
    spent = [cpu_seconds(pid) - b for pid, b in zip(pids, before, strict=True)]
    return spent, time.time() - start


@dataclass(frozen=True)
class Variant:
    """One app of a side-by-side run: its knobs (bench.server_app), whether its tab stays open on its task, and
    whether it expects the provider's callbacks (its own public URL)."""

    label: str
    knobs: tuple[str, ...] = AFTER
    tab_open: bool = True
    callbacks: bool = False


@dataclass
class SideBySide:
    """What `side_by_side` measured: CPU seconds of each app's process over the window, its length, the load."""

    spent: list[float]
    elapsed: float
    load_before: str
    load_after: str

    def share(self, n: int) -> float:
        """% of a core app `n` used."""
        return self.spent[n] / self.elapsed * 100

    def per_minute(self, n: int) -> float:
        return self.spent[n] / self.elapsed * 60


def _open_and_generate(browser, url: str, prompt: str):
    from tests.e2e.harness import generate, open_app

    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    ctx.set_default_timeout(60_000)
    page = ctx.new_page()
    open_app(page, url)
    generate(page, prompt)
    return ctx


def side_by_side(tmp: Path, variants: list[Variant], window: float, *, name: str, settle: float = 5.0,
                 prompt: str = LONG_TASK) -> SideBySide:
    """One app per variant, each with a key (a workspace) of its own on one simulator; in each a tab generates
    `prompt` (a long task), then stays open or is closed (the app's worker still follows the task); after `settle`
    seconds, CPU of every app process over one `window`, all at once."""
    from playwright.sync_api import sync_playwright

    keys = [f"bench-{name}-{uuid.uuid4().hex}" for _ in variants]
    sim = SimProcess(keys, tmp / f"sim-{name}.log")
    apps = []
    for n, (variant, key) in enumerate(zip(variants, keys, strict=True)):
        port = free_port()
        extra = {"STUDIO_PUBLIC_URL": f"http://127.0.0.1:{port}"} if variant.callbacks else {}
        apps.append(BenchApp(tmp / f"{name}{n}", tmp / f"app-{name}{n}.log", variant.knobs,
                             app_env(sim.url, key, **extra), port=port))
    pw = sync_playwright().start()
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        for app in apps:
            app.ready()
        kept = []
        for app, variant in zip(apps, variants, strict=True):
            ctx = _open_and_generate(browser, app.url, prompt)
            if variant.tab_open:
                kept.append(ctx)
            else:
                ctx.close()
        time.sleep(settle)
        load_before = load_average()
        spent, elapsed = cpu_window([app.proc.pid for app in apps], window)
        measured = SideBySide(spent, elapsed, load_before, load_average())
        for ctx in kept:
            ctx.close()
    finally:
        browser.close()
        pw.stop()
        for app in apps:
            app.stop()
        sim.stop()
    return measured
