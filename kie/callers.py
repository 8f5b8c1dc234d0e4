"""Who in this process asks the provider: the server's worker, or a page's session (anything else). Sent with every
API call as the `X-Studio-Caller` header, so a provider's request log (the simulator's) can tell which asked; the
worker's thread sets it once (kie.worker)."""

from __future__ import annotations

from contextvars import ContextVar

HEADER = "X-Studio-Caller"
WORKER, PAGE = "worker", "page"
CALLER: ContextVar[str] = ContextVar("studio_caller", default=PAGE)  # each thread starts with the default
