"""Provider callbacks: token, HMAC, body checks, and what a callback does to a task (real store, real simulator)."""

from __future__ import annotations

import json
import logging
import time

import pytest

from kie.callbacks import CallbackRejected, LogLimiter, log_limiter, parse_body, receive, sign, verify_signature
from kie.models import GenerateRequest
from kie.polling import PollPolicy
from kie.workspace import Workspace
from tests.conftest import sim_requests

KEY = "whk-0123456789"
NOW = 1_800_000_000.0
SLOW = PollPolicy(first_poll=0.3, min_interval=0.2, max_interval=0.5, deadline=30, callback_interval=60)


def body(task_id: str, code: int = 200, urls=("https://x.test/0.png",)) -> bytes:
    info = {"result_urls": list(urls)} if code == 200 else None
    return json.dumps({"code": code, "msg": "success" if code == 200 else "Failed", "data":
                       {"taskId": task_id, "info": info}}).encode()


def signed(task_id: str, at: float = NOW, key: str = KEY) -> dict[str, str]:
    stamp = str(int(at))
    return {"x-webhook-timestamp": stamp, "x-webhook-signature": sign(task_id, stamp, key)}


@pytest.fixture(autouse=True)
def _fresh_log_limiter():
    """Each test sees the first refusal of its kind (the limiter is per process)."""
    log_limiter.reset()
    yield
    log_limiter.reset()


# -- signature ------------------------------------------------------------------------------

def test_a_good_signature_passes():
    verify_signature("task_1", signed("task_1"), KEY, NOW + 10)


@pytest.mark.parametrize("headers, reason", [
    ({}, "missing"),
    ({"x-webhook-timestamp": str(int(NOW))}, "missing"),
    ({"x-webhook-timestamp": "soon", "x-webhook-signature": "abc"}, "not whole Unix seconds"),
    (signed("task_1", key="another key"), "bad signature"),
    (signed("task_2"), "bad signature"),  # signed for another task
    (signed("task_1", at=NOW - 301), "stale"),  # a replay of an old callback
    (signed("task_1", at=NOW + 301), "stale"),
])
def test_bad_missing_stale_or_replayed_signatures_are_refused(headers, reason):
    with pytest.raises(CallbackRejected) as refused:
        verify_signature("task_1", headers, KEY, NOW)
    assert refused.value.status == 401 and reason in refused.value.reason


@pytest.mark.parametrize("raw, status", [
    (b"not json", 400),
    (b"[]", 400),
    (b'{"code": 200, "data": {}}', 400),
    (b'{"code": "200", "data": {"taskId": "t"}}', 400),
    (b'{"code": 200, "data": {"taskId": "../../etc"}}', 400),
    (b'{"code": 200, "data": {"taskId": "t", "info": {"result_urls": "x"}}}', 400),
    (b"{" + b" " * (70 * 1024) + b"}", 413),
])
def test_malformed_or_oversized_bodies_are_refused(raw, status):
    with pytest.raises(CallbackRejected) as refused:
        parse_body(raw)
    assert refused.value.status == status


def test_both_documented_bodies_parse():
    ok = parse_body(body("task_9"))
    assert ok.task_id == "task_9" and ok.code == 200 and ok.result_urls == ("https://x.test/0.png",)
    failed = parse_body(body("task_9", code=400))
    assert failed.code == 400 and failed.result_urls == ()


# -- receiving: a real store, a real submit with a callback URL ---------------------------------

@pytest.fixture
def workspace(client, store):
    return Workspace(client, store, policy=SLOW, public_url="https://studio.example.com")


def submitted(workspace):
    task = workspace.submit(GenerateRequest(prompt="a harbour at dawn"))
    return workspace.store.get(task.task_id)


def test_submit_sends_our_callback_url_but_never_keeps_it_in_the_request(workspace, sim_server):
    task = submitted(workspace)
    sent = sim_requests(sim_server.url, "/generate")[-1]["body"]["callBackUrl"]
    assert sent == f"https://studio.example.com/api/kie/callback/{task.callback_token}"
    assert task.callback_token.startswith("demo.") and len(task.callback_token) > 30
    assert task.request.callback_url is None and task.follow == "callback"
    assert task.next_poll_at - task.created_at >= 59  # slow polling while a callback is expected


