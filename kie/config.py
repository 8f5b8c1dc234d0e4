"""Settings from the environment (see DESIGN: Configuration)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kie.client import DEFAULT_API_BASE, DEFAULT_UPLOAD_BASE


@dataclass(frozen=True)
class Settings:
    api_key: str | None
    api_base_url: str
    upload_base_url: str
    data_dir: Path
    sim_task_seconds: float
    task_deadline: float

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
        )
