"""Tools on a finished picture (upscale, remove background, Midjourney's Upscale and Vary): a new task made from
one of a task's pictures.

The cached picture is uploaded afresh and sent to the tool (a catalogue entry with `is_tool`), or, for a tool that
`acts_on_task`, the provider is asked to work on its own task (taskId + image index); the new task is linked to
its source (`parent_id`) and records the tool as its model.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kie import catalog, errors
from kie.models import GenerateRequest, Task
from kie.permissions import Permissions
from kie.sending import InputFile, Sender, Step
from kie.workspace_setup import WorkspaceSetup


class Tools:
    """Runs the catalogue's tools on one person's finished pictures."""

    def __init__(self, setup: WorkspaceSetup, sender: Sender, permissions: Permissions):
        self.setup = setup
        self.sender = sender
        self.permissions = permissions

    def run_tool(self, task: Task, image_index: int, tool_id: str, options: Mapping[str, Any] | None = None,
                 on_step: Step | None = None) -> Task:
        """Run tool `tool_id` on picture `image_index` of `task`. Only a task this person may use
        (kie.permissions): another person's is refused (`NotYourTask`), audited, nothing sent."""
        task = self.permissions.task_for(task.task_id, "tool")
        spec = catalog.get(tool_id)
        if not spec.is_tool:
            raise errors.RequestInvalid(f"{spec.name} is not a tool for a finished picture.", field="model")
        if not spec.works_on(task.model):
            raise errors.RequestInvalid(f"{spec.name} works only on pictures of "
                                        f"{', '.join(catalog.name_of(m) for m in spec.applies_to)}.", field="model")
        if spec.acts_on_task:  # the provider works on its own task (Midjourney's Upscale and Vary): nothing uploaded
            if task.state != "success":
                raise errors.RequestInvalid("That task has not finished yet: wait for its pictures, then try "
                                            "again.", field="image_index")
            request = GenerateRequest.build(spec.id, "", {**(options or {}), "image_index": image_index}
                                            if any(o.key == "image_index" for o in spec.options) else options or {})
            return self.sender.submit(request, (), on_step, measure=False, parent_id=task.task_id,
                                      source_task_id=task.task_id)
        if not 0 <= image_index < len(task.images):
            raise errors.RequestInvalid("That picture is not in the local cache yet: wait until it has been "
                                        "downloaded, then try again.", field="image_index")
        content = self.setup.store.image_path(task.task_id, task.images[image_index]).read_bytes()
        request = GenerateRequest.build(spec.id, "", options or {})
        return self.sender.submit(request, [InputFile("source", content)], on_step, measure=False,
                                  parent_id=task.task_id)
