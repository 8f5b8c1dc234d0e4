"""The Midjourney API's side of the simulator (kie-more-models-notes.md §2): `mj/generate` with its flat camelCase body
(422 naming the field), a grid of four pictures per task, `mj/record-info` (successFlag 0/1/2/3; `resultInfoJson` an
**object** `{"resultUrls": [{"resultUrl": ...}, x4]}`; `paramJson` a JSON string whose `speed` reads "Relax"; ISO
times), the follow-ups on one picture of a finished grid (`mj/generateUpscale`: one larger picture; `mj/generateVary`:
a new grid of variations), and its callback body ({code, msg, data: {taskId, promptJson, resultUrls: [strings]}}).

Written from the notes, not from the studio's catalogue, so a catalogue entry that builds a wrong body is caught.
"""

from __future__ import annotations

import json
from typing import Any

import kie.simulator.pictures as pictures
from kie.simulator.flat import Field, SimulatedTask, SimulatorView, check, stamp

API = "mj"
LABEL = "Midjourney API"
SUBMIT_PATH = "/api/v1/mj/generate"
TASK_PREFIX = "mj_"
GRID = 4
IMAGE_TYPES = ("mj_txt2img", "mj_img2img", "mj_style_reference", "mj_omni_reference")
VIDEO_TYPES = ("mj_video", "mj_video_hd")
NEEDS_FILES = ("mj_img2img", "mj_style_reference", "mj_omni_reference", *VIDEO_TYPES)
UPSCALE, VARY = "mj_upscale", "mj_vary"  # the follow-ups' task types (the pages name none: these are the studio's)
SPEEDS = ("relaxed", "fast", "turbo")
SPEED_WORDS = {"relaxed": "Relax", "fast": "Fast", "turbo": "Turbo"}  # how paramJson spells them
SPEED_PRICE = {"relaxed": 0.375, "fast": 1.0, "turbo": 2.0}  # of the fast price per image
# Of the simulator's task length: the catalogue's shares of a fast task (5 min, 1 min, 30 s), so a demo's relaxed task
# takes as much longer as the studio plans for it.
SPEED_SECONDS = {"relaxed": 5.0, "fast": 1.0, "turbo": 0.5}
PRICE_PER_IMAGE = 2.0  # fast, per picture of the grid (8 credits a grid), as the catalogue's
FOLLOW_UP_PRICES = {UPSCALE: 2.0, VARY: 8.0}
FAILURES = {  # errorCode -> errorMessage
    400: "The prompt was refused by the content policy",
    500: "Generation failed, please try again later",
}
CREATE_FAILURES = (400,)  # refused before it was made: successFlag 2; others 3
FIELDS = {
    "taskType": Field("str", IMAGE_TYPES + VIDEO_TYPES, required=True), "prompt": Field("str", required=True,
                                                                                         max_len=2000),
    "speed": Field("str", SPEEDS), "fileUrls": Field("urls", max_len=5), "fileUrl": Field("url"),
    "aspectRatio": Field("str", ("1:2", "9:16", "2:3", "3:4", "5:6", "6:5", "4:3", "3:2", "1:1", "16:9", "2:1")),
    "version": Field("str", ("7", "6.1", "6", "5.2", "5.1", "niji6", "niji7")),
    "stylization": Field("int", low=0, high=1000), "weirdness": Field("int", low=0, high=3000),
    "variety": Field("int", low=0, high=100, step=5), "waterMark": Field("str"), "enableTranslation": Field("bool"),
    "callBackUrl": Field("url"), "ow": Field("int", low=1, high=1000), "videoBatchSize": Field("int", low=1, high=4),
    "motion": Field("str", ("high", "low")),
}
FOLLOW_UP_FIELDS = {"taskId": Field("str", required=True), "imageIndex": Field("int", required=True, low=0, high=3),
                    "waterMark": Field("str"), "callBackUrl": Field("url")}


def validate(body: Any) -> str | None:
    """The 422 message for a generate body (naming the field), or None."""
    problem = check(body, FIELDS, LABEL)
    if problem:
        return problem
    if body["taskType"] in VIDEO_TYPES:
        return f"taskType {body['taskType']} makes videos, which this simulator does not"
    if body["taskType"] in NEEDS_FILES and not files_of(body):
        return f"fileUrls is required for taskType {body['taskType']}"
    if "ow" in body and body["taskType"] != "mj_omni_reference":
        return "ow is only for taskType mj_omni_reference"
    return None


def validate_follow_up(sim: SimulatorView, account: str, body: Any) -> str | None:
    """The 422 message for an Upscale or Vary body: its fields, then the task it names (this account's, a finished
    Midjourney grid, the picture in it)."""
    problem = check(body, FOLLOW_UP_FIELDS, LABEL)
    if problem:
        return problem
    source = sim.state.tasks.get(body["taskId"])
    if source is None or source.account != account or source.api != API:
        return "taskId: no Midjourney task with this taskId"
    if sim.outcome(source, sim.clock()) != "success" or task_type(source.params) == UPSCALE:
        return "taskId: the task is not a finished grid of pictures"
    if body["imageIndex"] >= images(source.params):
        return f"imageIndex must be between 0 and {images(source.params) - 1}"
    return None


