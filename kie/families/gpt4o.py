"""The 4o Image API: `gpt4o-image/generate` and `record-info` (successFlag 0/1/2, progress as a figure,
`recordInfo is null` for a while after creation, `paramJson` as a JSON string)."""

from __future__ import annotations

from typing import Any

from kie import catalog
from kie.families.base import Family, options_body, options_from_body
from kie.request import GenerateRequest
from kie.task_status import TaskStatus


class Gpt4oFamily(Family):
    id = "4o"
    label = "4o Image API"
    submit_path = "/api/v1/gpt4o-image/generate"
    status_path = "/api/v1/gpt4o-image/record-info"

    def body(self, request: GenerateRequest) -> dict[str, Any]:
        spec = request.spec
        body: dict[str, Any] = {}
        if request.prompt:
            body["prompt"] = request.prompt
        if request.files_url:
            body[spec.refs_field] = list(request.files_url)
        if request.mask_url:
            body["maskUrl"] = request.mask_url
        if request.callback_url:
            body["callBackUrl"] = request.callback_url
        body.update(options_body(spec, request.settings()))
        return body

    def status(self, data: dict[str, Any]) -> TaskStatus:
        return TaskStatus.from_record(data)

    def not_visible_yet(self, detail: str) -> bool:
        detail = detail.lower()
        return "recordinfo is null" in detail or "record is null" in detail

    def request_from(self, params: dict[str, Any]) -> GenerateRequest | None:
        specs = [s for s in catalog.CATALOG.values() if s.family == self.id]
        if not specs or isinstance(params.get("input"), dict):
            return None
        spec = specs[0]
        files = params.get(spec.refs_field) or ([params["fileUrl"]] if params.get("fileUrl") else [])
        files = [files] if isinstance(files, str) else list(files)
        options = options_from_body(spec, params)
        if "n_variants" in options:
            try:
                options["n_variants"] = int(options["n_variants"])
            except (TypeError, ValueError):
                options.pop("n_variants")
        return GenerateRequest(model=spec.id, prompt=str(params.get("prompt") or ""),
                               files_url=tuple(str(u) for u in files), mask_url=params.get("maskUrl"),
                               callback_url=params.get("callBackUrl"), options=catalog.freeze(options))
