"""The simulated service's tasks: what it keeps of each (its API, parameters, timing, planned failure) and which
prompt words steer them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import kie.simulator.flux_kontext as flux_kontext
import kie.simulator.market as market
import kie.simulator.midjourney as midjourney

FLAT_APIS = {module.API: module for module in (flux_kontext, midjourney)}  # the flat-body families, by SimTask.api
TRIGGER_FAIL = re.compile(r"\[fail(?::(\d{3}))?\]", re.I)  # [fail], [fail:400]: the task fails (with that code)
TRIGGER_SECONDS = re.compile(r"\[seconds:(\d+(?:\.\d+)?)\]", re.I)  # [seconds:N]: it takes N seconds


@dataclass
class SimTask:
    """One task of the simulated service, in any of its APIs (persisted as it is with a state folder)."""

    task_id: str
    account: str
    params: dict[str, Any]
    created: float
    duration: float
    fail_code: int | None = None
    never: bool = False
    uneven: bool = False
    dialect: str = "openapi"
    callback_sent: bool = False  # persisted, so a restart does not call back again
    api: str = "4o"  # "4o" (gpt4o-image/generate), "market" (jobs/createTask), "flux" or "mj" (FLAT_APIS)
    charged: float = 0.0  # the credits taken when it was made: given back if it fails (the account's `refund_failed`)
    refunded: bool = False  # persisted, so a restart does not give them back twice

    @property
    def images(self) -> int:
        """How many result images it makes (a Market task one unless it asks for more, a Midjourney grid four)."""
        if self.api in FLAT_APIS:
            return FLAT_APIS[self.api].images(self.params)
        return market.images(self.params) if self.api == "market" else int(self.params.get("nVariants", 1))

    @property
    def suffix(self) -> str:
        if self.api in FLAT_APIS:
            return FLAT_APIS[self.api].suffix(self.params)
        return ".jpg" if self.api == "market" and market.image_format(self.params) == "jpg" else ".png"


@dataclass
class SimState:
    tasks: dict[str, SimTask] = field(default_factory=dict)
    credits: dict[str, float] = field(default_factory=dict)
    uploads: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> meta (bytes on disk or memory)
