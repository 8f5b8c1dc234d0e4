"""A hostile provider (tests/fixtures/hostile_provider.py, over real HTTP) against the real client, workspace and store.

Its results point at a loopback listener, redirect there, are HTML, are not JSON, name 40 or 5,000 addresses, or
are decompression bombs. The workspace's clock is simulated, so two minutes of backoff take no real time.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap

import pytest

from kie import results
from kie.client import KieClient
from kie.models import GenerateRequest
from kie.permissions import NotYourTask
from kie.polling import PollPolicy
from kie.store import TaskStore
from kie.workspace import Workspace
from tests.conftest import ROOT
from tests.fixtures.hostile_provider import BOMB_SIDES, HostileProvider, bomb_png
from tests.fixtures.simulated import client_of

POLICY = PollPolicy(first_poll=1.0, min_interval=1.0, max_interval=5.0, deadline=600.0, typical_seconds=2.0)
MARKET = "nano-banana-pro"  # a Market model: one picture per task


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def provider():
    hostile = HostileProvider()
    yield hostile
    hostile.stop()


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def workspace(provider, tmp_path, clock):
    client = client_of(provider.url, "hostile-test-key")
    return Workspace(client, TaskStore(tmp_path, "demo"), policy=POLICY, clock=clock)


def submit(workspace: Workspace, scenario: str, model: str = "gpt-4o-image", **options):
    return workspace.submit(GenerateRequest.build(model, f"[hostile:{scenario}] a lighthouse", options))


def follow(workspace: Workspace, clock: Clock, task_id: str, horizon: float = 400.0):
    """Poll as the worker would, one simulated second at a time, until the task ends (or `horizon` passes)."""
    end = clock.now + horizon
    while clock.now < end:
        workspace.poll_due()
        task = workspace.store.get(task_id)
        if not task.needs_polling:
            return task
        clock.now += 1.0
    raise AssertionError(f"{task_id} did not end: {task.state}, {task.error_message}")


def stored_files(workspace: Workspace, task_id: str) -> list:
    folder = workspace.store.image_path(task_id, "0.png").parent
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def nothing_asked_after_the_end(workspace: Workspace, clock: Clock, provider: HostileProvider, task_id: str) -> None:
    """Five more simulated minutes of polling: not one request about the ended task."""
    asked = len(provider.task_requests(task_id))
    for _ in range(60):
        clock.now += 5.0
        workspace.poll_due()
    assert len(provider.task_requests(task_id)) == asked


@pytest.fixture(autouse=True)
def no_traceback(caplog):
    """No log line of any test here carries a traceback: every hostile answer is an ordinary outcome."""
    caplog.set_level(logging.INFO)
    yield
    assert not [r for r in caplog.records if r.exc_info], "a hostile answer raised somewhere"


# -- addresses the server must never reach ------------------------------------------------------------------------

@pytest.mark.parametrize("model", ["gpt-4o-image", MARKET])
@pytest.mark.parametrize("scenario, words", [
    ("loopback", "private network"), ("metadata", "private network"), ("cgnat", "private network"),
    ("sixtofour", "private network"), ("redirect", "private network"), ("file", "not http(s)"),
])
def test_a_result_address_into_the_server_s_network_is_never_fetched(workspace, clock, provider, model, scenario,
                                                                     words):
    task = follow(workspace, clock, submit(workspace, scenario, model).task_id)
    assert provider.listener.received == 0 and provider.listener.paths == []
    assert task.state == "failed" and task.error_code == results.DOWNLOAD_FAILED
    assert task.error_message.startswith("Could not download the picture: the service named an address")
    assert words in task.error_message and task.images == [] and stored_files(workspace, task.task_id) == []
    files = provider.task_requests(task.task_id, "/files/")
    assert len(files) == (1 if scenario == "redirect" else 0)  # refused at once: never tried again
    audit = [line for line in workspace.store.audit_log() if line.action == "result_refused"]
    assert [line.target for line in audit] == [task.task_id]
    nothing_asked_after_the_end(workspace, clock, provider, task.task_id)


def test_the_key_goes_only_to_the_configured_hosts_hop_by_hop(monkeypatch, provider):
    """A configured host redirecting to another (public) host: the key is not sent on that hop."""
    import ipaddress
    import socket

    from kie import fetch
    from tests.fixtures.hostile_provider import Listener

    cdn = Listener()
    try:
        real_getaddrinfo, real_public = socket.getaddrinfo, fetch.is_public_address
        monkeypatch.setattr(socket, "getaddrinfo", lambda host, port, *a, **k: real_getaddrinfo(
            "127.0.0.1" if host == "cdn.picture.test" else host, port, *a, **k))
        monkeypatch.setattr(fetch, "is_public_address",  # the test's stand-in for a public CDN address
                            lambda address: address == ipaddress.ip_address("127.0.0.1") or real_public(address))
        seen: list[dict] = []
        original = cdn.httpd.RequestHandlerClass.do_GET

        def do_get(handler):
            seen.append(dict(handler.headers))
            original(handler)

        cdn.httpd.RequestHandlerClass.do_GET = do_get
        provider.listener.url = f"http://cdn.picture.test:{cdn.port}"  # where /files/<id>/redirect now points
        client = KieClient("hostile-test-key", provider.url, provider.url, sleep=lambda s: None)
        body = client.fetch_result(f"{provider.url}/files/t1/redirect")
        assert body == b"internal secret" and len(seen) == 1
        assert "Authorization" not in seen[0] and "authorization" not in {k.lower() for k in seen[0]}
    finally:
        cdn.stop()


# -- bodies that are not pictures ----------------------------------------------------------------------------------

@pytest.mark.parametrize("model", ["gpt-4o-image", MARKET])
def test_an_html_page_is_not_kept_and_the_task_says_so(workspace, clock, provider, model):
    task = follow(workspace, clock, submit(workspace, "html", model).task_id)
    assert task.state == "failed" and task.error_code is None
    assert task.error_message.startswith("The service sent something that is not a picture.")
    assert task.images == [] and stored_files(workspace, task.task_id) == []
    [line] = [line for line in workspace.store.audit_log() if line.action == "result_refused"]
    assert line.target == task.task_id and "HTML page" in line.detail
    assert len(provider.task_requests(task.task_id, "/files/")) == 1
    nothing_asked_after_the_end(workspace, clock, provider, task.task_id)


@pytest.mark.parametrize("scenario", ["bomb144", "bomb400"])
def test_a_decompression_bomb_is_refused_from_its_header(workspace, clock, provider, scenario):
    task = follow(workspace, clock, submit(workspace, scenario).task_id)
    assert task.state == "failed" and task.error_code is None
    assert task.error_message.startswith("The service sent a picture too large to show safely.")
    assert stored_files(workspace, task.task_id) == []
    [line] = [line for line in workspace.store.audit_log() if line.action == "result_refused"]
    assert "too large" in line.detail
    nothing_asked_after_the_end(workspace, clock, provider, task.task_id)


@pytest.mark.parametrize("scenario", sorted(BOMB_SIDES))
def test_refusing_a_bomb_costs_no_decoding(scenario):
    """In a fresh process (its peak memory is its own): checking the bomb stays far below what decoding it takes
    (432 MB for 144 MP, 1.2 GB for 400 MP); the process's whole peak, Python and Pillow included, under 150 MB."""
    width, height = BOMB_SIDES[scenario]
    # VmHWM: this process's own peak (ru_maxrss would carry over the forking test process's size)
    script = textwrap.dedent(f"""
        import re, time
        from kie import results
        from tests.fixtures.hostile_provider import bomb_png
        content = bomb_png({width}, {height})
        started = time.perf_counter()
        try:
            results.check_picture(content)
        except results.PictureTooLarge:
            peak = re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1)
            print("refused", time.perf_counter() - started, peak)
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    word, seconds, peak_kb = done.stdout.split()
    assert word == "refused"  # how long refusing takes is measured in bench/, not asserted here
    assert int(peak_kb) < 150 * 1024, f"peak {int(peak_kb) // 1024} MB"


def test_the_pixel_cap_is_the_studio_s_setting(workspace, clock, provider):
    workspace.max_result_pixels = 64 * 48 - 1  # the provider's good picture is 64 x 48
    task = follow(workspace, clock, submit(workspace, "ok").task_id)
    assert task.state == "failed" and "too large to show safely" in task.error_message
    workspace.max_result_pixels = 64 * 48
    task = follow(workspace, clock, submit(workspace, "ok").task_id)
    assert task.state == "success" and len(task.images) == 1


def test_a_truncated_picture_is_not_a_picture():
    from tests.fixtures.hostile_provider import small_png

    with pytest.raises(results.NotAPicture):
        results.check_picture(small_png()[:-30])
    with pytest.raises(results.NotAPicture):
        results.check_picture(b"")
    assert results.check_picture(small_png()) == ".png"
    assert results.check_picture(bomb_png(300, 200)) == ".png"  # the generator makes real pictures


# -- results that name no picture ----------------------------------------------------------------------------------

@pytest.mark.parametrize("model", ["gpt-4o-image", MARKET])
@pytest.mark.parametrize("scenario, words", [
    ("notjson", "its result could not be read (not JSON)"), ("deep", "its result could not be read (not JSON)"),
    ("notstrings", "named no picture to download"),
])
def test_a_result_that_names_no_usable_address_fails_with_a_sentence(workspace, clock, provider, model, scenario,
                                                                     words):
    task = follow(workspace, clock, submit(workspace, scenario, model).task_id)
    assert task.state == "failed" and task.error_code == results.DOWNLOAD_FAILED
    assert task.error_message.startswith("Could not download the picture: the service said it is done")
    assert words in task.error_message and task.result_urls == []
    assert provider.task_requests(task.task_id, "/files/") == []
    nothing_asked_after_the_end(workspace, clock, provider, task.task_id)


@pytest.mark.parametrize("model", ["gpt-4o-image", MARKET])
def test_an_answer_nested_thousands_deep_is_an_unreadable_answer_not_a_crash(workspace, clock, provider, model):
    task = submit(workspace, "deepbody", model)
    for _ in range(20):
        clock.now += 1.0
        workspace.poll_due()
    kept = workspace.store.get(task.task_id)
    assert kept.state == "pending" and kept.polls >= 2  # asked again later, until its deadline, like any bad answer
    assert kept.error_message.startswith("The service sent an answer the app cannot read")


def test_only_strings_count_as_result_addresses():
    from kie.task_status import NO_ADDRESS, NOT_JSON, result_urls

    assert result_urls('{"resultUrls": ["https://a.example/1.png", 7, null, {"u": 1}, " "]}') == (
        ("https://a.example/1.png",), None)
    assert result_urls({"result_urls": "https://a.example/1.png"}) == (("https://a.example/1.png",), None)
    assert result_urls('{"resultUrls": {"0": "https://a.example/1.png"}}') == ((), NO_ADDRESS)
    assert result_urls("[" * 50_000) == ((), NOT_JSON)
    assert result_urls(None) == ((), NO_ADDRESS)


# -- how many results ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("scenario, model, fields, most", [
    ("many40", "gpt-4o-image", {"n_variants": 4}, 4), ("many5000", "gpt-4o-image", {}, 1),
    ("many40", MARKET, {}, 1), ("many5000", MARKET, {}, 1),
])
def test_at_most_the_model_s_count_of_pictures_is_downloaded(workspace, clock, provider, caplog, scenario, model,
                                                             fields, most):
    task = follow(workspace, clock, submit(workspace, scenario, model, **fields).task_id)
    assert task.state == "success" and len(task.images) == most and len(task.result_urls) == most
    assert len(provider.task_requests(task.task_id, "/files/")) == most
    assert stored_files(workspace, task.task_id) == sorted(f"{i}.png" for i in range(most))
    left_out = [r for r in caplog.records if "the rest are left out" in r.getMessage()]
    assert len(left_out) == 1  # logged once
    nothing_asked_after_the_end(workspace, clock, provider, task.task_id)


# -- bounded retries and Try again ----------------------------------------------------------------------------------

def test_a_picture_that_cannot_be_downloaded_is_tried_for_two_minutes_then_the_task_fails(workspace, clock, provider):
    task, sent_at = submit(workspace, "unreachable"), clock.now
    done = follow(workspace, clock, task.task_id)
    assert done.state == "failed" and done.error_code == results.DOWNLOAD_FAILED
    assert done.error_message.startswith("Could not download the picture: HTTP 503 (tried for about 2 minutes).")
    tries = provider.task_requests(task.task_id, "/files/")
    assert 5 <= len(tries) <= 10  # with growing waits, not every poll
    assert results.DOWNLOAD_WINDOW <= clock.now - sent_at <= results.DOWNLOAD_WINDOW + 10  # the window, no less
    nothing_asked_after_the_end(workspace, clock, provider, task.task_id)


def test_a_task_added_by_id_whose_picture_cannot_be_downloaded_is_bounded_too(workspace, clock, provider):
    task_id = workspace.client.generate(GenerateRequest(prompt="[hostile:unreachable] made by a script"))
    adopted = workspace.add_by_id(task_id)
    assert adopted.state == "success" and adopted.images == []
    done = follow(workspace, clock, task_id)
    assert done.state == "failed" and done.error_code == results.DOWNLOAD_FAILED
    assert 5 <= len(provider.task_requests(task_id, "/files/")) <= 10
    nothing_asked_after_the_end(workspace, clock, provider, task_id)


def test_try_again_asks_the_service_afresh_and_downloads_in_a_new_window(workspace, clock, provider):
    task = follow(workspace, clock, submit(workspace, "unreachable").task_id)
    before = len(provider.task_requests(task.task_id))
    again = workspace.retry_download(task.task_id)
    assert again.state == "pending" and again.error_message is None
    provider.tasks[task.task_id]["scenario"] = "ok"  # the service has the picture now
    done = follow(workspace, clock, task.task_id)
    assert done.state == "success" and len(done.images) == 1
    assert len(provider.task_requests(task.task_id, "record-info")) >= 2
    assert len(provider.task_requests(task.task_id)) > before


def test_try_again_is_refused_for_another_person_s_task(workspace, clock, provider, tmp_path):
    ann = workspace.for_person("ann@example.org")
    task = follow(ann, clock, submit(ann, "unreachable").task_id)
    bob = workspace.for_person("bob@example.org")
    with pytest.raises(NotYourTask):
        bob.retry_download(task.task_id)
    kept = workspace.store.get(task.task_id)
    assert kept.state == "failed" and kept.error_code == results.DOWNLOAD_FAILED  # nothing changed
    assert [line.action for line in workspace.store.audit_log()][:1] == ["retry_download_refused"]


def test_try_again_on_a_task_that_did_not_fail_to_download_changes_nothing(workspace, clock, provider):
    task = follow(workspace, clock, submit(workspace, "html").task_id)
    assert workspace.retry_download(task.task_id).state == "failed"
    assert workspace.store.get(task.task_id).error_message == task.error_message


def test_a_picture_is_kept_under_the_name_of_what_it_is_not_what_its_address_says(workspace, clock, provider):
    """A JPEG the provider names `0.png` is kept as `0.jpg` (a download still hands out a PNG: kie.export)."""
    task = follow(workspace, clock, submit(workspace, "jpeg").task_id)
    assert task.state == "success" and task.images == ["0.jpg"]
    assert stored_files(workspace, task.task_id) == ["0.jpg"]
    assert workspace.store.image_path(task.task_id, "0.jpg").read_bytes()[:3] == b"\xff\xd8\xff"
