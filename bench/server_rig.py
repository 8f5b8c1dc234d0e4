"""Processes for the server benchmarks: `streamlit run app.py` with knobs (bench.server_app), a simulator, CPU time."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tests.e2e.harness import Process, free_port, wait_http

BEFORE = ("--tick", "1.0", "--callback-tick", "1.0", "--landing-margin", "0.5", "--no-align")  # as in the issue
TICK_HALF = ("--tick", "0.5", "--callback-tick", "0.5", "--landing-margin", "0.5", "--no-align")  # only faster
AFTER = ()  # what components/tasks_panel.py and kie/polling.py say now


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
