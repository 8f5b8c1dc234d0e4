"""The Market API: `jobs/createTask` ({model, input, callBackUrl}; each model's own input fields) and
`jobs/recordInfo` (state words, `param`/`resultJson` as JSON strings, epoch-ms times, 404 for an unknown taskId)."""

from __future__ import annotations

from typing import Any

from kie import catalog
from kie.families.base import Family, options_body, options_from_body
from kie.request import GenerateRequest
from kie.task_status import TaskStatus


class MarketFamily(Family):
    id = "market"
    label = "Market API"
    submit_path = "/api/v1/jobs/createTask"
    status_path = "/api/v1/jobs/recordInfo"

    def body(self, request: GenerateRequest) -> dict[str, Any]:
        spec = request.spec
        data: dict[str, Any] = {}
        if spec.takes_prompt:
            data["prompt"] = request.prompt
        if request.files_url:
            data[spec.refs_field] = request.files_url[0] if spec.single_ref else list(request.files_url)
        data.update(options_body(spec, request.settings()))
        body: dict[str, Any] = {"model": spec.market_model(len(request.files_url)), "input": data}
        if request.callback_url:
            body["callBackUrl"] = request.callback_url
        return body

    def status(self, data: dict[str, Any]) -> TaskStatus:
        return TaskStatus.from_market(data)

    def request_from(self, params: dict[str, Any]) -> GenerateRequest | None:
        spec = catalog.by_upstream(str(params.get("model") or ""))
        if spec is None or spec.family != self.id:
            return None
        data = params.get("input") if isinstance(params.get("input"), dict) else {}
        refs = data.get(spec.refs_field) or []
        refs = [refs] if isinstance(refs, str) else list(refs)
        return GenerateRequest(model=spec.id, prompt=str(data.get("prompt") or ""),
                               files_url=tuple(str(u) for u in refs), callback_url=params.get("callBackUrl"),
                               options=catalog.freeze(options_from_body(spec, data)))
