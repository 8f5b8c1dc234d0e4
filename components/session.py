"""Per-session glue: mode and key, the client and store of this session's workspace, submitting."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from urllib.parse import urlparse

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components import sign_in
from components.text import literal
from kie import errors
from kie.client import DEFAULT_API_BASE, KieClient
from kie.config import Settings, read_secret
from kie.models import GenerateRequest, Task
from kie.prices import Price, price_per_image
from kie.service import Service
from kie.service import service as studio_service
from kie.simulator import SimulatorServer
from kie.store import Store, StoreUnavailable, workspace_for_key
from kie.team import BudgetExceeded, Budgets, Person
from kie.workspace import InputFile, Workspace

KEY_FIELD = "sidebar_api_key"  # the sidebar's password field; this browser session only
CREDITS_TTL = 60.0
PENDING = "_pending"  # taskIds this session follows (its own submits, and what was open when it started)
ENDED = "_ended"  # followed tasks that ended and have not been announced yet
SHOWN = "_shown"  # page -> taskIds it draws
PAGE = "_page"


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
        studio = svc.new_workspace(typed).for_person(owner, admin=admin)
        if sid := session_id():  # the worker follows the whole workspace (everyone's tasks and callbacks there)
            svc.held.hold_for_session(sid, studio.for_person(None))
    else:
        shared = svc.server_workspace()
        studio = shared.for_person(owner, Budgets(shared.store, cfg.daily_image_limit) if who else None, admin=admin)
        if sid := session_id():
            svc.held.release_session(sid)
    if who:
        sign_in.note_sign_in(studio.store, who)
    if key:
        host = urlparse(cfg.api_base_url).netloc
        label = "Live: kie.ai" if cfg.api_base_url == DEFAULT_API_BASE else f"Live: {host}"
        mode = "live"
    else:
        label, mode = "Demo: simulated images", "demo"
    ctx = SessionContext(mode=mode, label=label, workspace_id=workspace, workspace=studio, person=who)
    st.session_state["_connection"] = ctx
    # Pending tasks come back from the store: a reload or a new tab follows what is still open.
    st.session_state[PENDING] = {t.task_id for t in studio.store.unfinished()}
    st.session_state.pop("_credits", None)
    return ctx


def follow(task_id: str) -> None:
    st.session_state.setdefault(PENDING, set()).add(task_id)


def poll_pending(ctx: SessionContext) -> list[Task]:
    """Poll the due tasks this session follows (the worker's path, for this session's tasks); forget ended ones
    (they are kept in ENDED, for the notice on other pages)."""
    pending: set[str] = st.session_state.setdefault(PENDING, set())
    changed = ctx.workspace.poll_due(only=pending) if pending else []
    for task in changed:
        if not task.needs_polling:
            pending.discard(task.task_id)
            st.session_state.setdefault(ENDED, []).append(task.task_id)
    return changed


def shown(task_id: str) -> None:
    """Note that the current page draws this task (its end needs no notice here)."""
    page = st.session_state.get(PAGE, "")
    st.session_state.setdefault(SHOWN, {}).setdefault(page, set()).add(task_id)


def set_page(path: str) -> None:
    st.session_state[PAGE] = path


def credits(ctx: SessionContext) -> float | None:
    """Remaining credits, asked at most once a minute per session."""
    cached = st.session_state.get("_credits")
    if cached and cached[0] == ctx.workspace_id and time.time() - cached[1] < CREDITS_TTL:
        return cached[2]
    try:
        value = ctx.client.credits()
    except errors.KieError as error:
        st.session_state["_credits_error"] = error
        return None
    st.session_state.pop("_credits_error", None)
    st.session_state["_credits"] = (ctx.workspace_id, time.time(), value)
    return value


def price(ctx: SessionContext) -> Price | None:
    """The price of one image for estimates (kie.prices), worked out at most once a minute per session."""
    cached = st.session_state.get("_price")
    if cached and cached[0] == ctx.workspace_id and time.time() - cached[1] < CREDITS_TTL:
        return cached[2]
    found = price_per_image(ctx.workspace.store, ctx.mode)
    st.session_state["_price"] = (ctx.workspace_id, time.time(), found)
    return found


STORE_TROUBLE = ("The history database is not answering (it may be restarting). Nothing is lost: the app keeps "
                 "retrying on its own.")


@contextmanager
def store_trouble_shown() -> Iterator[None]:
    """Show a passing database outage as trouble that the app retries, not as a crash (pages, fragments)."""
    try:
        yield
    except StoreUnavailable:
        st.warning(STORE_TROUBLE, icon=":material/sync_problem:")


def show_error(error: errors.KieError) -> None:
    """An error in plain words, with what to do next."""
    if isinstance(error, BudgetExceeded):
        st.error(f"**{literal(error.message)}** {error.hint}", icon=":material/block:")
    elif isinstance(error, errors.RequestInvalid):
        st.error(literal(error.message), icon=":material/edit:")
    else:
        st.error(f"**{literal(error.message)}** {error.hint}", icon=":material/error:")


def submit(request: GenerateRequest, files: list[InputFile] = ()) -> Task | None:
    """Validate, upload, generate; keep the task and follow it. Shows what went wrong, if anything."""
    ctx = context()
    holder = st.empty()
    shown: list = []  # the progress box, made at the first step: a refused request shows only its message

    def step(message: str) -> None:
        if shown:
            shown[0].update(label=message)
        else:
            shown.append(holder.status(message, expanded=False))

    try:
        task = ctx.workspace.submit(request, list(files), on_step=step)
    except errors.KieError as error:
        holder.empty()
        show_error(error)
        return None
    if shown:
        shown[0].update(label="Submitted", state="complete")
    follow(task.task_id)
    st.session_state.pop("_credits", None)  # they just went down
    return task


def usable_task(ctx: SessionContext, task: Task, action: str, error_key: str) -> Task | None:
    """`task` read afresh as the core lets this person use it for `action` (kie.workspace `Workspace.own_task`), or None
    with the refusal (another person's task, audited; a deleted one) kept in `st.session_state[error_key]`."""
    try:
        return ctx.workspace.own_task(task.task_id, action)
    except errors.KieError as refused:
        st.session_state[error_key] = f"{refused.message} {refused.hint}"
        return None


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


def audit(ctx: SessionContext, action: str, target: str | None, detail: str | None = None) -> None:
    """One line of the workspace's audit log, by the signed-in person."""
    who = ctx.person.id if ctx.person else "(no sign-in)"
    ctx.workspace.store.audit(who, action, target, detail, time.time())
