"""Midjourney's Upscale and Vary through the workspace: catalogue tools that ask the provider to work on its own
finished grid (taskId + picture index), nothing uploaded, the result a task linked to its source."""

from __future__ import annotations

import pytest

from kie import errors
from kie.models import GenerateRequest
from kie.permissions import NotYourTask
from kie.polling import PollPolicy
from kie.workspace import Workspace
from tests.conftest import sim_requests
from tests.unit.test_studio import follow

# The simulator's tasks take a second here, not Midjourney's typical minute: ask often.
FAST = PollPolicy(first_poll=0.3, min_interval=0.2, max_interval=0.5, deadline=60, typical_seconds=1.0,
                  expected_wait_cap=0.3, overdue_interval=0.2, overdue_growth=0.0)


@pytest.fixture
def grid(client, store):
    workspace = Workspace(client, store, policy=FAST)
    task = workspace.submit(GenerateRequest.build("midjourney", "a lighthouse at dusk", {"speed": "fast"}))
    return workspace, follow(workspace, task.task_id, timeout=30)


@pytest.mark.parametrize("tool, pictures", [("midjourney-upscale", 1), ("midjourney-vary", 4)])
def test_a_follow_up_on_one_picture_of_the_grid_is_a_linked_task(grid, sim_server, tool, pictures):
    workspace, source = grid
    assert source.state == "success" and len(source.images) == 4
    uploads_before = len(sim_requests(sim_server.url, "upload"))
    task = workspace.run_tool(source, 2, tool)
    assert task.parent_id == source.task_id and task.model == tool and task.kind == "tool"
    sent = [r for r in sim_requests(sim_server.url) if r["method"] == "POST" and "mj" in r["path"].lower()][-1]
    assert sent["body"]["taskId"] == source.task_id and sent["body"]["imageIndex"] == 2
    assert len(sim_requests(sim_server.url, "upload")) == uploads_before  # the provider's own picture: no upload
    done = follow(workspace, task.task_id, timeout=30)
    assert done.state == "success" and len(done.images) == pictures


def test_a_follow_up_is_refused_on_another_models_picture_and_on_another_persons_grid(client, store, grid):
    workspace, source = grid
    other = Workspace(client, store, policy=FAST)
    plain = follow(other, other.submit(GenerateRequest.build("gpt-image-2", "a kite", {})).task_id, timeout=30)
    with pytest.raises(errors.RequestInvalid, match="works only on pictures of Midjourney"):
        workspace.run_tool(plain, 0, "midjourney-upscale")
    store.set_owner(source.task_id, "alice@example.com")
    with pytest.raises(NotYourTask):
        workspace.for_person("bob@example.com").run_tool(source, 0, "midjourney-upscale")


def test_a_relaxed_midjourney_task_is_expected_to_take_longer_and_is_learned_apart(client, store):
    workspace = Workspace(client, store, policy=PollPolicy())
    relaxed = workspace.expected_seconds("midjourney", {"speed": "relaxed"})
    fast = workspace.expected_seconds("midjourney", {"speed": "fast"})
    assert relaxed > 2 * fast  # asked rarely: its first question comes much later
    assert workspace.expected_seconds("midjourney", {"speed": "turbo"}) < fast
