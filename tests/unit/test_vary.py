"""Vary and Run again in the core (issue 26), through the real client, the simulator over HTTP and a real SQLite
store.

Vary makes variations of one picture: that picture, uploaded from the local cache, is the one reference of the
task's prompt and settings on its own model, and the new task is linked to its source. What it will send (and
cost) is known before anything is sent, and a model that takes no reference pictures, or a tool's result, is
refused with words and nothing sent. Run again sends the same request once more.
"""

from __future__ import annotations

import time

import pytest
import requests

from kie import catalog, errors
from kie.models import GenerateRequest, Task
from kie.polling import PollPolicy
from kie.sending import variation_request, why_not_vary
from kie.workspace import Workspace
from tests.conftest import sim_requests

# The simulator's tasks take a second here, not a model's typical minute: ask often.
FAST = PollPolicy(first_poll=0.3, min_interval=0.2, max_interval=0.5, deadline=30, expected_wait_cap=0.3,
                  overdue_interval=0.2, overdue_growth=0.0)


@pytest.fixture
def workspace(client, store):
    return Workspace(client, store, policy=FAST)


def finished(workspace: Workspace, request: GenerateRequest) -> Task:
    task = workspace.submit(request)
    end = time.time() + 10
    while time.time() < end:
        workspace.poll_due()
        done = workspace.store.get(task.task_id)
        if done.state == "success" and done.images:
            return done
        time.sleep(0.05)
    raise AssertionError(f"{request.prompt!r} did not finish")


def generates(url: str) -> list[dict]:
    """The generate requests the simulator received (4o Image API and Market API)."""
    return [r for r in sim_requests(url) if r["path"].endswith(("/generate", "/createTask"))]


def uploaded(sim_server, url: str) -> bytes:
    """The bytes of a picture the simulator received at upload address `url` (asked over HTTP)."""
    return requests.get(f"{sim_server.url}/_sim/uploads/{url.rsplit('/', 1)[1]}", timeout=5).content


def test_vary_sends_the_picture_as_the_one_reference_with_the_same_prompt_and_settings(workspace, sim_server):
    source = finished(workspace, GenerateRequest(prompt="a lighthouse at dusk", options=(("size", "3:2"),
                                                                                         ("n_variants", 2))))
    before = len(generates(sim_server.url))
    varied = workspace.vary(source, 1)
    sent = generates(sim_server.url)
    assert len(sent) == before + 1  # sent once
    body = sent[-1]["body"]
    assert body["prompt"] == "a lighthouse at dusk" and body["size"] == "3:2" and body["nVariants"] == 2
    assert len(body["filesUrl"]) == 1
    picture = workspace.store.image_path(source.task_id, source.images[1]).read_bytes()
    assert uploaded(sim_server, body["filesUrl"][0]) == picture  # the second picture itself, not the first
    kept = workspace.store.get(varied.task_id)
    assert kept.parent_id == source.task_id and kept.model == source.model and kept.kind == "variants"
    assert set(kept.inputs) == {"ref0"}
    assert workspace.store.input_path(kept.inputs["ref0"]).read_bytes() == picture
    assert workspace.store.audit_log()[0].action == "submit"


def test_vary_on_a_market_model_keeps_its_model_and_options(workspace, sim_server):
    source = finished(workspace, GenerateRequest.build("nano-banana-pro", "a red kite over a beach",
                                                       {"aspect_ratio": "16:9", "resolution": "2K"}))
    request = variation_request(source)
    assert request.model == "nano-banana-pro" and request.option("aspect_ratio") == "16:9"
    varied = workspace.vary(source, 0)
    body = sim_requests(sim_server.url, "/createTask")[-1]["body"]
    assert body["model"] == "nano-banana-pro" and body["input"]["prompt"] == "a red kite over a beach"
    assert body["input"]["aspect_ratio"] == "16:9" and body["input"]["resolution"] == "2K"
    assert len(body["input"]["image_input"]) == 1
    assert workspace.store.get(varied.task_id).parent_id == source.task_id


def test_what_vary_costs_is_known_before_anything_is_sent(workspace, sim_server):
    source = finished(workspace, GenerateRequest(prompt="four foxes", options=(("n_variants", 4),)))
    sent = len(sim_requests(sim_server.url))
    request = variation_request(source)
    assert request.spec.estimate(request.settings()) == 4 * catalog.GPT_4O.price_per_image
    assert len(sim_requests(sim_server.url)) == sent  # asking what it will send sends nothing


@pytest.mark.parametrize("model, says", [
    ("imagen-4-fast", "Imagen 4 Fast takes no reference pictures, so it cannot make variations of a picture"),
    ("topaz-upscale", "made this picture from another one: vary that picture instead"),
])
def test_a_model_that_takes_no_reference_cannot_vary_and_says_so_sending_nothing(workspace, sim_server, model, says):
    request = GenerateRequest.build(model, "a quiet harbour" if model == "imagen-4-fast" else "", {})
    task = Task(task_id=f"task_{model}", kind=request.kind, request=request, state="success",
                created_at=time.time(), model=model, images=["0.png"])
    workspace.store.add(task)
    sent = len(sim_requests(sim_server.url))
    with pytest.raises(errors.RequestInvalid, match=says):
        variation_request(task)
    with pytest.raises(errors.RequestInvalid, match=says):
        workspace.vary(task, 0)
    assert len(sim_requests(sim_server.url)) == sent


def test_a_combination_the_model_refuses_with_a_reference_is_refused_before_anything_is_sent(sim_server):
    request = GenerateRequest.build("gpt-image-2", "a square harbour", {"aspect_ratio": "1:1", "resolution": "4K"})
    task = Task(task_id="task_gpt2_4k", kind="text", request=request, state="success", created_at=time.time(),
                model="gpt-image-2", images=["0.png"])
    assert why_not_vary(task) is None  # the model takes references: the button is offered
    with pytest.raises(errors.RequestInvalid, match="With reference pictures GPT Image 2 cannot make a 1:1 picture"):
        variation_request(task)  # what pressing it says, before anything is uploaded or sent
    assert sim_requests(sim_server.url) == []


def test_vary_of_a_picture_not_in_the_cache_is_refused_with_words(workspace, sim_server):
    source = finished(workspace, GenerateRequest(prompt="a green frog"))
    workspace.store.image_path(source.task_id, source.images[0]).write_bytes(b"<html>not a picture</html>")
    sent = len(sim_requests(sim_server.url))
    with pytest.raises(errors.RequestInvalid, match="That picture cannot be varied"):
        workspace.vary(source, 0)
    with pytest.raises(errors.RequestInvalid, match="not in the local cache yet"):
        workspace.vary(source, 5)
    assert len(sim_requests(sim_server.url)) == sent


def test_run_again_sends_the_same_settings_once(workspace, sim_server):
    source = finished(workspace, GenerateRequest(prompt="a blue whale", options=(("size", "2:3"),)))
    before = generates(sim_server.url)
    again = workspace.rerun(source)
    sent = generates(sim_server.url)
    assert len(sent) == len(before) + 1
    assert sent[-1]["body"] == before[-1]["body"]  # the same settings, word for word
    assert again.request == source.request and again.parent_id is None and again.task_id != source.task_id
