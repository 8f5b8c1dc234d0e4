"""The names a store accepts: workspaces (and the one a key gets) and the files kept for them.

A name from outside (a callback's token, a file asked for by a page) is checked against these before it reaches a
folder or a query, so it can never climb out of its place.
"""

from __future__ import annotations

import hashlib
import re

WORKSPACE_NAME = re.compile(r"^[a-z0-9_-]{1,64}$")
FILE_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,128}$")


def workspace_for_key(api_key: str | None) -> str:
    """The workspace name for a key: a one-way hash, never the key; `demo` without a key."""
    if not api_key:
        return "demo"
    return "k" + hashlib.sha256(("4o-image-studio:" + api_key).encode()).hexdigest()[:24]
