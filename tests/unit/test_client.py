"""The client against the simulator over real HTTP: answers, every error code, both spellings, retries."""

from __future__ import annotations

import time

import pytest
import requests

from kie import errors
from kie.client import KieClient
from kie.models import GenerateRequest
from tests.conftest import TEST_KEY, sim_requests

CODES = {
    400: errors.FormatError, 401: errors.AuthError, 402: errors.InsufficientCredits, 404: errors.NotFound,
    422: errors.ValidationError, 429: errors.RateLimited, 451: errors.DownloadFailed, 455: errors.Maintenance,
    500: errors.ServerError, 550: errors.QueueFull,
}


def wait_done(client, task_id, timeout=10.0):
    end = time.time() + timeout
    while time.time() < end:
        status = client.record_info(task_id)
        if status is not None and status.state != "pending":
            return status
        time.sleep(0.2)
    raise AssertionError("task did not finish")


def test_generate_poll_and_fetch_images(client):
    task_id = client.generate(GenerateRequest(prompt="a red fox", options=(("n_variants", 2), ("size", "3:2"))))
    status = wait_done(client, task_id)
    assert status.state == "success" and status.progress == 1.0
    assert len(status.result_urls) == 2
    assert status.created_at and status.completed_at and status.completed_at >= status.created_at
    png = client.fetch_result(status.result_urls[0])
    assert png.startswith(b"\x89PNG")
    from kie.images import image_size
    assert image_size(png) == (1536, 1024)


@pytest.mark.sim_wall_clock  # the simulator's 0.2-s null window, not 0.02 s of wall clock
def test_record_info_is_null_right_after_creation_reads_as_not_visible(client):
    task_id = client.generate(GenerateRequest(prompt="quick look"))
    assert client.record_info(task_id) is None


def test_generate_sends_every_option(client, sim_server):
    request = GenerateRequest(prompt="opts", callback_url="https://example.com/cb",
                              options=(("enable_fallback", True), ("fallback_model", "GPT_IMAGE_1"),
                                       ("is_enhance", True), ("n_variants", 4), ("size", "2:3"), ("upload_cn", True)))
    client.generate(request)
    body = sim_requests(sim_server.url, "/generate")[-1]["body"]
    assert body == {"prompt": "opts", "size": "2:3", "nVariants": 4, "isEnhance": True, "uploadCn": True,
                    "enableFallback": True, "fallbackModel": "GPT_IMAGE_1", "callBackUrl": "https://example.com/cb"}


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_documented_code_in_the_body_is_a_typed_error(client, sim, code):
    client.max_retries = 0
    sim.add_faults([{"path": "/chat/credit", "kind": f"code:{code}", "count": 1}])
    with pytest.raises(CODES[code]) as caught:
        client.credits()
    assert caught.value.code == code
    assert caught.value.message and caught.value.hint  # says what happened and what to do


def test_error_messages_say_what_to_do_next():
    assert "sidebar" in str(errors.error_for(401))
    assert "kie.ai/billing" in str(errors.error_for(402))
    assert "few minutes" in str(errors.error_for(455))


def test_unknown_key_is_refused(sim_server):
    bad = KieClient("not-a-known-key", sim_server.url, sim_server.url, max_retries=0)
    with pytest.raises(errors.AuthError):
        bad.credits()
    with pytest.raises(errors.AuthError):
        bad.generate(GenerateRequest(prompt="x"))


def test_html_502_page_is_a_bad_response(client, sim):
    client.max_retries = 0
    sim.add_faults([{"path": "/chat/credit", "kind": "http502", "count": 1}])
    with pytest.raises(errors.BadResponse) as caught:
        client.credits()
    assert "502" in caught.value.message


def test_malformed_json_is_a_bad_response(client, sim):
    client.max_retries = 0
    sim.add_faults([{"path": "/chat/credit", "kind": "badjson", "count": 1}])
    with pytest.raises(errors.BadResponse):
        client.credits()


def test_reads_are_retried_after_maintenance_and_html(client, sim):
    sim.add_faults([{"path": "/chat/credit", "kind": "code:455", "count": 1},
                    {"path": "/chat/credit", "kind": "http502", "count": 1}])
    assert client.credits() == 1000.0


def test_429_honours_retry_after(sim_server, sim):
    waits: list[float] = []
    client = KieClient(TEST_KEY, sim_server.url, sim_server.url, sleep=waits.append)
    sim.add_faults([{"path": "/generate", "kind": "code:429", "count": 2, "retry_after": 3}])
    assert client.generate(GenerateRequest(prompt="after a pause"))
    assert waits == [3.0, 3.0]
    assert len(sim_requests(sim_server.url, "/generate")) == 3  # 429 is not queued upstream: resending is safe


