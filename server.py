"""The studio's own routes and lifespan, served by Streamlit's server beside the pages (wired in app.py).

- `POST /api/kie/callback/<token>`: the provider's callback (checked in kie.callbacks). User routes get no
  XSRF check from Streamlit; the unguessable token (and the HMAC when configured) is the authentication.
- `GET /healthz`: 200 with a small JSON while the store answers and the worker runs, else 503.
- `GET /metrics`: this process's Prometheus metrics (kie.metrics); with STUDIO_METRICS_TOKEN set (environment or
  secrets), only for `Authorization: Bearer <token>`, else 401.
- `WS /api/studio/task-events`: a page's subscription to its tasks' changes (kie.task_events; the listener is
  components/listen.py). The first message is the signed subscription token (never in the URL, so never in an
  access log); the route checks it and that its Streamlit session is open, sends the current stamp of each task the
  token names and the person's view holds (a tab that was away catches up), then each change of those tasks, and a
  ping every KEEPALIVE_SECONDS. It closes when the session ends. Refusals close with 4401 (token) or 4403 (session);
  the history database away (at connecting, or PostgreSQL's listener losing it) closes with 1013, try again later.
- The lifespan starts the background worker (kie.worker) and stops it on shutdown; with STUDIO_WORKER=off it starts
  none, and open pages follow their own tasks (the fallback that tests check, or a process meant to serve pages only).
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager
from typing import Any

import anyio
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from kie import metrics, task_events
from kie.callbacks import MAX_BODY_BYTES, log_limiter
from kie.config import read_secret
from kie.service import Service
from kie.service import service as studio_service
from kie.store import StoreUnavailable

log = logging.getLogger("studio.server")


def _secret(name: str) -> str | None:
    import streamlit as st

    return read_secret(lambda: st.secrets, name)


def current_service() -> Service:
    return studio_service(secret=_secret)


def _session_open(session_id: str) -> bool:
    from streamlit import runtime

    return runtime.exists() and runtime.get_instance().is_active_session(session_id)


async def _read_capped(request: Request, cap: int) -> bytes | None:
    """The body, or None once it passes `cap` bytes (an oversized body is never held whole)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cap:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > cap:
            return None
    return bytes(body)


async def callback(request: Request) -> JSONResponse:
    """A provider callback: answered at once; the worker confirms the task with one record-info."""
    if request.method != "POST":
        metrics.callback(405, "use POST")
        if seen := log_limiter.count("405 wrong method"):
            log.warning("callback refused (405): method %s (%d in the last minute)", request.method, seen)
        return JSONResponse({"status": "use POST"}, status_code=405, headers={"Allow": "POST"})
    raw = await _read_capped(request, MAX_BODY_BYTES)
    if raw is None:
        metrics.callback(413, "body too large")
        if seen := log_limiter.count("413 body too large"):
            log.warning("callback refused (413): body too large (%d in the last minute)", seen)
        return JSONResponse({"status": "body too large"}, status_code=413)
    headers = {k.lower(): v for k, v in request.headers.items()}
    status, message = await anyio.to_thread.run_sync(
        current_service().receive_callback, request.path_params["token"], raw, headers)
    return JSONResponse({"status": message}, status_code=status)


async def healthz(_request: Request) -> JSONResponse:
    healthy, details = await anyio.to_thread.run_sync(current_service().health)
    return JSONResponse({"ok": healthy, **details}, status_code=200 if healthy else 503)


def metrics_token() -> str | None:
    """STUDIO_METRICS_TOKEN from the environment, else from the secrets; None: /metrics is open."""
    return (os.environ.get("STUDIO_METRICS_TOKEN") or "").strip() or _secret("STUDIO_METRICS_TOKEN")


async def metrics_route(request: Request) -> Response:
    """This process's metrics in Prometheus' text format (each replica answers for itself)."""
    token = metrics_token()
    if token and not metrics.token_matches(request.headers.get("authorization"), token):
        return PlainTextResponse("Send the metrics token as 'Authorization: Bearer <token>'.\n", status_code=401,
                                 headers={"WWW-Authenticate": 'Bearer realm="metrics"'})
    return Response(metrics.exposition(), media_type=metrics.CONTENT_TYPE)


TOKEN_WAIT_SECONDS = 10.0  # a connection that sends no token in this time is closed
KEEPALIVE_SECONDS = task_events.KEEPALIVE_SECONDS  # a ping this often; the session is checked then
REFUSED_TOKEN, SESSION_CLOSED = 4401, 4403


def _stamps(view: Any, task_ids: Collection[str]) -> dict[str, str]:
    """The stamp of each of `task_ids` as `view` (the person's) holds it: another person's task reads as gone."""
    return {task_id: task_events.stamp(view.get(task_id)) for task_id in task_ids}