def test_a_person_s_own_callback_url_is_sent_instead_and_polling_keeps_its_pace(workspace, sim_server):
    task = workspace.submit(GenerateRequest(prompt="x", callback_url="https://mine.example.com/hook"))
    assert sim_requests(sim_server.url, "/generate")[-1]["body"]["callBackUrl"] == "https://mine.example.com/hook"
    assert task.callback_token is None and task.follow == "polling"
    assert task.next_poll_at - task.created_at < 5


def test_a_good_callback_makes_the_task_due_once_and_a_repeat_changes_nothing(workspace):
    task = submitted(workspace)
    stores = {"demo": workspace.store}.get
    assert receive(task.callback_token, body(task.task_id), {}, hmac_key=None, stores=stores) == (200, "received")
    after = workspace.store.get(task.task_id)
    assert after.next_poll_at == 0 and after.callback_at and after.follow == "polling"
    assert receive(task.callback_token, body(task.task_id), {}, hmac_key=None, stores=stores)[0] == 200
    assert workspace.store.get(task.task_id) == after  # the same callback twice: nothing changes the second time


def test_a_receiver_that_follows_the_workspace_gets_the_confirmation_claimed_and_handed_over(workspace, sim_server):
    task = submitted(workspace)
    stores, handed = {"demo": workspace.store}.get, []
    assert receive(task.callback_token, body(task.task_id), {}, hmac_key=None, stores=stores,
                   confirm=handed.append) == (200, "received")
    after = workspace.store.get(task.task_id)
    assert handed == [task.task_id] and after.callback_at and after.follow == "polling"
    assert after.next_poll_at >= after.callback_at + 59  # claimed for the receiver in the same write
    assert workspace.poll_due() == []  # any other poller: nothing due, nothing asked
    assert not [r for r in sim_requests(sim_server.url, "/record-info") if r["query"]["taskId"] == [task.task_id]]
    assert receive(task.callback_token, body(task.task_id), {}, hmac_key=None, stores=stores,
                   confirm=handed.append)[0] == 200
    assert handed == [task.task_id]  # a repeat hands over nothing


@pytest.mark.parametrize("case", ["unknown token", "bad signature", "stale", "other task", "missing headers"])
def test_refused_callbacks_change_no_task(workspace, case, caplog):
    task = submitted(workspace)
    before = workspace.store.get(task.task_id)
    token, headers, raw = task.callback_token, signed(task.task_id, at=time.time()), body(task.task_id)
    if case == "unknown token":
        token = "demo." + "A" * 32
    elif case == "bad signature":
        headers = signed(task.task_id, at=time.time(), key="forged")
    elif case == "stale":
        headers = signed(task.task_id, at=time.time() - 600)
    elif case == "other task":
        raw, headers = body("task_someone_else"), signed("task_someone_else", at=time.time())
    else:
        headers = {}
    status, _ = receive(token, raw, headers, hmac_key=KEY, stores={"demo": workspace.store}.get)
    assert 400 <= status < 500
    assert workspace.store.get(task.task_id) == before
    lines = [r.getMessage() for r in caplog.records if "callback refused" in r.getMessage()]
    assert len(lines) == 1 and task.callback_token not in lines[0] and KEY not in lines[0]


def test_a_token_of_a_workspace_that_does_not_exist_opens_nothing(tmp_path):
    from kie.store import open_existing

    assert open_existing(tmp_path, "knotthere") is None and not (tmp_path / "workspaces").exists()
    assert open_existing(tmp_path, "../etc") is None


