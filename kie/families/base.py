"""What every API family plug-in provides (see kie.families)."""

from __future__ import annotations

from typing import Any

from kie.catalog import ModelSpec
from kie.errors import RequestInvalid
from kie.request import GenerateRequest
from kie.task_status import TaskStatus


def options_body(spec: ModelSpec, options: dict[str, Any]) -> dict[str, Any]:
    """A request's options under their API field names and values; an option that does not count with the other
    choices (`only_with`) is left out (GPT-4o's fallback model without the fallback)."""
    body = {}
    for option in spec.options:
        if not option.counts_with(options):
            continue
        body[option.field_name] = option.to_api(options[option.key])
    return body


def options_from_body(spec: ModelSpec, body: dict[str, Any]) -> dict[str, Any]:
    """The options named in an API body (the reverse of `options_body`); unknown fields are left out."""
    return {o.key: o.from_api(body[o.field_name]) for o in spec.options if o.field_name in body}


class Family:
    """One of the provider's APIs. Subclasses set the ids and paths and implement the three readers."""

    id: str = ""  # what catalogue entries name in `family`
    label: str = ""  # in words, for the models table and cards ("4o Image API")
    submit_path: str = ""
    status_path: str = ""

    def body(self, request: GenerateRequest) -> dict[str, Any]:
        """The JSON body that submits a validated `request`."""
        raise NotImplementedError

    def task_id(self, data: Any) -> str | None:
        """The taskId in a submit answer's `data`."""
        return str(data["taskId"]) if isinstance(data, dict) and data.get("taskId") else None

    def status(self, data: dict[str, Any]) -> TaskStatus:
        """A status answer's `data` in the common shape."""
        raise NotImplementedError

    def not_visible_yet(self, detail: str) -> bool:
        """Whether an error's text means "the task exists but cannot be shown yet" (asked again later)."""
        return False

    def request_from(self, params: dict[str, Any]) -> GenerateRequest | None:
        """The request a status answer's parameters describe (a task added by its ID); None when they name no
        model of this family."""
        raise NotImplementedError

    # -- follow-ups on a finished task (Midjourney's Upscale and Vary) ------------------------------

    follow_up_paths: dict[str, str] = {}  # action ("upscale", "vary") -> the path that sends it

    def follow_up_path(self, action: str) -> str:
        """The path that sends follow-up `action`; `RequestInvalid` for one this family does not offer."""
        path = self.follow_up_paths.get(action)
        if path is None:
            raise RequestInvalid(f"The {self.label or self.id} offers no {action!r} on a finished task.",
                                 field="model")
        return path

    def follow_up_body(self, action: str, source_task_id: str, image_index: int, callback_url: str | None = None,
                       ) -> dict[str, Any]:
        """The JSON body of follow-up `action` on picture `image_index` (0-based) of the finished task
        `source_task_id`."""
        self.follow_up_path(action)
        raise NotImplementedError