def files_of(params: dict[str, Any]) -> list[str]:
    files = [u for u in params.get("fileUrls") or [] if isinstance(u, str)]
    return files or ([params["fileUrl"]] if isinstance(params.get("fileUrl"), str) else [])


def task_type(params: dict[str, Any]) -> str:
    return str(params.get("taskType") or "mj_txt2img")


def price(body: dict[str, Any]) -> float:
    if task_type(body) in FOLLOW_UP_PRICES:
        return FOLLOW_UP_PRICES[task_type(body)]
    return round(PRICE_PER_IMAGE * SPEED_PRICE[str(body.get("speed") or "fast")], 4) * GRID


def images(params: dict[str, Any]) -> int:
    return 1 if task_type(params) == UPSCALE else GRID


def suffix(params: dict[str, Any]) -> str:
    return ".png"


def input_urls(params: dict[str, Any]) -> list[str]:
    return files_of(params)


def prompt(params: dict[str, Any]) -> str:
    return str(params.get("prompt") or "")


def seconds(sim: SimulatorView, params: dict[str, Any]) -> float:
    """How long a task takes: `model_seconds["midjourney:<speed>"]`, `["midjourney"]` or `[<taskType>]` when
    configured, else the simulator's task length times the speed's factor (relaxed is slowest)."""
    speed = str(params.get("speed") or "fast")
    for key in (f"midjourney:{speed}", "midjourney", task_type(params)):
        if key in sim.model_seconds:
            return sim.model_seconds[key]
    return sim.task_seconds * SPEED_SECONDS.get(speed, 1.0)


def failure(code: int) -> int:
    return code if code in FAILURES else 500


def follow_up_params(action: str, body: dict[str, Any]) -> dict[str, Any]:
    """What a follow-up task keeps of its body (its `taskType` is the simulator's own word)."""
    return {**body, "taskType": UPSCALE if action == "upscale" else VARY}


def _param_json(params: dict[str, Any]) -> str:
    """The request as `paramJson` spells it: speed as "Relax"/"Fast"/"Turbo", one `fileUrl` beside `fileUrls`."""
    shown = {k: v for k, v in params.items() if k != "taskType" or v not in (UPSCALE, VARY)}
    if "speed" in shown:
        shown["speed"] = SPEED_WORDS.get(shown["speed"], shown["speed"])
    if files_of(params):
        shown["fileUrl"] = files_of(params)[0]
    return json.dumps(shown)


def record(sim: SimulatorView, task: SimulatedTask, now: float) -> dict[str, Any]:
    """`data` of record-info for `task` at `now`."""
    result = sim.outcome(task, now)
    data: dict[str, Any] = {
        "taskId": task.task_id, "taskType": task_type(task.params), "paramJson": _param_json(task.params),
        "completeTime": None, "createTime": stamp(task.created, sim.time_format), "resultInfoJson": None,
        "successFlag": 0, "errorCode": None, "errorMessage": None,
    }
    if result == "success":
        urls = sim.result_urls(task)
        listed = urls if sim.result_format == "strings" else [{"resultUrl": u} for u in urls]
        data.update(successFlag=1, completeTime=stamp(sim.end_time(task), sim.time_format),
                    resultInfoJson={"resultUrls": listed})
    elif result == "failed":
        data.update(successFlag=2 if task.fail_code in CREATE_FAILURES else 3, errorCode=task.fail_code,
                    errorMessage=FAILURES[task.fail_code], completeTime=stamp(sim.end_time(task), sim.time_format))
    return data


def callback_body(sim: SimulatorView, task: SimulatedTask, result: str) -> dict[str, Any]:
    """The callback: `resultUrls` a flat list of strings here (record-info's are objects); code 200 or 500."""
    if result == "success":
        return {"code": 200, "msg": "success", "data": {"taskId": task.task_id, "promptJson": _param_json(task.params),
                                                        "resultUrls": sim.result_urls(task)}}
    return {"code": 500, "msg": FAILURES[task.fail_code or 500],
            "data": {"taskId": task.task_id, "promptJson": _param_json(task.params), "resultUrls": []}}


def render(sim: SimulatorView, task: SimulatedTask, index: int) -> bytes | None:
    """Picture `index`: of a grid, four different pictures in Midjourney's look; an upscale, the source picture twice
    as large; a variation, the source's prompt drawn again (other variants) in the source picture's colours. None
    when the source task is gone."""
    params = task.params
    kind = task_type(params)
    if kind not in (UPSCALE, VARY):
        return pictures.render_result({"prompt": prompt(params), "model": "midjourney",
                                       "aspect_ratio": params.get("aspectRatio") or "1:1",
                                       "filesUrl": files_of(params)[:1], "nVariants": GRID}, index, sim.fetch)
    source = sim.state.tasks.get(str(params.get("taskId")))
    picked = int(params.get("imageIndex") or 0)
    if source is None:
        return None
    if kind == UPSCALE:
        content = sim.result_image(source.task_id, picked)
        return pictures.upscale(content, 2) if content else None
    base = {"prompt": prompt(source.params), "model": "midjourney", "aspect_ratio": source.params.get("aspectRatio")
            or "1:1", "filesUrl": [sim.result_urls(source)[picked]], "nVariants": 2 * GRID}
    return pictures.render_result(base, GRID + index, sim.fetch)
