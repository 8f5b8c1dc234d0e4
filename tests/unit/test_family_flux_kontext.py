"""Contract tests of the Flux Kontext API family (flux/kontext/generate, flux/kontext/record-info, its callback)
against the simulator over real HTTP (kie-more-models-notes.md §1)."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image

from kie import catalog, errors
from kie.callbacks import parse_body
from kie.errors import task_failure_message
from kie.families import family_of, request_from_params
from kie.models import GenerateRequest, Task, TaskStatus
from kie.store import TaskStore
from tests.conftest import TEST_KEY, sim_requests
from tests.fixtures.family_contract import HMAC_KEY, CallbackReceiver, Clock, raw
from tests.fixtures.simulated import client_of, simulator_server

RECORD = "/api/v1/flux/kontext/record-info"
GENERATE = "/api/v1/flux/kontext/generate"
SECONDS = 20.0


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def server(clock):
    with simulator_server([TEST_KEY], task_seconds=SECONDS, clock=clock, webhook_hmac_key=HMAC_KEY) as srv:
        yield srv


@pytest.fixture
def client(server):
    return client_of(server.url, TEST_KEY)


def kontext(prompt: str = "a lighthouse on a cliff at dusk", model: str = "flux-kontext-pro", files=(), **options):
    return GenerateRequest.build(model, prompt, options, files_url=files)


def record(server, task_id: str) -> dict:
    return raw(server, "GET", RECORD, TEST_KEY, params={"taskId": task_id})


def picture(client) -> str:
    out = io.BytesIO()
    Image.new("RGB", (300, 200), (40, 120, 200)).save(out, format="PNG")
    return client.upload_bytes(out.getvalue(), "source.png").url


def test_text_to_image_sends_the_flat_camel_case_body(client, server):
    task_id = client.generate(kontext(aspect_ratio="4:3", output_format="png", prompt_upsampling=True))
    body = sim_requests(server.url, GENERATE)[-1]["body"]
    assert body == {"prompt": "a lighthouse on a cliff at dusk", "model": "flux-kontext-pro", "aspectRatio": "4:3",
                    "outputFormat": "png", "promptUpsampling": True, "enableTranslation": True,
                    "safetyTolerance": 2, "uploadCn": False}
    assert task_id and family_of("flux-kontext").submit_path == GENERATE


def test_an_edit_sends_one_input_image_and_gets_the_picture_back_changed(client, server, clock):
    source = picture(client)
    task_id = client.generate(kontext("add a red moon", "flux-kontext-max", files=(source,), aspect_ratio="1:1"))
    body = sim_requests(server.url, GENERATE)[-1]["body"]
    assert body["inputImage"] == source and body["model"] == "flux-kontext-max"  # one address, not a list
    clock.now += SECONDS + 1
    data = record(server, task_id)["data"]
    assert data["response"]["originImageUrl"] == source
    status = client.record_info(task_id, "flux-kontext-max")
    assert status.state == "success" and status.result_urls == (data["response"]["resultImageUrl"],)
    content = client.fetch_result(status.result_urls[0])
    with Image.open(io.BytesIO(content)) as result:
        assert result.format == "JPEG" and result.size[0] == result.size[1]  # JPEG by default, at the asked 1:1


@pytest.mark.parametrize("seconds, state, flag", [(0.0, "pending", 0), (10.0, "pending", 0),
                                                  (SECONDS + 0.5, "success", 1)])
def test_each_state_maps_to_the_studios(client, server, clock, seconds, state, flag):
    task_id = client.generate(kontext(output_format="png"))
    clock.now += seconds
    data = record(server, task_id)["data"]
    assert data["successFlag"] == flag and isinstance(data["paramJson"], str)
    status = client.record_info(task_id, "flux-kontext-pro")
    assert status.state == state and status.progress == (1.0 if state == "success" else 0.0)  # no progress figure
    assert status.created_at == pytest.approx(clock.now - seconds, abs=1.0)  # from the ISO time
    assert status.params["model"] == "flux-kontext-pro"
    if state == "success":
        assert len(status.result_urls) == 1 and status.completed_at == pytest.approx(status.created_at + SECONDS,
                                                                                     abs=1.0)
        assert client.fetch_result(status.result_urls[0]).startswith(b"\x89PNG")
    else:
        assert status.result_urls == () and status.completed_at is None and data["response"] is None


@pytest.mark.parametrize("code, flag", [(400, 2), (500, 3), (501, 3)])
def test_each_failure_carries_its_flag_code_and_message(client, server, clock, code, flag):
    task_id = client.generate(kontext(f"a storm [fail:{code}]"))
    clock.now += SECONDS
    data = record(server, task_id)["data"]
    assert data["successFlag"] == flag and data["errorCode"] == code and data["errorMessage"]
    status = client.record_info(task_id, "flux-kontext-pro")
    assert status.state == "failed" and status.error_code == code and status.error_message == data["errorMessage"]
    assert status.result_urls == () and status.completed_at is not None
    assert data["errorMessage"] in task_failure_message(status.error_code, status.error_message)


@pytest.mark.parametrize("flag, words", [(2, "could not create"), (3, "generating failed")])
def test_flags_2_and_3_without_a_message_are_failures_in_words(flag, words):
    status = family_of("flux-kontext").status({"taskId": "t", "successFlag": flag, "errorCode": None,
                                               "errorMessage": "", "response": None})
    assert status.state == "failed" and words in status.error_message


@pytest.mark.parametrize("result", [
    {"originImageUrl": "https://x/in.png", "resultImageUrl": "https://x/out.jpg"},
    {"resultImageUrl": {"resultUrl": "https://x/out.jpg"}},
    json.dumps({"resultImageUrl": "https://x/out.jpg"}),
    {"resultUrls": [{"resultUrl": "https://x/out.jpg"}]},
])
def test_the_result_is_read_as_a_string_or_an_object(result):
    status = family_of("flux-kontext").status({"taskId": "t", "successFlag": 1, "response": result})
    assert status.result_urls == ("https://x/out.jpg",) and status.result_problem is None


def test_a_success_that_names_no_picture_says_so():
    status = family_of("flux-kontext").status({"taskId": "t", "successFlag": 1, "response": {"originImageUrl": "x"}})
    assert status.state == "success" and status.result_urls == () and status.result_problem


@pytest.mark.parametrize("time_format", ["iso", "ms", "text"])
def test_times_in_each_format(client, server, clock, time_format):
    raw(server, "POST", "/_sim/config", TEST_KEY, json={"time_format": time_format})
    task_id = client.generate(kontext())
    sent_at = clock.now
    clock.now += SECONDS + 1
    created = record(server, task_id)["data"]["createTime"]
    assert isinstance(created, int) if time_format == "ms" else ("T" in created) == (time_format == "iso")
    status = client.record_info(task_id, "flux-kontext-pro")
    assert status.created_at == pytest.approx(sent_at, abs=1.0)
    assert status.completed_at == pytest.approx(sent_at + SECONDS, abs=1.0)


def test_an_unknown_task_id_is_not_found(client, server):
    answer = record(server, "fluxkontext_does_not_exist")
    assert answer["code"] == 404
    with pytest.raises(errors.NotFound):
        client.record_info("fluxkontext_does_not_exist", "flux-kontext-pro")


@pytest.mark.parametrize("change, field", [
    ({"aspectRatio": "5:4"}, "aspectRatio"), ({"outputFormat": "webp"}, "outputFormat"),
    ({"model": "flux-kontext-ultra"}, "model"), ({"promptUpsampling": "yes"}, "promptUpsampling"),
    ({"inputImage": "ftp://x/a.png"}, "inputImage"), ({"prompt": None}, "prompt"), ({"nVariants": 2}, "nVariants"),
    ({"inputImage": "https://e.com/a.png", "safetyTolerance": 5}, "safetyTolerance"),
])
def test_422_names_the_field(client, server, change, field):
    body = {"prompt": "a fox", "model": "flux-kontext-pro", "aspectRatio": "16:9", **change}
    body = {k: v for k, v in body.items() if v is not None}
    answer = raw(server, "POST", GENERATE, TEST_KEY, json=body)
    assert answer["code"] == 422 and field in answer["msg"]
    with pytest.raises(errors.ValidationError) as caught:
        client._call("POST", server.url + GENERATE, idempotent=False, json=body)
    assert field in caught.value.detail


def test_the_message_is_read_from_msg_or_message(client, server):
    raw(server, "POST", "/_sim/config", TEST_KEY, json={"message_key": "message"})
    answer = raw(server, "POST", GENERATE, TEST_KEY, json={"prompt": "x", "aspectRatio": "5:4"})
    assert "msg" not in answer and "aspectRatio" in answer["message"]
    with pytest.raises(errors.ValidationError) as caught:
        client._call("POST", server.url + GENERATE, idempotent=False, json={"prompt": "x", "aspectRatio": "5:4"})
    assert "aspectRatio" in caught.value.detail


def test_the_studio_refuses_what_the_service_would_before_sending(client, server):
    with pytest.raises(errors.RequestInvalid) as caught:
        client.generate(kontext(files=("https://e.com/a.png",), safety_tolerance=5))
    assert caught.value.field == "safety_tolerance" and "0 to 2" in caught.value.message
    with pytest.raises(errors.RequestInvalid) as caught:
        client.generate(kontext(files=("https://e.com/a.png", "https://e.com/b.png")))
    assert caught.value.field == "files_url"
    assert not sim_requests(server.url, GENERATE)


@pytest.mark.parametrize("model", ["flux-kontext-pro", "flux-kontext-max"])
def test_credits_go_down_by_the_models_price(client, model):
    before = client.credits()
    client.generate(kontext(model=model))
    assert before - client.credits() == pytest.approx(catalog.get(model).estimate({}))


def test_a_task_made_elsewhere_is_found_and_its_request_read_back(client, clock):
    request = kontext("a harbour at night", "flux-kontext-max", aspect_ratio="21:9", prompt_upsampling=True)
    task_id = client.generate(request)
    clock.now += SECONDS + 1
    status = client.find_task(task_id)
    assert status.state == "success" and status.task_id == task_id
    assert request_from_params(status.params) == request.validated()


@pytest.mark.parametrize("prompt, code", [("a quiet bay", 200), ("a quiet bay [fail:400]", 400)])
def test_a_signed_callback_in_the_flux_body_is_taken_in(client, server, clock, tmp_path, prompt, code):
    store = TaskStore(tmp_path, "demo")
    receiver = CallbackReceiver(store)
    try:
        token, url = receiver.new_url()
        request = GenerateRequest.build("flux-kontext-pro", prompt, {}, callback_url=url)
        task_id = client.generate(request)
        store.add(Task(task_id=task_id, kind="text", request=request, model=request.model, callback_token=token))
        clock.now += SECONDS + 1
        server.simulator.callback_wakeup.set()
        calls = receiver.wait(1)
        assert len(calls) == 1 and (calls[0]["status"], calls[0]["said"]) == (200, "received")
        assert calls[0]["headers"]["x-webhook-signature"] and calls[0]["headers"]["x-webhook-timestamp"]
        body = json.loads(calls[0]["raw"])
        assert body["code"] == code and body["data"]["taskId"] == task_id and parse_body(calls[0]["raw"]).code == code
        if code == 200:
            assert body["msg"] == "BFL image generated successfully."
            assert body["data"]["info"]["resultImageUrl"] == client.record_info(task_id, request.model).result_urls[0]
        else:
            assert body["data"]["info"] is None and body["msg"]
        assert store.get(task_id).callback_at is not None  # the task is due: record-info confirms it
    finally:
        receiver.close()


def test_a_callback_with_a_wrong_signature_changes_nothing(client, server, clock, tmp_path):
    store = TaskStore(tmp_path, "demo")
    receiver = CallbackReceiver(store, hmac_key="another-key-entirely")
    try:
        token, url = receiver.new_url()
        request = GenerateRequest.build("flux-kontext-max", "a bay", {}, callback_url=url)
        task_id = client.generate(request)
        store.add(Task(task_id=task_id, kind="text", request=request, model=request.model, callback_token=token))
        clock.now += SECONDS + 1
        server.simulator.callback_wakeup.set()
        assert receiver.wait(1)[0]["status"] == 401
        assert store.get(task_id).callback_at is None
    finally:
        receiver.close()


def test_the_status_of_a_pending_task_reads_as_generating():
    status = TaskStatus.from_flag_record({"taskId": "t", "successFlag": 0, "createTime": "2024-03-20T10:30:00Z"}, None)
    assert status.state == "pending" and status.phase == "generating" and status.created_at == 1710930600.0