def test_generate_is_never_sent_twice_when_its_answer_is_lost(client, sim, sim_server):
    sim.add_faults([{"path": "/generate", "kind": "drop_after", "count": 1}])
    with pytest.raises(errors.UnknownOutcome):
        client.generate(GenerateRequest(prompt="exactly once"))
    assert len(sim_requests(sim_server.url, "/generate")) == 1
    assert len(sim.state.tasks) == 1  # the service did accept it


def test_generate_is_not_retried_on_server_error(client, sim, sim_server):
    sim.add_faults([{"path": "/generate", "kind": "code:500", "count": 1}])
    with pytest.raises(errors.ServerError):
        client.generate(GenerateRequest(prompt="no repeat"))
    assert len(sim_requests(sim_server.url, "/generate")) == 1


def test_slow_answer_is_a_timeout(sim_server, sim):
    client = KieClient(TEST_KEY, sim_server.url, sim_server.url, timeout=(1.0, 0.3), max_retries=0)
    sim.add_faults([{"path": "/chat/credit", "kind": "slow", "delay": 1.0, "count": 1}])
    with pytest.raises(errors.TransportError):
        client.credits()


def test_connection_refused_is_a_transport_error():
    client = KieClient(TEST_KEY, "http://127.0.0.1:9", "http://127.0.0.1:9", max_retries=1, sleep=lambda s: None)
    with pytest.raises(errors.TransportError) as caught:
        client.generate(GenerateRequest(prompt="nobody home"))
    assert not isinstance(caught.value, errors.UnknownOutcome)  # nothing was sent, so nothing is ambiguous


def test_dropped_connection_on_a_read_is_retried(client, sim):
    sim.add_faults([{"path": "/chat/credit", "kind": "drop", "count": 1}])
    assert client.credits() == 1000.0


@pytest.mark.parametrize("dialect", ["openapi", "quickstart"])
def test_both_spellings_of_record_info(client, sim, dialect):
    sim.dialect = dialect
    task_id = client.generate(GenerateRequest(prompt=f"spelling {dialect}"))
    status = wait_done(client, task_id)
    assert status.state == "success" and len(status.result_urls) == 1
    assert abs(status.created_at - time.time()) < 30  # ms epoch and "YYYY-MM-DD HH:mm:ss" both parse
    assert status.params["prompt"] == f"spelling {dialect}"
    link = client.download_url(task_id, status.result_urls[0])  # a plain string, or {downloadUrl}
    assert link.startswith("http") and requests.get(link, timeout=5).content.startswith(b"\x89PNG")
    uploaded = client.upload_bytes(b"\x89PNG fake", "x.png")  # downloadUrl, or fileUrl
    assert uploaded.url.startswith("http")


@pytest.mark.parametrize("code", [400, 451, 500])
def test_failed_tasks_carry_their_error_code(client, code):
    task_id = client.generate(GenerateRequest(prompt=f"please [fail:{code}]"))
    status = wait_done(client, task_id)
    assert status.state == "failed" and status.error_code == code and status.error_message


def test_credits_go_down_and_run_out(client, sim):
    before = client.credits()
    client.generate(GenerateRequest(prompt="cost", options=(("n_variants", 2),)))
    assert client.credits() == pytest.approx(before - 3.0)
    sim.state.credits = {k: 0.5 for k in sim.keys.values()}
    with pytest.raises(errors.InsufficientCredits):
        client.generate(GenerateRequest(prompt="broke"))


@pytest.mark.sim_wall_clock  # twenty sends must land inside the simulator's 10-s window
def test_rate_limit_past_twenty_generates_in_ten_seconds(sim_server):
    client = KieClient(TEST_KEY, sim_server.url, sim_server.url, max_retries=0)
    for n in range(20):
        client.generate(GenerateRequest(prompt=f"burst {n}"))
    with pytest.raises(errors.RateLimited) as caught:
        client.generate(GenerateRequest(prompt="one too many"))
    assert caught.value.retry_after and caught.value.retry_after > 0


def test_simulator_refuses_invalid_parameters_with_422(client):
    with pytest.raises(errors.ValidationError):
        client._call("POST", client.base_url + "/api/v1/gpt4o-image/generate", idempotent=False,
                     json={"prompt": "x", "size": "16:9"})


def test_three_upload_endpoints(client, sim):
    a = client.upload_base64(b"\x89PNG one", "one.png")
    b = client.upload_stream(b"\x89PNG two", "two.png")
    c = client.upload_url(a.url, "three.png")
    for uploaded, content in ((a, b"\x89PNG one"), (b, b"\x89PNG two"), (c, b"\x89PNG one")):
        assert requests.get(uploaded.url, timeout=5).content == content
    assert {m["fileName"] for m in sim.state.uploads.values()} == {"one.png", "two.png", "three.png"}


def test_key_is_sent_only_to_configured_hosts(client):
    assert "Bearer" not in repr(client) and TEST_KEY not in repr(client)
