"""Render deploy/nginx.conf (the one template) for a list of Streamlit replicas.

Used by deploy/run-replicas.sh and by the tests (tests/fixtures/nginx.py), so both run the same recipe.
Standard library only.

    python3 deploy/render_nginx.py --listen 8080 --run-dir /tmp/studio-nginx 127.0.0.1:8601 127.0.0.1:8602
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

TEMPLATE = Path(__file__).resolve().with_name("nginx.conf")
# host:port with a DNS name, IPv4 or [IPv6] host: nothing else may reach the config.
_UPSTREAM = re.compile(r"^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$")
_LISTEN = re.compile(r"^((\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):)?\d{1,5}$")
_RUN_DIR = re.compile(r"^/[A-Za-z0-9._/-]*$")


def render(
    upstreams: Sequence[str],
    listen: str | int,
    run_dir: str | Path,
    *,
    max_fails: int = 3,
    fail_timeout: str = "10s",
    template: Path = TEMPLATE,
) -> str:
    """The nginx config for these replicas (`host:port` each), listening on `listen`, keeping its files in run_dir."""
    if not upstreams:
        raise ValueError("at least one upstream replica is needed")
    for upstream in upstreams:
        if not _UPSTREAM.match(upstream):
            raise ValueError(f"not a host:port: {upstream!r}")
    if not _LISTEN.match(str(listen)):
        raise ValueError(f"not a port or address:port: {listen!r}")
    if not _RUN_DIR.match(str(run_dir)):
        raise ValueError(f"run dir must be an absolute path of plain characters: {run_dir!r}")
    servers = "\n".join(
        f"        server {upstream} max_fails={max_fails} fail_timeout={fail_timeout};" for upstream in upstreams
    )
    text = template.read_text()
    for field, value in (("@@UPSTREAM_SERVERS@@", servers), ("@@LISTEN@@", str(listen)),
                         ("@@RUN_DIR@@", str(run_dir).rstrip("/") or "/")):
        text = text.replace(field, value)
    if re.search(r"@@[A-Z_]+@@", text):
        raise ValueError("the template has a field render() does not fill")
    return text


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: print the rendered config."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="8080", help="port or address:port (default 8080)")
    parser.add_argument("--run-dir", required=True, help="absolute folder for pid, logs and temp files")
    parser.add_argument("upstreams", nargs="+", help="host:port of each Streamlit replica")
    args = parser.parse_args(argv)
    sys.stdout.write(render(args.upstreams, args.listen, args.run_dir))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
