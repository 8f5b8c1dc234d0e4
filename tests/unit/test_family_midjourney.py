"""Contract tests of the Midjourney API family (mj/generate, mj/record-info, the Upscale and Vary follow-ups, its
callback) against the simulator over real HTTP (kie-more-models-notes.md §2)."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image, ImageChops

from kie import catalog, errors
from kie.callbacks import parse_body
from kie.families import body_of, family_of, request_from_params
from kie.models import GenerateRequest, Task
from kie.store import TaskStore
from tests.conftest import OTHER_KEY, TEST_KEY, sim_requests
from tests.fixtures.family_contract import HMAC_KEY, CallbackReceiver, Clock, raw
from tests.fixtures.simulated import client_of, simulator_server

GENERATE, RECORD = "/api/v1/mj/generate", "/api/v1/mj/record-info"
UPSCALE, VARY = "/api/v1/mj/generateUpscale", "/api/v1/mj/generateVary"
SECONDS = 20.0  # a fast task; relaxed takes five times as long in the simulator, turbo half


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def server(clock):
    with simulator_server([TEST_KEY, OTHER_KEY], task_seconds=SECONDS, clock=clock,
                          webhook_hmac_key=HMAC_KEY) as srv:
        yield srv


@pytest.fixture
def client(server):
    return client_of(server.url, TEST_KEY)


def mj(prompt: str = "a castle above the clouds", files=(), **options) -> GenerateRequest:
    return GenerateRequest.build("midjourney", prompt, options, files_url=files)


def record(server, task_id: str, key: str = TEST_KEY) -> dict:
    return raw(server, "GET", RECORD, key, params={"taskId": task_id})


def upload(client, colour=(200, 60, 40)) -> str:
    out = io.BytesIO()
    Image.new("RGB", (256, 256), colour).save(out, format="PNG")
    return client.upload_bytes(out.getvalue(), f"ref-{colour[0]}.png").url


def finished_grid(client, clock, prompt: str = "a castle above the clouds") -> str:
    task_id = client.generate(mj(prompt))
    clock.now += SECONDS + 1
    assert client.record_info(task_id, "midjourney").state == "success"
    return task_id


def test_text_to_image_sends_the_flat_camel_case_body(client, server):
    client.generate(mj(speed="turbo", aspect_ratio="16:9", version="niji6", stylization=250))
    assert sim_requests(server.url, GENERATE)[-1]["body"] == {
        "taskType": "mj_txt2img", "prompt": "a castle above the clouds", "speed": "turbo", "aspectRatio": "16:9",
        "version": "niji6", "stylization": 250, "weirdness": 0, "variety": 0, "enableTranslation": False}


@pytest.mark.parametrize("reference_type, task_type", [("image", "mj_img2img"), ("style", "mj_style_reference"),
                                                       ("omni", "mj_omni_reference")])
def test_reference_pictures_send_their_task_type(client, server, clock, reference_type, task_type):
    ref = upload(client)
    task_id = client.generate(mj(files=(ref,), reference_type=reference_type, omni_weight=500))
    body = sim_requests(server.url, GENERATE)[-1]["body"]
    assert body["taskType"] == task_type and body["fileUrls"] == [ref]
    assert ("ow" in body) == (reference_type == "omni")  # the omni weight only with the omni reference
    clock.now += SECONDS + 1
    assert client.record_info(task_id, "midjourney").state == "success"


def test_style_and_omni_references_need_a_picture_and_video_is_not_offered():
    spec = catalog.get("midjourney")
    assert spec.allowed_values("reference_type", {}, refs=0) == ("image",)
    with pytest.raises(errors.RequestInvalid) as caught:
        mj(reference_type="style").validated()
    assert caught.value.field == "reference_type"
    sent = {body_of(mj(files=("https://e.com/r.png",), reference_type=t).validated())["taskType"]
            for t in spec.option("reference_type").values}
    assert not any("video" in t for t in sent)


@pytest.mark.parametrize("seconds, state, flag", [(0.0, "pending", 0), (10.0, "pending", 0),
                                                  (SECONDS + 0.5, "success", 1)])
def test_each_state_and_a_grid_of_four(client, server, clock, seconds, state, flag):
    task_id = client.generate(mj())
    clock.now += seconds
    data = record(server, task_id)["data"]
    assert data["successFlag"] == flag and data["taskType"] == "mj_txt2img" and isinstance(data["paramJson"], str)
    status = client.record_info(task_id, "midjourney")
    assert status.state == state and status.progress == (1.0 if state == "success" else 0.0)
    if state != "success":
        assert data["resultInfoJson"] is None and status.result_urls == () and status.completed_at is None
        return
    assert isinstance(data["resultInfoJson"], dict)  # an object, not a JSON string
    assert [u["resultUrl"] for u in data["resultInfoJson"]["resultUrls"]] == list(status.result_urls)
    assert len(status.result_urls) == 4 == mj().images == catalog.get("midjourney").images_for({})
    pictures = [Image.open(io.BytesIO(client.fetch_result(u))).convert("RGB") for u in status.result_urls]
    assert all(ImageChops.difference(pictures[0], p).getbbox() for p in pictures[1:])  # four different pictures


@pytest.mark.parametrize("code, flag", [(400, 2), (500, 3)])
def test_each_failure_carries_its_flag_code_and_message(client, server, clock, code, flag):
    task_id = client.generate(mj(f"a storm [fail:{code}]"))
    clock.now += SECONDS
    data = record(server, task_id)["data"]
    assert data["successFlag"] == flag and data["errorCode"] == code and data["errorMessage"]
    status = client.record_info(task_id, "midjourney")
    assert (status.state, status.error_code, status.error_message) == ("failed", code, data["errorMessage"])
    assert status.result_urls == () and status.completed_at is not None


@pytest.mark.parametrize("result_format", ["objects", "strings"])
def test_results_as_objects_or_strings(client, server, clock, result_format):
    raw(server, "POST", "/_sim/config", TEST_KEY, json={"result_format": result_format})
    task_id = finished_grid(client, clock)
    listed = record(server, task_id)["data"]["resultInfoJson"]["resultUrls"]
    assert all(isinstance(u, dict if result_format == "objects" else str) for u in listed)
    status = client.record_info(task_id, "midjourney")
    assert len(status.result_urls) == 4 and all(u.startswith(server.url) for u in status.result_urls)


def test_a_result_info_given_as_a_json_string_is_read_too():
    urls = [{"resultUrl": f"https://x/{n}.png"} for n in range(4)]
    status = family_of("midjourney").status({"taskId": "t", "successFlag": 1,
                                             "resultInfoJson": json.dumps({"resultUrls": urls})})
    assert status.result_urls == tuple(f"https://x/{n}.png" for n in range(4))


@pytest.mark.parametrize("time_format", ["iso", "ms", "text"])
def test_times_in_each_format(client, server, clock, time_format):
    raw(server, "POST", "/_sim/config", TEST_KEY, json={"time_format": time_format})
    sent_at = clock.now
    task_id = finished_grid(client, clock)
    status = client.record_info(task_id, "midjourney")
    assert status.created_at == pytest.approx(sent_at, abs=1.0)
    assert status.completed_at == pytest.approx(sent_at + SECONDS, abs=1.0)


def test_an_unknown_task_id_is_not_found(client, server):
    assert record(server, "mj_does_not_exist")["code"] == 404
    with pytest.raises(errors.NotFound):
        client.record_info("mj_does_not_exist", "midjourney")


@pytest.mark.parametrize("change, field", [
    ({"aspectRatio": "7:3"}, "aspectRatio"), ({"version": "8"}, "version"), ({"speed": "slow"}, "speed"),
    ({"stylization": 1001}, "stylization"), ({"weirdness": -1}, "weirdness"), ({"variety": 7}, "variety"),
    ({"taskType": "mj_img2img"}, "fileUrls"), ({"taskType": "mj_video"}, "taskType"), ({"ow": 100}, "ow"),
    ({"prompt": "x" * 2001}, "prompt"), ({"fileUrls": "https://e.com/a.png"}, "fileUrls"), ({"n": 4}, "n"),
])
def test_422_names_the_field(client, server, change, field):
    body = {"taskType": "mj_txt2img", "prompt": "a fox", "speed": "fast", **change}
    answer = raw(server, "POST", GENERATE, TEST_KEY, json=body)
    assert answer["code"] == 422 and field in answer["msg"]
    with pytest.raises(errors.ValidationError) as caught:
        client._call("POST", server.url + GENERATE, idempotent=False, json=body)
    assert field in caught.value.detail


@pytest.mark.parametrize("speed, credits, seconds", [("relaxed", 3.0, 5 * SECONDS), ("fast", 8.0, SECONDS),
                                                     ("turbo", 16.0, SECONDS / 2)])
def test_price_and_duration_depend_on_the_speed(client, server, clock, speed, credits, seconds):
    spec = catalog.get("midjourney")
    assert spec.estimate({"speed": speed}) == credits  # a grid of four
    assert spec.typical_seconds_for({"speed": "relaxed"}) > 4 * spec.typical_seconds_for({"speed": "fast"})
    before = client.credits()
    task_id = client.generate(mj(speed=speed))
    assert before - client.credits() == pytest.approx(credits)
    clock.now += seconds - 1
    assert client.record_info(task_id, "midjourney").state == "pending"
    clock.now += 2
    assert client.record_info(task_id, "midjourney").state == "success"


def test_param_json_spells_speed_relax_and_the_request_reads_back(client, server, clock):
    ref = upload(client)
    request = mj("a fox in snow", files=(ref,), speed="relaxed", aspect_ratio="2:3", version="6.1", weirdness=250,
                 variety=10, reference_type="style")
    task_id = client.generate(request)
    params = json.loads(record(server, task_id)["data"]["paramJson"])
    assert params["speed"] == "Relax" and params["fileUrl"] == ref
    status = client.find_task(task_id)
    assert request_from_params(status.params) == request.validated()


def follow_up(action: str, index: int) -> GenerateRequest:
    return GenerateRequest.build(f"midjourney-{action}", "", {"image_index": index})


def test_upscale_one_picture_of_the_grid(client, server, clock):
    source = finished_grid(client, clock)
    grid = client.record_info(source, "midjourney").result_urls
    task_id = client.generate(follow_up("upscale", 2), source_task_id=source)
    assert sim_requests(server.url, UPSCALE)[-1]["body"] == {"taskId": source, "imageIndex": 2}
    assert client.record_info(task_id, "midjourney-upscale").state == "pending"
    clock.now += SECONDS + 1
    status = client.record_info(task_id, "midjourney-upscale")
    assert status.state == "success" and len(status.result_urls) == 1
    with Image.open(io.BytesIO(client.fetch_result(grid[2]))) as small, \
            Image.open(io.BytesIO(client.fetch_result(status.result_urls[0]))) as large:
        assert large.width == 2 * small.width and large.height == 2 * small.height
    assert request_from_params(client.find_task(task_id).params) == follow_up("upscale", 2).validated()


def test_vary_one_picture_makes_a_new_grid(client, server, clock):
    source = finished_grid(client, clock)
    task_id = client.generate(follow_up("vary", 0), source_task_id=source)
    assert sim_requests(server.url, VARY)[-1]["body"] == {"taskId": source, "imageIndex": 0}
    clock.now += SECONDS + 1
    status = client.record_info(task_id, "midjourney-vary")
    assert status.state == "success" and len(status.result_urls) == 4 == follow_up("vary", 0).images
    originals = client.record_info(source, "midjourney").result_urls
    assert client.fetch_result(status.result_urls[0]) != client.fetch_result(originals[0])


def test_follow_ups_are_tools_on_midjourney_results_only():
    on_mj = {s.id for s in catalog.tools_for("midjourney")}
    assert {"midjourney-upscale", "midjourney-vary"} <= on_mj
    assert not {"midjourney-upscale", "midjourney-vary"} & {s.id for s in catalog.tools_for("gpt-4o-image")}
    assert {"midjourney-upscale"} <= {s.id for s in catalog.tools_for("midjourney-vary")}  # a varied grid too
    assert not catalog.get("midjourney-upscale").works_on("midjourney-upscale")  # one picture, no grid
    for tool_id in ("midjourney-upscale", "midjourney-vary"):
        spec = catalog.get(tool_id)
        assert spec.is_tool and spec.acts_on_task and spec.option("image_index").values == (0, 1, 2, 3)
    labels = [label for label, _tool, _options in catalog.tool_actions("midjourney")]
    assert "Upscale (Midjourney)" in labels and "Vary (Midjourney)" in labels


def test_a_follow_up_needs_its_source_task(client, server):
    with pytest.raises(errors.RequestInvalid, match="finished task"):
        client.generate(follow_up("upscale", 0))
    with pytest.raises(errors.RequestInvalid):
        body_of(follow_up("upscale", 0).validated())  # never sent as a generate body
    assert not sim_requests(server.url, "/api/v1/mj/")


def test_a_follow_up_on_what_is_no_finished_grid_is_refused_naming_the_field(client, server, clock):
    pending = client.generate(mj())
    for body, field in (({"taskId": pending, "imageIndex": 0}, "taskId"),
                        ({"taskId": "mj_nope", "imageIndex": 0}, "taskId"),
                        ({"taskId": pending}, "imageIndex"), ({"taskId": pending, "imageIndex": 4}, "imageIndex")):
        answer = raw(server, "POST", UPSCALE, TEST_KEY, json=body)
        assert answer["code"] == 422 and field in answer["msg"], (body, answer)
    clock.now += SECONDS + 1
    theirs = raw(server, "POST", UPSCALE, OTHER_KEY, json={"taskId": pending, "imageIndex": 0})
    assert theirs["code"] == 422 and "taskId" in theirs["msg"]  # another account's task
    upscaled = client.generate(follow_up("upscale", 1), source_task_id=pending)
    clock.now += SECONDS + 1
    again = raw(server, "POST", UPSCALE, TEST_KEY, json={"taskId": upscaled, "imageIndex": 0})
    assert again["code"] == 422 and "taskId" in again["msg"]  # an upscale is one picture, not a grid


@pytest.mark.parametrize("prompt, code", [("a quiet bay", 200), ("a quiet bay [fail:500]", 500)])
def test_a_signed_callback_in_the_midjourney_body_is_taken_in(client, server, clock, tmp_path, prompt, code):
    store = TaskStore(tmp_path, "demo")
    receiver = CallbackReceiver(store)
    try:
        token, url = receiver.new_url()
        request = GenerateRequest.build("midjourney", prompt, {}, callback_url=url)
        task_id = client.generate(request)
        store.add(Task(task_id=task_id, kind="text", request=request, model=request.model, callback_token=token))
        clock.now += SECONDS + 1
        server.simulator.callback_wakeup.set()
        calls = receiver.wait(1)
        assert len(calls) == 1 and (calls[0]["status"], calls[0]["said"]) == (200, "received")
        body = json.loads(calls[0]["raw"])
        assert body["code"] == code and body["data"]["taskId"] == task_id and parse_body(calls[0]["raw"]).code == code
        assert json.loads(body["data"]["promptJson"])["prompt"] == prompt
        if code == 200:  # a flat list of strings here; record-info gives {resultUrl} objects
            assert body["data"]["resultUrls"] == list(client.record_info(task_id, "midjourney").result_urls)
            assert all(isinstance(u, str) for u in body["data"]["resultUrls"]) and len(body["data"]["resultUrls"]) == 4
        else:
            assert body["data"]["resultUrls"] == [] and body["msg"]
        assert store.get(task_id).callback_at is not None
    finally:
        receiver.close()


def test_a_duration_per_speed_can_be_configured(client, server, clock):
    raw(server, "POST", "/_sim/config", TEST_KEY, json={"model_seconds": {"midjourney:relaxed": 300}})
    relaxed, fast = client.generate(mj(speed="relaxed")), client.generate(mj(speed="fast"))
    clock.now += 299
    assert client.record_info(relaxed, "midjourney").state == "pending"
    assert client.record_info(fast, "midjourney").state == "success"  # its own duration, unchanged
    clock.now += 2
    assert client.record_info(relaxed, "midjourney").state == "success"
