"""Settings from the environment (every variable, its default and its meaning is in README.md, Live mode), and the
one way secrets are read (`read_secret`: the pages and the server routes both use it)."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kie.client import DEFAULT_API_BASE, DEFAULT_UPLOAD_BASE
from kie.images import MAX_PIXELS
from kie.ratelimit import DEFAULT_RATE, Rate, parse_rate
from kie.team import admins_from


def read_secret(secrets: Callable[[], Mapping[str, Any]], name: str) -> str | None:
    """A secret from where the operator keeps them, trimmed; None when it is missing or empty, or there is no
    secrets file at all. `secrets` hands over the store (`lambda: st.secrets`: kie/ imports no Streamlit)."""
    try:
        value = secrets().get(name)
    except Exception:  # noqa: BLE001 - Streamlit raises its own errors when there is no secrets file at all
        value = None
    return (str(value).strip() or None) if value else None


@dataclass(frozen=True, repr=False)
class Settings:
    api_key: str | None
    api_base_url: str
    upload_base_url: str
    data_dir: Path
    sim_task_seconds: float
    task_deadline: float
    public_url: str | None = None  # where the provider can reach this server: callbacks on
    webhook_hmac_key: str | None = None  # the provider's webhook HMAC key, to verify callbacks
    callback_poll_seconds: float = 60.0  # polling pace while a callback is expected
    team_history: str = "private"  # under sign-in: "private" (each sees their own) or "shared" ("Everyone")
    daily_image_limit: int = 0  # images per person per day under sign-in; 0 = unlimited
    admins: frozenset[str] = frozenset()  # e-mails of the people who see the Admin page
    database_url: str | None = None  # postgresql://… for a history shared by several replicas; None: SQLite
    object_store_url: str | None = None  # s3://bucket/prefix or file:///shared/folder for images; None: data dir
    generate_rate: Rate = DEFAULT_RATE  # the account's generate rate limit (STUDIO_GENERATE_RATE, "20/10")
    max_result_pixels: int = MAX_PIXELS  # a result picture with more pixels is refused (kie.results)

    def __repr__(self) -> str:  # never show the key or the HMAC key
        return f"Settings(api_base_url={self.api_base_url!r}, data_dir={str(self.data_dir)!r}, " \
               f"public_url={self.public_url!r})"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        return cls(
            api_key=(env.get("KIE_API_KEY") or "").strip() or None,
            api_base_url=(env.get("KIE_API_BASE_URL") or DEFAULT_API_BASE).rstrip("/"),
            upload_base_url=(env.get("KIE_UPLOAD_BASE_URL") or DEFAULT_UPLOAD_BASE).rstrip("/"),
            data_dir=Path(env.get("STUDIO_DATA_DIR") or "./data").resolve(),
            sim_task_seconds=float(env.get("STUDIO_SIM_TASK_SECONDS") or 6),
            task_deadline=float(env.get("STUDIO_TASK_DEADLINE_SECONDS") or 600),
            public_url=(env.get("STUDIO_PUBLIC_URL") or "").strip().rstrip("/") or None,
            webhook_hmac_key=(env.get("KIE_WEBHOOK_HMAC_KEY") or "").strip() or None,
            callback_poll_seconds=float(env.get("STUDIO_CALLBACK_POLL_SECONDS") or 60),
            team_history="shared" if (env.get("STUDIO_TEAM_HISTORY") or "").strip().lower() == "shared"
            else "private",
            daily_image_limit=max(0, int(env.get("STUDIO_DAILY_IMAGE_LIMIT") or 0)),
            admins=admins_from(env.get("STUDIO_ADMINS")),
            database_url=(env.get("STUDIO_DATABASE_URL") or "").strip() or None,
            object_store_url=(env.get("STUDIO_OBJECT_STORE_URL") or "").strip() or None,
            generate_rate=parse_rate(env.get("STUDIO_GENERATE_RATE")),
            max_result_pixels=max(1, int(env.get("STUDIO_MAX_RESULT_PIXELS") or MAX_PIXELS)),
        )
