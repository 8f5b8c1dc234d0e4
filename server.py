"""The studio's own routes and lifespan, served by Streamlit's server beside the pages (wired in app.py).

- `POST /api/kie/callback/<token>`: the provider's callback (checked in kie.callbacks). User routes get no
  XSRF check from Streamlit; the unguessable token (and the HMAC when configured) is the authentication.
- `GET /healthz`: 200 with a small JSON while the store answers and the worker runs, else 503.
- `GET /metrics`: this process's Prometheus metrics (kie.metrics); with STUDIO_METRICS_TOKEN set (environment or
  secrets), only for `Authorization: Bearer <token>`, else 401.
- The lifespan starts the background worker (kie.worker) and stops it on shutdown.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from kie import metrics
from kie.callbacks import MAX_BODY_BYTES, log_limiter
from kie.config import read_secret
from kie.service import Service
from kie.service import service as studio_service

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


routes = [
    Route("/api/kie/callback/{token}", callback, methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]),
    Route("/healthz", healthz, methods=["GET"]),
    Route("/metrics", metrics_route, methods=["GET"]),
]


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[dict[str, Any]]:
    """Start the worker with the server; stop it (and the demo simulator) when the server stops."""
    service = current_service()
    await anyio.to_thread.run_sync(lambda: service.start_worker(is_session_open=_session_open))
    log.info("background worker started")
    try:
        yield {"studio": service}
    finally:
        await anyio.to_thread.run_sync(service.stop)
        log.info("background worker stopped")
