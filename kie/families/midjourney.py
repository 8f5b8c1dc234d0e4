"""The Midjourney API: `mj/generate` (a flat camelCase body: `taskType`, `prompt`, `fileUrls`, `speed`, `aspectRatio`,
`version`, `stylization`, `weirdness`, `variety`, ...), `mj/record-info` (successFlag 0/1/2/3; a grid of four in
`resultInfoJson.resultUrls[].resultUrl`, an object; `paramJson` a JSON string whose `speed` reads "Relax"; ISO times)
and the follow-ups on one picture of a finished grid, `mj/generateUpscale` and `mj/generateVary` ({taskId,
imageIndex}). The video task types (`mj_video`, `mj_video_hd`) make no pictures and are not offered."""

from __future__ import annotations

from typing import Any

from kie import catalog
from kie.errors import RequestInvalid
from kie.families.base import Family, options_body, options_from_body
from kie.request import GenerateRequest
from kie.task_status import TaskStatus

TEXT_TO_IMAGE = "mj_txt2img"
FOLLOW_UP_TYPES = {"upscale": "midjourney-upscale", "vary": "midjourney-vary"}  # a word in taskType -> the tool
_SPEED_WORDS = {"relax": "relaxed", "relaxed": "relaxed", "fast": "fast", "turbo": "turbo"}  # paramJson: "Relax"


class MidjourneyFamily(Family):
    id = "midjourney"
    label = "Midjourney API"
    submit_path = "/api/v1/mj/generate"
    status_path = "/api/v1/mj/record-info"
    follow_up_paths = {"upscale": "/api/v1/mj/generateUpscale", "vary": "/api/v1/mj/generateVary"}

    def body(self, request: GenerateRequest) -> dict[str, Any]:
        spec = request.spec
        if spec.acts_on_task:
            raise RequestInvalid(f"{spec.name} works on a finished Midjourney task: it is sent by follow_up_body.",
                                 field="model")
        options = options_body(spec, request.settings())
        if not request.files_url:  # no references: text to image, whatever the reference type says
            options["taskType"] = TEXT_TO_IMAGE
            options.pop("ow", None)
        body: dict[str, Any] = {"taskType": options.pop("taskType", TEXT_TO_IMAGE), "prompt": request.prompt}
        if request.files_url:
            body[spec.refs_field] = list(request.files_url)
        body.update(options)
        if request.callback_url:
            body["callBackUrl"] = request.callback_url
        return body

    def follow_up_body(self, action: str, source_task_id: str, image_index: int, callback_url: str | None = None,
                       ) -> dict[str, Any]:
        self.follow_up_path(action)  # an action this family does not offer is refused here
        body: dict[str, Any] = {"taskId": source_task_id, "imageIndex": int(image_index)}
        if callback_url:
            body["callBackUrl"] = callback_url
        return body

    def status(self, data: dict[str, Any]) -> TaskStatus:
        status = TaskStatus.from_flag_record(data, data.get("resultInfoJson"))
        if status.params is not None and data.get("taskType") and "taskType" not in status.params:
            # paramJson need not repeat the task type (a follow-up's holds taskId and imageIndex): keep it beside
            return TaskStatus(**{**status.__dict__, "params": {**status.params, "taskType": data["taskType"]}})
        return status

    def not_visible_yet(self, detail: str) -> bool:
        detail = detail.lower()
        return "recordinfo is null" in detail or "record is null" in detail

    def request_from(self, params: dict[str, Any]) -> GenerateRequest | None:
        if isinstance(params.get("input"), dict):
            return None
        task_type = str(params.get("taskType") or "")
        if not task_type.startswith("mj_") and not {"stylization", "weirdness", "variety"} & set(params):
            return None
        for word, tool_id in FOLLOW_UP_TYPES.items():
            if word in task_type and tool_id in catalog.CATALOG:
                tool = catalog.CATALOG[tool_id]
                return GenerateRequest(model=tool.id, callback_url=params.get("callBackUrl"),
                                       options=catalog.freeze(tool.complete(options_from_body(tool, params))))
        if "video" in task_type:
            return None  # not offered: no pictures
        spec = catalog.CATALOG.get("midjourney")
        if spec is None:
            return None
        files = params.get(spec.refs_field) or ([params["fileUrl"]] if params.get("fileUrl") else [])
        files = [files] if isinstance(files, str) else list(files)
        options = options_from_body(spec, params)
        if options.get("reference_type") == TEXT_TO_IMAGE:
            options.pop("reference_type")
        if "speed" in options:
            options["speed"] = _SPEED_WORDS.get(str(options["speed"]).lower(), options["speed"])
        for key in ("stylization", "weirdness", "variety", "omni_weight"):
            if key in options:
                try:
                    options[key] = int(options[key])
                except (TypeError, ValueError):
                    options.pop(key)
        if "version" in options:
            options["version"] = str(options["version"])
        return GenerateRequest(model=spec.id, prompt=str(params.get("prompt") or ""),
                               files_url=tuple(str(u) for u in files), callback_url=params.get("callBackUrl"),
                               options=catalog.freeze(spec.complete(options)))  # what was not sent: its default
