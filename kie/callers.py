"""Who in this process asks the provider: the server's worker, or a page's session (anything else). Sent with every
API call as the `X-Studio-Caller` header ("worker" or "page", with "@<STUDIO_REPLICA_NAME>" when the operator names
the replica), so a provider's request log (the simulator's) can tell which asked; the worker's thread sets it once
(kie.worker)."""

from __future__ import annotations

import os
from contextvars import ContextVar

HEADER = "X-Studio-Caller"
WORKER, PAGE = "worker", "page"
CALLER: ContextVar[str] = ContextVar("studio_caller", default=PAGE)  # each thread starts with the default
REPLICA = (os.environ.get("STUDIO_REPLICA_NAME") or "").strip()[:40]


def header_value() -> str:
    """The header's value for a call made now, in this thread."""
    return f"{CALLER.get()}@{REPLICA}" if REPLICA else CALLER.get()
