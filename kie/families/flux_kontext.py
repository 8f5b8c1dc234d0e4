"""The Flux Kontext API: `flux/kontext/generate` (a flat camelCase body: `prompt`, `model`, `inputImage` to edit one
picture by instruction, `aspectRatio`, `outputFormat`, ...) and `flux/kontext/record-info` (successFlag 0/1/2/3, 2 and
3 both failures; the one result in `response.resultImageUrl`; `paramJson` a JSON string; ISO times)."""

from __future__ import annotations

from typing import Any

from kie import catalog
from kie.families.base import Family, options_body, options_from_body
from kie.request import GenerateRequest
from kie.task_status import TaskStatus


class FluxKontextFamily(Family):
    id = "flux-kontext"
    label = "Flux Kontext API"
    submit_path = "/api/v1/flux/kontext/generate"
    status_path = "/api/v1/flux/kontext/record-info"

    def body(self, request: GenerateRequest) -> dict[str, Any]:
        spec = request.spec
        body: dict[str, Any] = {"prompt": request.prompt, "model": spec.upstream}
        if request.files_url:
            body[spec.refs_field] = request.files_url[0]  # one picture to edit
        body.update(options_body(spec, request.settings()))
        if request.callback_url:
            body["callBackUrl"] = request.callback_url
        return body

    def status(self, data: dict[str, Any]) -> TaskStatus:
        return TaskStatus.from_flag_record(data, data.get("response"))

    def not_visible_yet(self, detail: str) -> bool:
        detail = detail.lower()  # the old-style APIs' "not shown yet" words, should this one use them too
        return "recordinfo is null" in detail or "record is null" in detail

    def request_from(self, params: dict[str, Any]) -> GenerateRequest | None:
        if isinstance(params.get("input"), dict):
            return None
        spec = next((s for s in catalog.CATALOG.values()
                     if s.family == self.id and s.upstream == str(params.get("model") or "")), None)
        if spec is None:
            return None
        image = params.get(spec.refs_field)
        files = (str(image),) if isinstance(image, str) and image else ()
        return GenerateRequest(model=spec.id, prompt=str(params.get("prompt") or ""), files_url=files,
                               callback_url=params.get("callBackUrl"),
                               options=catalog.freeze(options_from_body(spec, params)))
