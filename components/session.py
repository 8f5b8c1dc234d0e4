"""This browser session's context: its mode and key, who is signed in, the workspace it acts through and the
store its pages read. Following tasks (components.following), credits (components.credits) and acting on the
workspace (components.workspace_actions) build on it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlparse

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components import following, sign_in
from kie.client import DEFAULT_API_BASE, KieClient
from kie.config import Settings, read_secret
from kie.service import Service
from kie.service import service as studio_service
from kie.simulator import SimulatorServer
from kie.store import Store, workspace_for_key
from kie.team import Budgets, Person
from kie.workspace import Workspace

KEY_FIELD = "sidebar_api_key"  # the sidebar's password field; this browser session only


def secret(name: str) -> str | None:
    """A value from `st.secrets` (wherever the operator keeps them), or None."""
    return read_secret(lambda: st.secrets, name)


def service() -> Service:
    """The server process's shared part: settings, demo simulator, held keys, worker."""
    return studio_service(secret=secret)


def settings() -> Settings:
    return service().settings


def demo_simulator() -> tuple[SimulatorServer, str]:
    return service().demo_simulator()


def session_id() -> str | None:
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx else None


@dataclass
class SessionContext:
    """What a page holds of this session: its mode, who is signed in, the workspace it submits through and the
    store its pages read (wider than the workspace's own on "Everyone")."""

    mode: str  # "demo" or "live"
    label: str
    workspace_id: str  # the workspace's name (a hash of the key, or "demo")
    workspace: Workspace  # submits and changes: on a team server, the signed-in person's own tasks and budget
    person: Person | None = None  # who is signed in (None without sign-in)
    view: Store | None = None  # what lists and pages read, when wider than `workspace.store` ("Everyone")

    @property
    def store(self) -> Store:
        return self.view or self.workspace.store

    @property
    def team(self) -> bool:
        """Signed in, on the key the server holds: tasks have owners and budgets apply."""
        return self.person is not None and self.workspace.budgets is not None

    @property
    def client(self) -> KieClient:
        return self.workspace.client


def typed_key() -> str | None:
    saved = st.session_state.get("_api_key")
    return (saved or "").strip() or None


def context() -> SessionContext:
    """This session's context, made once per key and reused across reruns."""
    svc = service()
    cfg = svc.settings
    typed = typed_key()
    key = typed or svc.configured_key
    workspace = workspace_for_key(key)
    who = sign_in.person(cfg.admins)
    cached = st.session_state.get("_connection")
    if cached is not None and cached.workspace_id == workspace and cached.workspace.policy == svc.policy_for(key) \
            and cached.person == who:
        return cached
    owner = who.id if who else None
    admin = bool(who and who.is_admin)  # the core lets admins delete any task and use those of unknown owner
    if typed:
        # A key typed here is this session's: its own client, held for the worker only while the session lives.
        own = svc.new_workspace(typed).for_person(owner, admin=admin)
        if sid := session_id():  # the worker follows the whole workspace (everyone's tasks and callbacks there)
            svc.held.hold_for_session(sid, own.for_person(None))
    else:
        shared = svc.server_workspace()
        own = shared.for_person(owner, Budgets(shared.store, cfg.daily_image_limit) if who else None, admin=admin)
        if sid := session_id():
            svc.held.release_session(sid)
    if who:
        sign_in.note_sign_in(own.store, who)
    if key:
        host = urlparse(cfg.api_base_url).netloc
        label = "Live: kie.ai" if cfg.api_base_url == DEFAULT_API_BASE else f"Live: {host}"
        mode = "live"
    else:
        label, mode = "Demo: simulated images", "demo"
    ctx = SessionContext(mode=mode, label=label, workspace_id=workspace, workspace=own, person=who)
    st.session_state["_connection"] = ctx
    # Pending tasks come back from the store: a reload or a new tab follows what is still open.
    following.restart(t.task_id for t in own.store.unfinished())
    return ctx


SCOPES = {"mine": "Mine", "everyone": "Everyone"}


def with_scope(ctx: SessionContext, key: str) -> SessionContext:
    """On a team server, "Mine" (the default) or "Everyone" (when the operator shares the history, and always for
    admins, who also see tasks of unknown owner). Returns the context whose `store` the page should read."""
    if ctx.person is None:
        return ctx
    if not (service().settings.team_history == "shared" or ctx.person.is_admin):
        return ctx
    choice = st.segmented_control("Whose tasks", list(SCOPES), format_func=SCOPES.get, default="mine",
                                  key=f"{key}_scope", required=True, label_visibility="collapsed")
    if choice != "everyone":
        return ctx
    return replace(ctx, view=ctx.workspace.store.scoped(None))

