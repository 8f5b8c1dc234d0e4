"""Tasks of the Market, Flux Kontext and Midjourney APIs in the simulator: creating them (the body checked by the
family's own module, credits charged (given back if it fails: Simulator.credits_of), prompt triggers read) and their
record-info answers. A part of `Simulator` (kie.simulator.state), which holds the state, the clock and the task
timing."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import kie.simulator.market as market
import kie.simulator.midjourney as midjourney
from kie.simulator.tasks import FLAT_APIS, TRIGGER_FAIL, TRIGGER_SECONDS, SimTask

MARKET_FAILURES = {  # failCode -> failMsg of a failed Market task
    400: "Your prompt or image was flagged by the content policy",
    451: "Failed to download the input image",
    500: "Internal error, please try again later",
    501: "Generation failed",
}
MARKET_PHASES = (("waiting", 0.15), ("queuing", 0.3), ("generating", 1.0))  # state until this share of the time


class ApiTasks:
    """The Market API (jobs/createTask, jobs/recordInfo) and the flat-body families (flux/kontext/*, mj/*)."""

    def create_task(self, account: str, body: Any) -> tuple[int, str, Any, dict[str, str]]:
        """POST /api/v1/jobs/createTask: validate the model's input fields, charge its price, make a task."""
        now = self.clock()
        with self.lock:
            limited = self._rate_limited(account, now)
            if limited:
                return limited
            problem = market.validate(body)
            if problem:
                return 422, problem, None, {}
            cost = market.price(body)
            if self.credits_of(account) < cost:
                return 402, "Insufficient credits", None, {}
            self.state.credits[account] = round(self.credits_of(account) - cost, 2)
            prompt = str(body["input"].get("prompt") or "")
            fail = TRIGGER_FAIL.search(prompt)
            seconds = TRIGGER_SECONDS.search(prompt)
            duration = float(seconds.group(1)) if seconds else self.model_seconds.get(body["model"],
                                                                                      self.task_seconds)
            task = SimTask(
                task_id="task_" + uuid.uuid4().hex[:24], account=account, params=body, created=now, duration=duration,
                fail_code=(int(fail.group(1) or 500) if fail else None), never="[never]" in prompt.lower(),
                api="market", charged=cost,
            )
            if task.fail_code not in (None, *MARKET_FAILURES):
                task.fail_code = 500
            return self._keep_new_task(task, 451)

    def submit_flat(self, api: str, account: str, body: Any) -> tuple[int, str, Any, dict[str, str]]:
        """POST flux/kontext/generate or mj/generate: the body checked field by field, charged, a task made."""
        module = FLAT_APIS[api]
        return self._submit_flat(module, account, body, lambda: module.validate(body), lambda: body)

    def follow_up(self, action: str, account: str, body: Any) -> tuple[int, str, Any, dict[str, str]]:
        """POST mj/generateUpscale or mj/generateVary: the picture of a finished grid, a new task linked to it."""
        return self._submit_flat(midjourney, account, body,
                                 lambda: midjourney.validate_follow_up(self, account, body),
                                 lambda: midjourney.follow_up_params(action, body))

    def _submit_flat(self, module: Any, account: str, body: Any, problem_of: Callable[[], str | None],
                     params_of: Callable[[], dict[str, Any]]) -> tuple[int, str, Any, dict[str, str]]:
        now = self.clock()
        with self.lock:
            limited = self._rate_limited(account, now)
            if limited:
                return limited
            problem = problem_of()
            if problem:
                return 422, problem, None, {}
            params = params_of()
            cost = module.price(params)
            if self.credits_of(account) < cost:
                return 402, "Insufficient credits", None, {}
            self.state.credits[account] = round(self.credits_of(account) - cost, 2)
            prompt = module.prompt(params)
            fail = TRIGGER_FAIL.search(prompt)
            seconds = TRIGGER_SECONDS.search(prompt)
            task = SimTask(
                task_id=module.TASK_PREFIX + uuid.uuid4().hex[:24], account=account, params=params, created=now,
                duration=float(seconds.group(1)) if seconds else module.seconds(self, params),
                fail_code=module.failure(int(fail.group(1) or 500)) if fail else None,
                never="[never]" in prompt.lower(), api=module.API, charged=cost,
            )
            return self._keep_new_task(task, module.failure(500))

    def flat_record(self, api: str, account: str, task_id: str) -> tuple[int, str, Any]:
        """GET flux/kontext/record-info or mj/record-info; 404 for a taskId this account has not made there."""
        now = self.clock()
        with self.lock:
            task = self.state.tasks.get(task_id)
        if task is None or task.account != account or task.api != api:
            return 404, "Task not found: no task with this taskId", None
        return 200, "success", FLAT_APIS[api].record(self, task, now)

    def market_phase(self, task: SimTask, now: float) -> tuple[str, float]:
        """(state word, when it began) of a Market task at `now`."""
        result = self.outcome(task, now)
        if result == "success":
            return "success", task.created + task.duration
        if result == "failed":
            return "fail", task.created + task.duration * 0.5
        share = (now - task.created) / max(task.duration, 0.001)
        began = task.created
        for name, until in MARKET_PHASES:
            if share < until or name == "generating":
                return name, began
            began = task.created + task.duration * until
        raise AssertionError("unreachable")

    def market_record(self, account: str, task_id: str) -> tuple[int, str, Any]:
        """GET /api/v1/jobs/recordInfo: `param` and `resultJson` as JSON strings, times in epoch ms."""
        now = self.clock()
        with self.lock:
            task = self.state.tasks.get(task_id)
        if task is None or task.account != account or task.api != "market":
            return 404, "Task not found: no task with this taskId", None
        state, since = self.market_phase(task, now)

        def ms(t: float | None) -> int | None:
            return None if t is None else int(t * 1000)

        final = state in ("success", "fail")
        data: dict[str, Any] = {
            "taskId": task.task_id, "model": task.params["model"], "state": state, "param": json.dumps(task.params),
            "resultJson": "", "failCode": "", "failMsg": "", "createTime": ms(task.created), "updateTime": ms(since),
            "completeTime": ms(since) if final else None,
        }
        if state == "success":
            data["resultJson"] = json.dumps({"resultUrls": self.result_urls(task)})
        elif state == "fail":
            data["failCode"] = str(task.fail_code)
            data["failMsg"] = MARKET_FAILURES[task.fail_code]
        if final:
            data["costTime"] = int((since - task.created) * 1000)
        return 200, "success", data