async def task_events_route(websocket: WebSocket) -> None:
    """A page's subscription: changes of the tasks its token names, as the token's person sees them. With the
    history database away, the connection is closed as 'try again later' (the page reconnects by itself)."""
    await websocket.accept()
    try:
        await _task_events(websocket)
    except StoreUnavailable as away:
        log.warning("task events: %s; the page will connect again", away)
        await _close(websocket, TRY_AGAIN_LATER)


async def _task_events(websocket: WebSocket) -> None:
    try:
        token = await asyncio.wait_for(websocket.receive_text(), TOKEN_WAIT_SECONDS)
        grant = task_events.TOKENS.read(token)
    except (task_events.TokenRefused, TimeoutError, WebSocketDisconnect, KeyError, RuntimeError):
        await _close(websocket, REFUSED_TOKEN)
        return
    if not _session_open(grant.session_id):
        await _close(websocket, SESSION_CLOSED)
        return
    store = await anyio.to_thread.run_sync(current_service().store_for, grant.workspace)
    if store is None:
        await _close(websocket, REFUSED_TOKEN)
        return
    view = store.scoped(grant.owner)
    loop = asyncio.get_running_loop()
    changes: asyncio.Queue[tuple[str, str]] = asyncio.Queue()

    def deliver(task_id: str, task_stamp: str) -> None:  # from the thread that kept the change
        loop.call_soon_threadsafe(changes.put_nowait, (task_id, task_stamp))

    await anyio.to_thread.run_sync(task_events.listen, store)  # PostgreSQL: hear other replicas' changes too
    with task_events.FEED.subscribe(grant.workspace, grant.task_ids, deliver):
        sent = await anyio.to_thread.run_sync(_stamps, view, grant.task_ids)
        visible = {task_id for task_id, task_stamp in sent.items() if task_stamp != task_events.GONE}
        sent = {task_id: sent[task_id] for task_id in visible}
        gone = asyncio.ensure_future(websocket.receive())  # the page closing (it sends nothing else)
        try:
            await websocket.send_json({"stamps": sent})
            while True:
                change = asyncio.ensure_future(changes.get())
                done, _ = await asyncio.wait({change, gone}, timeout=KEEPALIVE_SECONDS,
                                             return_when=asyncio.FIRST_COMPLETED)
                if gone in done:
                    change.cancel()
                    return
                if change not in done:
                    change.cancel()
                    if not _session_open(grant.session_id):
                        await _close(websocket, SESSION_CLOSED)
                        return
                    await websocket.send_json({"ping": 1})
                    continue
                task_id, task_stamp = change.result()
                if task_id == task_events.ANY_TASK and task_stamp == task_events.AWAY:
                    await _close(websocket, TRY_AGAIN_LATER)  # the database went away: the page shows it, retries
                    return
                if task_id == task_events.ANY_TASK:  # the listener was away: read every task afresh
                    now = await anyio.to_thread.run_sync(_stamps, view, visible)
                    news = {t: s for t, s in now.items() if sent.get(t) != s}
                elif task_id in visible and sent.get(task_id) != task_stamp:
                    news = {task_id: task_stamp}
                else:
                    continue
                sent.update(news)
                await websocket.send_json({"stamps": news})
        except (WebSocketDisconnect, RuntimeError, OSError):
            return  # the page went away mid-send
        finally:
            gone.cancel()


TRY_AGAIN_LATER = 1013  # the WebSocket close code for a passing outage


async def _close(websocket: WebSocket, code: int) -> None:
    try:
        await websocket.close(code)
    except (WebSocketDisconnect, RuntimeError, OSError):
        pass  # already closed by the page (Starlette says so as WebSocketDisconnect when the send fails)


routes = [
    Route("/api/kie/callback/{token}", callback, methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]),
    Route("/healthz", healthz, methods=["GET"]),
    Route("/metrics", metrics_route, methods=["GET"]),
    WebSocketRoute("/api/studio/task-events", task_events_route),
]


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[dict[str, Any]]:
    """Start the worker with the server; stop it (and the demo simulator) when the server stops."""
    service = current_service()
    if os.environ.get("STUDIO_WORKER", "").strip().lower() == "off":
        log.info("no background worker (STUDIO_WORKER=off): open pages follow their own tasks")
    else:
        await anyio.to_thread.run_sync(lambda: service.start_worker(is_session_open=_session_open))
        log.info("background worker started")
    try:
        yield {"studio": service}
    finally:
        await anyio.to_thread.run_sync(service.stop)
        await anyio.to_thread.run_sync(task_events.stop_listeners)
        log.info("background worker stopped")
