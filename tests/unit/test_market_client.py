"""Contract tests of the Market API client (jobs/createTask, jobs/recordInfo) against the simulator over HTTP."""

from __future__ import annotations

import json

import pytest
import requests

from kie import catalog, errors
from kie.errors import task_failure_message
from kie.request import GenerateRequest
from kie.task_status import TaskStatus
from tests.conftest import TEST_KEY, sim_requests
from tests.fixtures.simulated import client_of, simulator_server


class Clock:
    """The simulator's clock, moved by the test (states change by the second, not by sleeping)."""

    def __init__(self, now: float = 1_700_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def server(clock):
    with simulator_server([TEST_KEY], task_seconds=20.0, clock=clock) as srv:
        yield srv


@pytest.fixture
def client(server):
    return client_of(server.url, TEST_KEY)


def gpt2(prompt: str = "a red kite over the sea", **options):
    return GenerateRequest.build("gpt-image-2", prompt, options)


def raw_record(server, task_id: str) -> dict:
    answer = requests.get(server.url + "/api/v1/jobs/recordInfo", params={"taskId": task_id},
                          headers={"Authorization": f"Bearer {TEST_KEY}"}, timeout=5)
    return answer.json()


def test_create_task_sends_the_market_body(client, server):
    task_id = client.generate(gpt2(aspect_ratio="16:9", resolution="2K"))
    body = sim_requests(server.url, "/jobs/createTask")[-1]["body"]
    assert body == {"model": "gpt-image-2-text-to-image",
                    "input": {"prompt": "a red kite over the sea", "aspect_ratio": "16:9", "resolution": "2K"}}
    assert task_id.startswith("task_")


@pytest.mark.parametrize("seconds, state, phase", [
    (0.0, "pending", "waiting"), (4.0, "pending", "queuing"), (10.0, "pending", "generating"),
    (20.5, "success", "success"),
])
def test_each_state_maps_to_the_studios(client, clock, seconds, state, phase):
    task_id = client.generate(gpt2())
    clock.now += seconds
    status = client.record_info(task_id, "gpt-image-2")
    assert (status.state, status.phase) == (state, phase)
    assert status.progress == (1.0 if state == "success" else 0.0)  # no fake progress figure
    assert status.created_at == pytest.approx(clock.now - seconds, abs=0.01)  # from epoch ms
    if state == "success":
        assert status.completed_at == pytest.approx(status.created_at + 20.0, abs=0.01)
        assert status.cost_ms == 20_000
    else:
        assert status.completed_at is None and status.result_urls == ()


def test_param_and_result_json_are_strings_on_the_wire_and_parsed_by_the_client(client, server, clock):
    task_id = client.generate(gpt2())
    before = raw_record(server, task_id)["data"]
    assert before["resultJson"] == "" and before["completeTime"] is None and isinstance(before["param"], str)
    clock.now += 21
    data = raw_record(server, task_id)["data"]
    assert isinstance(data["resultJson"], str) and isinstance(data["param"], str)
    assert data["createTime"] > 10**12  # epoch milliseconds
    status = client.record_info(task_id, "gpt-image-2")
    assert list(status.result_urls) == json.loads(data["resultJson"])["resultUrls"]
    assert status.params["model"] == "gpt-image-2-text-to-image"
    assert client.fetch_result(status.result_urls[0]).startswith(b"\x89PNG")


def test_a_failure_carries_fail_code_and_fail_msg_in_plain_words(client, server, clock):
    task_id = client.generate(gpt2("a storm [fail:501]"))
    clock.now += 11
    raw = raw_record(server, task_id)["data"]
    assert raw["state"] == "fail" and raw["failCode"] == "501" and raw["failMsg"]
    status = client.record_info(task_id, "gpt-image-2")
    assert status.state == "failed" and status.error_code == 501 and status.error_message == raw["failMsg"]
    words = task_failure_message(status.error_code, status.error_message)
    assert words.startswith("The service failed to make the image.") and raw["failMsg"] in words


def test_a_word_fail_code_is_kept_in_the_message():
    status = TaskStatus.from_market({"taskId": "t", "state": "fail", "failCode": "CONTENT_POLICY",
                                     "failMsg": "flagged", "param": "{}", "resultJson": ""})
    assert status.state == "failed" and status.error_code is None
    assert status.error_message == "CONTENT_POLICY: flagged"


def test_unknown_task_id_is_not_found(client):
    with pytest.raises(errors.NotFound):
        client.record_info("task_does_not_exist", "nano-banana-pro")


def test_a_4o_task_is_asked_about_in_its_own_family(client, server, clock):
    task_id = client.generate(GenerateRequest.build("gpt-4o-image", "a cat", {}))
    clock.now += 1
    assert client.record_info(task_id) is not None
    assert sim_requests(server.url, "/record-info") and not sim_requests(server.url, "/jobs/recordInfo")


def test_422_names_the_field(client, server):
    # Built by hand past the studio's own checks, to see the provider's answer.
    bad = {"model": "topaz/image-upscale", "input": {"image_url": "https://e.com/a.png", "upscale_factor": 2}}
    answer = requests.post(server.url + "/api/v1/jobs/createTask", json=bad,
                           headers={"Authorization": f"Bearer {TEST_KEY}"}, timeout=5).json()
    assert answer["code"] == 422 and "upscale_factor" in answer["msg"]
    with pytest.raises(errors.ValidationError) as caught:
        client._call("POST", server.url + "/api/v1/jobs/createTask", idempotent=False,
                     json={"model": "seedream/4.5-edit", "input": {"prompt": "x", "aspect_ratio": "1:1",
                                                                   "quality": "basic"}})
    assert "image_urls" in caught.value.message


@pytest.mark.parametrize("code, error", [
    (401, errors.AuthError), (402, errors.InsufficientCredits), (404, errors.NotFound),
    (422, errors.ValidationError), (433, errors.SubKeyLimit), (455, errors.Maintenance),
    (500, errors.ServerError), (501, errors.GenerationFailed), (505, errors.FeatureDisabled),
    (550, errors.QueueFull),
])
def test_each_code_on_create_task_is_explained_and_sent_once(client, server, code, error):
    requests.post(server.url + "/_sim/faults", json={"path": "/jobs/createTask", "kind": f"code:{code}"}, timeout=5)
    with pytest.raises(error) as caught:
        client.generate(gpt2())
    assert caught.value.message and caught.value.hint  # a sentence and what to do next
    assert len(sim_requests(server.url, "/jobs/createTask")) == 1  # never repeated: it might have made a task


def test_429_on_create_task_is_retried(client, server):
    requests.post(server.url + "/_sim/faults", json={"path": "/jobs/createTask", "kind": "code:429"}, timeout=5)
    assert client.generate(gpt2())
    assert len(sim_requests(server.url, "/jobs/createTask")) == 2


def test_a_lost_answer_to_create_task_is_not_sent_again(client, server):
    requests.post(server.url + "/_sim/faults", json={"path": "/jobs/createTask", "kind": "drop_after"}, timeout=5)
    with pytest.raises(errors.UnknownOutcome):
        client.generate(gpt2())
    assert len(sim_requests(server.url, "/jobs/createTask")) == 1
    assert len(server.simulator.state.tasks) == 1  # it was made: sending again would pay twice


def test_record_info_is_retried_on_server_errors(client, server):
    task_id = client.generate(gpt2())
    requests.post(server.url + "/_sim/faults", json={"path": "/jobs/recordInfo", "kind": "code:500"}, timeout=5)
    assert client.record_info(task_id, "gpt-image-2").state == "pending"
    assert len(sim_requests(server.url, "/jobs/recordInfo")) == 2


def test_credits_go_down_by_each_models_price(client, server):
    start = client.credits()
    for model in ("gpt-image-2", "nano-banana-pro", "seedream-4.5"):
        client.generate(GenerateRequest.build(model, "a lighthouse", {}))
    spent = round(start - client.credits(), 4)
    assert spent == pytest.approx(sum(catalog.get(m).estimate({}) for m in ("gpt-image-2", "nano-banana-pro",
                                                                           "seedream-4.5")))


def test_codes_433_501_505_are_typed_and_never_retried():
    for code, error in ((433, errors.SubKeyLimit), (501, errors.GenerationFailed), (505, errors.FeatureDisabled)):
        assert isinstance(errors.error_for(code), error)
        assert not error.retryable
