"""What one server process shares between its sessions, its routes and its worker.

The demo simulator, a `Workspace` per key the server holds (the configured key, or demo), the workspaces of keys
typed into open sessions, and the background worker. Streamlit-free: the callers pass in
what only Streamlit knows (secrets, whether a session is still open).
"""

from __future__ import annotations

import functools
import logging
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from kie import callbacks
from kie.batch_queue import BatchSender, sqlite_ledgers
from kie.client import KieClient
from kie.config import Settings
from kie.fetch import check_public_url
from kie.polling import DEFAULT_POLICY, PollPolicy
from kie.ratelimit import SlotLedger
from kie.sending import callback_url
from kie.simulator import Simulator, SimulatorServer
from kie.store import Store, open_existing_store, open_store, workspace_for_key
from kie.team import Budgets
from kie.worker import HeldWorkspaces, Worker
from kie.workspace import Workspace

log = logging.getLogger(__name__)
WORKER_STALE_SECONDS = 30.0  # a worker whose last round is older than this counts as down


class Service:
    """One per process. `secret(name)` reads a secret (Streamlit's `st.secrets`, or nothing)."""

    def __init__(self, settings: Settings, secret: Callable[[str], str | None] = lambda _name: None):
        self.settings = settings
        self.configured_key = settings.api_key or secret("KIE_API_KEY")
        self.webhook_hmac_key = settings.webhook_hmac_key or secret("KIE_WEBHOOK_HMAC_KEY")
        self.policy: PollPolicy = replace(DEFAULT_POLICY, deadline=settings.task_deadline,
                                          callback_interval=settings.callback_poll_seconds)
        self.held = HeldWorkspaces()
        self.worker: Worker | None = None
        self._lock = threading.Lock()
        self._demo: tuple[SimulatorServer, str] | None = None
        self._shared: dict[str, Workspace] = {}
        self.batches = BatchSender(self._ledger_for, settings.generate_rate,
                                   budgets_for=lambda workspace: Budgets(workspace.store.scoped(None),
                                                                         settings.daily_image_limit))

    def _ledger_for(self, workspace: str) -> SlotLedger:
        """The workspace's generate rate ledger: in the shared database with several replicas, else a local file."""
        if self.settings.database_url:
            from kie.store.ledger import SqlSlotLedger

            return SqlSlotLedger(self.settings.database_url, workspace)
        return sqlite_ledgers(self.settings.data_dir)(workspace)

    # -- workspaces ------------------------------------------------------------------------

    def demo_simulator(self) -> tuple[SimulatorServer, str]:
        """The simulator of demo mode, on a free loopback port, started once. Its key is random and lives only
        in this process; its tasks are kept on disk so that a restarted server finishes what it had pending."""
        with self._lock:
            if self._demo is None:
                key = secrets.token_urlsafe(24)
                # Signed like the provider's when the server has a webhook key, so demo callbacks pass its check.
                sim = Simulator({key: "demo"}, task_seconds=self.settings.sim_task_seconds,
                                state_dir=self.settings.data_dir / "simulator",
                                webhook_hmac_key=self.webhook_hmac_key)
                server = SimulatorServer(sim, prepare_results=True)
                server.callbacks.guard = self.check_outgoing_url  # a visitor's callback URL, sent by this server
                self._demo = (server.start(), key)
            return self._demo

    def check_outgoing_url(self, url: str) -> None:
        """The guard for a request this server sends to an address a visitor chose (`kie.fetch.FetchError`): only
        public http(s) addresses, or this server's own callback route."""
        own = (callback_url(self.settings.public_url, ""),) if self.settings.public_url else ()
        check_public_url(url, allowed_prefixes=own)

    def new_workspace(self, key: str | None) -> Workspace:
        """A workspace for `key` (demo without one): its own client, the key's store."""
        cfg = self.settings
        if key:
            client = KieClient(key, cfg.api_base_url, cfg.upload_base_url)
        else:
            server, demo_key = self.demo_simulator()
            client = KieClient(demo_key, server.url, server.url)
        store = open_store(cfg, workspace_for_key(key))
        # Demo: this server's simulator sends the callbacks, so a visitor's callback URL is checked before sending.
        return Workspace(client, store, policy=self.policy_for(key), public_url=cfg.public_url,
                      outgoing_guard=None if key else self.check_outgoing_url, max_result_pixels=cfg.max_result_pixels)

    def policy_for(self, key: str | None) -> PollPolicy:
        """The polling policy of a workspace for `key`. Demo: every model's task takes the simulator's task length,
        not the real models' typical durations."""
        return self.policy if key else replace(self.policy, typical_seconds=self.settings.sim_task_seconds)

    def server_workspace(self) -> Workspace:
        """The workspace of the key the server holds (configured, or demo): one per process, followed by the
        worker."""
        name = workspace_for_key(self.configured_key)
        with self._lock:
            workspace = self._shared.get(name)
        if workspace is None:
            workspace = self.new_workspace(self.configured_key)
            with self._lock:
                workspace = self._shared.setdefault(name, workspace)
            self.held.hold(workspace)
        return workspace

    def store_for(self, name: str) -> Store | None:
        """The store of a workspace that exists (never creates one for a name from outside)."""
        held = self.held.workspace_for(name)
        return held.store if held else open_existing_store(self.settings, name)

    # -- worker, callbacks, health ------------------------------------------------------------

    def start_worker(self, is_session_open: Callable[[str], bool] | None = None) -> Worker:
        """Start the background worker (once); it follows the server's key and open sessions' keys."""
        self.server_workspace()
        with self._lock:
            if self.worker is None or not self.worker.alive:
                self.worker = Worker(self.held, is_session_open=is_session_open, batches=self.batches).start()
            return self.worker

    def stop(self) -> None:
        """Stop the worker and the demo simulator (server shutdown)."""
        with self._lock:
            worker, demo = self.worker, self._demo
            self.worker, self._demo = None, None
            self._shared.clear()
        if worker:
            worker.stop()
        if demo:
            demo[0].stop()
        self.held.clear()
        from kie.store.engines import close_engines

        close_engines()

    def receive_callback(self, token: str, raw: bytes, headers: Mapping[str, str]) -> tuple[int, str]:
        """Take in a provider callback (see kie.callbacks). When this process's worker follows the task's
        workspace, the task is claimed for it and it asks at once; otherwise the task is due to any poller."""
        worker, name = self.worker, callbacks.workspace_of(token)
        confirm = None
        if worker is not None and worker.alive and self.held.workspace_for(name) is not None:
            confirm = functools.partial(worker.confirm, name)
        return callbacks.receive(token, raw, headers, hmac_key=self.webhook_hmac_key, stores=self.store_for,
                                 confirm=confirm)

    def health(self) -> tuple[bool, dict[str, Any]]:
        """(healthy, details): the process is up, the store answers, the worker ran recently."""
        now = time.time()
        details: dict[str, Any] = {"process": "up"}
        try:
            self.server_workspace().store.ping()
            details["store"] = "reachable"
        except Exception as error:  # noqa: BLE001 - any failure means unhealthy; say which kind
            details["store"] = f"unreachable ({type(error).__name__})"
        worker = self.worker
        last = worker.last_loop_at if worker else None
        beat = last or (worker.started_at if worker else None)  # a worker in its first round counts from its start
        details["worker"] = "alive" if worker and worker.alive and beat and now - beat < WORKER_STALE_SECONDS \
            else "down"
        details["last_loop_at"] = last
        details["last_loop_seconds_ago"] = round(now - last, 3) if last else None
        return details["store"] == "reachable" and details["worker"] == "alive", details


_service: Service | None = None
_service_lock = threading.Lock()


def service(settings: Callable[[], Settings] = Settings.from_env,
            secret: Callable[[str], str | None] = lambda _name: None) -> Service:
    """The process's service, made on first use with these settings (later calls get the same one)."""
    global _service
    with _service_lock:
        current = settings()
        if _service is None or _service.settings != current:
            if _service is not None:
                _service.stop()
            _service = Service(current, secret)
        return _service


def reset_service() -> None:
    """Stop and forget the process's service (tests start each with a fresh one)."""
    global _service
    with _service_lock:
        if _service is not None:
            _service.stop()
        _service = None
