"""The Flux Kontext API's side of the simulator (kie-more-models-notes.md §1): `flux/kontext/generate` with its flat
camelCase body (422 naming the field), `flux/kontext/record-info` (successFlag 0/1/2/3: 2 the task could not be
created, 3 it was created and then failed; `response.resultImageUrl`, one picture; `paramJson` a JSON string; ISO
times), and its callback body ({code, msg, data: {taskId, info: {originImageUrl, resultImageUrl}}}).

Written from the notes, not from the studio's catalogue, so a catalogue entry that builds a wrong body is caught.
"""

from __future__ import annotations

import json
from typing import Any

import kie.simulator.market as market
import kie.simulator.pictures as pictures
from kie.simulator.flat import Field, SimulatedTask, SimulatorView, check, stamp

API = "flux"
LABEL = "Flux Kontext API"
SUBMIT_PATH = "/api/v1/flux/kontext/generate"
TASK_PREFIX = "fluxkontext_"
MODELS = ("flux-kontext-pro", "flux-kontext-max")
PRICES = {"flux-kontext-pro": 5.0, "flux-kontext-max": 10.0}  # credits per task (one image), as the catalogue's
RATIOS = ("21:9", "16:9", "4:3", "1:1", "3:4", "9:16")
EDIT_TOLERANCE = 2  # editing takes a safety tolerance of 0-2 (clients' figure)
FAILURES = {  # errorCode -> errorMessage; the callback's codes are the same
    400: "Your prompt was flagged by the content policy",
    500: "Internal error, please try again later",
    501: "Image generation failed",
}
CREATE_FAILURES = (400,)  # refused before it was made: successFlag 2 (CREATE_TASK_FAILED); others 3
FIELDS = {
    "prompt": Field("str", required=True, max_len=20_000), "model": Field("str", MODELS),
    "aspectRatio": Field("str", RATIOS), "inputImage": Field("url"), "outputFormat": Field("str", ("jpeg", "png")),
    "promptUpsampling": Field("bool"), "safetyTolerance": Field("int", low=0, high=6),
    "enableTranslation": Field("bool"),
    "uploadCn": Field("bool"), "watermark": Field("str"), "callBackUrl": Field("url"),
}


def validate(body: Any) -> str | None:
    """The 422 message for a generate body (naming the field), or None."""
    problem = check(body, FIELDS, LABEL)
    if problem is None and body.get("inputImage") and body.get("safetyTolerance", 0) > EDIT_TOLERANCE:
        return f"safetyTolerance must be between 0 and {EDIT_TOLERANCE} when editing (inputImage given)"
    return problem


def model_of(params: dict[str, Any]) -> str:
    return str(params.get("model") or "flux-kontext-pro")


def price(body: dict[str, Any]) -> float:
    return PRICES[model_of(body)]


def images(params: dict[str, Any]) -> int:
    return 1


def suffix(params: dict[str, Any]) -> str:
    return ".png" if params.get("outputFormat") == "png" else ".jpg"  # JPEG unless PNG was asked for


def input_urls(params: dict[str, Any]) -> list[str]:
    return [params["inputImage"]] if isinstance(params.get("inputImage"), str) else []


def prompt(params: dict[str, Any]) -> str:
    return str(params.get("prompt") or "")


def seconds(sim: SimulatorView, params: dict[str, Any]) -> float:
    return sim.model_seconds.get(model_of(params), sim.task_seconds)


def failure(code: int) -> int:
    """A failure code this API gives (another asked-for code becomes 500)."""
    return code if code in FAILURES else 500


def record(sim: SimulatorView, task: SimulatedTask, now: float) -> dict[str, Any]:
    """`data` of record-info for `task` at `now`."""
    result = sim.outcome(task, now)
    end = sim.end_time(task)
    data: dict[str, Any] = {
        "taskId": task.task_id, "paramJson": json.dumps(task.params),
        "createTime": stamp(task.created, sim.time_format),
        "completeTime": None, "response": None, "successFlag": 0, "errorCode": None, "errorMessage": "",
    }
    if result == "success":
        data.update(successFlag=1, completeTime=stamp(end, sim.time_format), response=_response(sim, task))
    elif result == "failed":
        data.update(successFlag=2 if task.fail_code in CREATE_FAILURES else 3, errorCode=task.fail_code,
                    errorMessage=FAILURES[task.fail_code], completeTime=stamp(end, sim.time_format))
    return data


def _response(sim: SimulatorView, task: SimulatedTask) -> dict[str, Any]:
    return {"originImageUrl": (input_urls(task.params) or [None])[0], "resultImageUrl": sim.result_urls(task)[0]}


def callback_body(sim: SimulatorView, task: SimulatedTask, result: str) -> dict[str, Any]:
    """The callback: code 200 with both addresses; 400 (content policy), 500 or 501 with `info` null."""
    if result == "success":
        return {"code": 200, "msg": "BFL image generated successfully.",
                "data": {"taskId": task.task_id, "info": _response(sim, task)}}
    code = task.fail_code or 500
    return {"code": code, "msg": FAILURES[code], "data": {"taskId": task.task_id, "info": None}}


def render(sim: SimulatorView, task: SimulatedTask, index: int) -> bytes:
    """The one picture: drawn in the model's look at its aspect ratio, or the input picture edited by the prompt (its
    own ratio kept when none is asked for); JPEG unless PNG was asked for."""
    params = task.params
    files = input_urls(params)
    aspect = params.get("aspectRatio") or ("auto" if files else "16:9")
    drawn = pictures.render_result({"prompt": prompt(params), "model": model_of(params), "aspect_ratio": aspect,
                                    "filesUrl": files, "nVariants": 1}, index, sim.fetch)
    return market.encode(drawn, aspect, suffix(params) == ".jpg")