def test_after_a_callback_one_record_info_confirms_the_task(workspace, sim_server, sim, sim_clock):
    task = submitted(workspace)
    time.sleep(sim_clock.wall_seconds(1.3))  # the simulated task ends after 1 simulated second
    receive(task.callback_token, body(task.task_id), {}, hmac_key=None, stores={"demo": workspace.store}.get)
    workspace.poll_due()
    done = workspace.store.get(task.task_id)
    assert done.state == "success" and len(done.images) == 1
    assert len(sim_requests(sim_server.url, "/record-info")) == 1


def test_a_callback_that_arrives_while_a_poll_is_under_way_is_not_lost(workspace):
    task = submitted(workspace)
    stale_copy = workspace.store.get(task.task_id)  # what a poller read just before the callback
    receive(task.callback_token, body(task.task_id), {}, hmac_key=None, stores={"demo": workspace.store}.get)
    stale_copy.next_poll_at = time.time() + 60
    workspace.store.save(stale_copy)
    kept = workspace.store.get(task.task_id)
    assert kept.callback_at is not None and kept.next_poll_at == 0


# -- hostile input (issue 18) ----------------------------------------------------------------

@pytest.mark.parametrize("stamp", ["nan", "NaN", "inf", "-inf", "-1", "1800000000.0", "1.8e9", "+1800000000",
                                   " 1800000000", "1800000000 ", "0x6B49D200", "", "９"])
def test_a_timestamp_must_be_whole_unix_seconds_within_the_window(stamp):
    headers = {"x-webhook-timestamp": stamp, "x-webhook-signature": sign("task_1", stamp, KEY)}
    with pytest.raises(CallbackRejected) as refused:
        verify_signature("task_1", headers, KEY, NOW)
    assert refused.value.status == 401


def test_a_timestamp_of_zero_or_far_future_is_outside_the_window():
    for stamp in ("0", "999999999999"):
        with pytest.raises(CallbackRejected, match="tolerance"):
            verify_signature("task_1", {"x-webhook-timestamp": stamp,
                                        "x-webhook-signature": sign("task_1", stamp, KEY)}, KEY, NOW)


@pytest.mark.parametrize("raw", [
    b"[" * 30_000 + b"]" * 30_000,  # 60 KB of nested arrays: deeper than the parser's recursion limit
    b'{"a":' * 10_000 + b"1" + b"}" * 10_000,
    b'{"code": 200, "data": {"taskId": "t", "info": {"result_urls": [[[[[[[[[["x"]]]]]]]]]]}}}',
])
def test_a_deeply_nested_body_is_a_400_not_a_crash(raw):
    assert len(raw) <= 64 * 1024
    with pytest.raises(CallbackRejected) as refused:
        parse_body(raw)
    assert refused.value.status == 400 and "nested" in refused.value.reason


def test_the_log_limiter_writes_one_line_per_reason_per_minute_with_a_count():
    now = [0.0]
    limiter = LogLimiter(60.0, clock=lambda: now[0])
    assert limiter.count("404 unknown token") == 1
    assert [limiter.count("404 unknown token") for _ in range(998)] == [0] * 998
    assert limiter.count("401 bad signature") == 1  # another reason has its own minute
    now[0] += 60
    assert limiter.count("404 unknown token") == 999  # the 998 held back, and this one


def test_a_thousand_refused_callbacks_write_one_line(workspace, caplog):
    task = submitted(workspace)
    stores = {"demo": workspace.store}.get
    for _ in range(1000):
        receive("demo." + "B" * 32, body(task.task_id), {}, hmac_key=None, stores=stores)
    lines = [r.getMessage() for r in caplog.records if "callback refused" in r.getMessage()]
    assert lines == ["callback refused (404): unknown token (1 in the last minute)"]


def test_repeated_callbacks_log_once_a_minute(workspace, caplog):
    caplog.set_level(logging.INFO, logger="kie.callbacks")
    task = submitted(workspace)
    stores = {"demo": workspace.store}.get
    for _ in range(50):
        assert receive(task.callback_token, body(task.task_id), {}, hmac_key=None, stores=stores)[0] == 200
    repeats = [r.getMessage() for r in caplog.records if "already taken in" in r.getMessage()]
    assert len(repeats) == 1
