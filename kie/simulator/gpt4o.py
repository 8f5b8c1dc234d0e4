"""The 4o Image API in the simulator: generate (its body checked as the API's pages give it, credits charged, prompt
triggers read), record-info in both dialects (openapi: epoch ms and `resultUrls`; quickstart: text times and
`result_urls`), download-url and its callback body. A part of `Simulator` (kie.simulator.state), which holds the
state, the clock and the task timing."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from kie.simulator.flat import SimulatorView
from kie.simulator.tasks import TRIGGER_FAIL, TRIGGER_SECONDS, SimTask

IMAGE_COST = 1.5  # credits per 4o image; fractional like the provider's balances (Market prices: market.PRICES)
SIZES_4O = ("1:1", "3:2", "2:3")  # the 4o Image API's sizes and fallback models, as its pages give them
FALLBACKS_4O = ("GPT_IMAGE_1", "FLUX_MAX")
SUBMIT_PATH = "/api/v1/gpt4o-image/generate"
FAILURE_MESSAGES = {
    400: "Your content was flagged by OpenAI as violating content policies",
    451: "Failed to fetch the image. Kindly verify any access limits set by you or your service provider",
    500: "Failed to generate image",
}


def validate(body: Any) -> str | None:
    """The 4o Image API's 422 message for invalid parameters, or None."""
    if not isinstance(body, dict):
        return "The request body must be a JSON object"
    if body.get("size") not in SIZES_4O:
        return f"size is required and must be one of {', '.join(SIZES_4O)}"
    files = body.get("filesUrl") or []
    if body.get("fileUrl"):
        files = [body["fileUrl"], *files]
    if not isinstance(files, list) or not all(isinstance(u, str) for u in files):
        return "filesUrl must be a list of URLs"
    if not (body.get("prompt") or "").strip() and not files:
        return "prompt or filesUrl is required"
    if len(files) > 5:
        return "filesUrl supports at most 5 images"
    if any(not u.startswith(("http://", "https://")) for u in files):
        return "filesUrl must contain http(s) URLs"
    if body.get("nVariants", 1) not in (1, 2, 4):
        return "nVariants must be 1, 2 or 4"
    if "fallbackModel" in body and body["fallbackModel"] not in FALLBACKS_4O:
        return f"fallbackModel must be {' or '.join(FALLBACKS_4O)}"
    cb = body.get("callBackUrl")
    if cb is not None and (not isinstance(cb, str) or not cb.startswith(("http://", "https://"))):
        return "callBackUrl must be an http(s) URL"
    mask = body.get("maskUrl")
    if mask is not None and (not isinstance(mask, str) or not mask.startswith(("http://", "https://"))):
        return "maskUrl must be an http(s) URL"
    for flag in ("isEnhance", "uploadCn", "enableFallback"):
        if flag in body and not isinstance(body[flag], bool):
            return f"{flag} must be a boolean"
    return None


def callback_body(sim: SimulatorView, task: SimTask, result: str) -> dict[str, Any]:
    """The 4o Image API's callback JSON for an ended task (`result` is "success" or "failed")."""
    if result == "success":
        return {"code": 200, "msg": "success",
                "data": {"taskId": task.task_id, "info": {"result_urls": sim.result_urls(task)}}}
    code = task.fail_code or 500
    return {"code": code, "msg": FAILURE_MESSAGES[code], "data": {"taskId": task.task_id, "info": None}}


class Gpt4oApi:
    """gpt4o-image/generate, gpt4o-image/record-info and gpt4o-image/download-url."""

    def generate(self, account: str, body: dict[str, Any]) -> tuple[int, str, Any, dict[str, str]]:
        now = self.clock()
        with self.lock:
            limited = self._rate_limited(account, now)
            if limited:
                return limited
            problem = validate(body)
            if problem:
                return 422, problem, None, {}
            cost = IMAGE_COST * body.get("nVariants", 1)
            if self.credits_of(account) < cost:
                return 402, "Insufficient credits", None, {}
            self.state.credits[account] = round(self.credits_of(account) - cost, 2)
            prompt = body.get("prompt") or ""
            fail = TRIGGER_FAIL.search(prompt)
            seconds = TRIGGER_SECONDS.search(prompt)
            task = SimTask(
                task_id="task_4o_" + uuid.uuid4().hex[:20], account=account, params=body, created=now,
                duration=float(seconds.group(1)) if seconds else self.task_seconds,
                fail_code=(int(fail.group(1) or 500) if fail else None), never="[never]" in prompt.lower(),
                uneven="[uneven]" in prompt.lower(), dialect=self.dialect, charged=cost,
            )
            if task.fail_code not in (None, 400, 451, 500):
                task.fail_code = 500
            return self._keep_new_task(task, 451)

    def record(self, account: str, task_id: str) -> tuple[int, str, Any]:
        now = self.clock()
        with self.lock:
            task = self.state.tasks.get(task_id)
        if task is None or task.account != account or task.api != "4o":
            return 422, "recordInfo is null", None
        if now - task.created < self.null_seconds:
            return 422, "recordInfo is null", None
        progress = self.progress_of(task, now)
        result = self.outcome(task, now)
        done, failed = result == "success", result == "failed"
        quick = task.dialect == "quickstart"

        def stamp(t: float | None) -> Any:
            if t is None:
                return None
            if quick:
                return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%d %H:%M:%S")
            return int(t * 1000)

        data: dict[str, Any] = {
            "taskId": task.task_id, "paramJson": json.dumps(task.params), "createTime": stamp(task.created),
            "completeTime": None, "response": None, "successFlag": 0, "errorCode": None, "errorMessage": None,
            "progress": f"{progress:.2f}",
        }
        if failed:
            data.update(successFlag=2, errorCode=task.fail_code, errorMessage=FAILURE_MESSAGES[task.fail_code],
                        completeTime=stamp(task.created + task.duration * 0.5), progress="0.00",
                        response={"result_urls" if quick else "resultUrls": []})
            if not quick:
                data["status"] = "GENERATE_FAILED"
        elif done:
            urls = self.result_urls(task)
            data.update(successFlag=1, completeTime=stamp(task.created + task.duration), progress="1.00",
                        response={"result_urls" if quick else "resultUrls": urls})
            if not quick:
                data["status"] = "SUCCESS"
        elif not quick:
            data["status"] = "GENERATING"
        return 200, "success", data

    def download_link(self, account: str, body: Any) -> tuple[int, str, Any]:
        if not isinstance(body, dict) or not body.get("taskId") or not (body.get("url") or body.get("imageUrl")):
            return 422, "The request parameters failed validation checks", None
        code, msg, data = self.record(account, body["taskId"])
        if code != 200:
            return 422, "record is null", None
        if data["successFlag"] != 1:
            return 422, "record status is not success", None
        url = body.get("url") or body.get("imageUrl")
        urls = (data["response"] or {}).get("resultUrls") or (data["response"] or {}).get("result_urls") or []
        if url not in urls:
            return 422, "record result data not exist", None
        token = uuid.uuid4().hex
        self._direct_links[token] = (body["taskId"], urls.index(url), self.clock() + 20 * 60)
        link = f"{self.base_url}/files/direct/{token}.png?X-Amz-Expires=1200"
        with self.lock:
            dialect = self.state.tasks[body["taskId"]].dialect
        return 200, "success", ({"downloadUrl": link} if dialect == "quickstart" else link)
