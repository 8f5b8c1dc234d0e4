"""Per-session glue: mode and key, the client and store of this session's workspace, submitting."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, replace
from urllib.parse import urlparse

import streamlit as st

from kie import errors
from kie.client import DEFAULT_API_BASE, KieClient
from kie.config import Settings
from kie.models import GenerateRequest, Task
from kie.polling import DEFAULT_POLICY
from kie.simulator import Simulator, SimulatorServer
from kie.store import TaskStore, workspace_for_key
from kie.studio import InputFile, Studio

KEY_FIELD = "sidebar_api_key"  # the sidebar's password field; this browser session only
CREDITS_TTL = 60.0


@st.cache_resource(show_spinner=False)
def settings() -> Settings:
    return Settings.from_env()


@st.cache_resource(show_spinner="Starting the built-in simulator…")
def demo_simulator() -> tuple[SimulatorServer, str]:
    """One simulator per server process for demo mode, on a free loopback port.

    Its key is random and lives only in this process; its tasks are kept on disk so that a
    restarted server can finish the tasks it had pending.
    """
    cfg = settings()
    key = secrets.token_urlsafe(24)
    sim = Simulator({key: "demo"}, task_seconds=cfg.sim_task_seconds, state_dir=cfg.data_dir / "simulator")
    return SimulatorServer(sim).start(), key


def _configured_key() -> str | None:
    if settings().api_key:
        return settings().api_key
    try:
        value = st.secrets.get("KIE_API_KEY")
    except Exception:  # no secrets file at all
        value = None
    return str(value).strip() or None if value else None


@dataclass
class Connection:
    mode: str  # "demo" or "live"
    label: str
    workspace: str
    studio: Studio

    @property
    def store(self) -> TaskStore:
        return self.studio.store

    @property
    def client(self) -> KieClient:
        return self.studio.client


def typed_key() -> str | None:
    saved = st.session_state.get("_api_key")
    return (saved or "").strip() or None


def connection() -> Connection:
    """This session's connection, made once per key and reused across reruns."""
    cfg = settings()
    key = typed_key() or _configured_key()
    workspace = workspace_for_key(key)
    cached = st.session_state.get("_connection")
    if cached is not None and cached.workspace == workspace:
        return cached
    if key:
        client = KieClient(key, cfg.api_base_url, cfg.upload_base_url)
        host = urlparse(cfg.api_base_url).netloc
        label = "Live: kie.ai" if cfg.api_base_url == DEFAULT_API_BASE else f"Live: {host}"
        mode = "live"
    else:
        server, demo_key = demo_simulator()
        client = KieClient(demo_key, server.url, server.url)
        label, mode = "Demo: simulated images", "demo"
    policy = replace(DEFAULT_POLICY, deadline=cfg.task_deadline)
    conn = Connection(mode=mode, label=label, workspace=workspace,
                      studio=Studio(client, TaskStore(cfg.data_dir, workspace), policy=policy))
    st.session_state["_connection"] = conn
    st.session_state.pop("_credits", None)
    return conn


def credits(conn: Connection) -> float | None:
    """Remaining credits, asked at most once a minute per session."""
    cached = st.session_state.get("_credits")
    if cached and cached[0] == conn.workspace and time.time() - cached[1] < CREDITS_TTL:
        return cached[2]
    try:
        value = conn.client.credits()
    except errors.KieError as error:
        st.session_state["_credits_error"] = error
        return None
    st.session_state.pop("_credits_error", None)
    st.session_state["_credits"] = (conn.workspace, time.time(), value)
    return value


def show_error(error: errors.KieError) -> None:
    """An error in plain words, with what to do next."""
    if isinstance(error, errors.RequestInvalid):
        st.error(error.message, icon=":material/edit:")
    else:
        st.error(f"**{error.message}** {error.hint}", icon=":material/error:")


def submit(request: GenerateRequest, files: list[InputFile] = ()) -> Task | None:
    """Validate, upload, generate; keep the task and follow it. Shows what went wrong, if anything."""
    conn = connection()
    try:
        with st.status("Submitting…", expanded=False) as status:
            task = conn.studio.submit(request, list(files), on_step=lambda msg: status.update(label=msg))
            status.update(label="Submitted", state="complete")
    except errors.KieError as error:
        show_error(error)
        return None
    st.session_state.pop("_credits", None)  # they just went down
    return task
