"""A workspace with every catalogue model: Market tasks, tools on a result, comparisons, callbacks, and polling
planned from a model's expected end. Real client, simulator over HTTP, real SQLite store."""

from __future__ import annotations

import io
import json
import time
from dataclasses import replace

import pytest
import requests
from PIL import Image

from kie import callbacks, catalog, errors
from kie.client import KieClient
from kie.models import GenerateRequest, Task
from kie.polling import PollPolicy
from kie.simulator import Simulator, SimulatorServer, sign
from kie.store import TaskStore
from kie.team import BudgetExceeded, Budgets
from kie.workspace import InputFile, Workspace
from tests.conftest import TEST_KEY, sim_requests
from tests.unit.test_studio import FAST as FAST_4O
from tests.unit.test_studio import follow

# The simulator's tasks take a second here, not a model's typical minute: ask often.
FAST = replace(FAST_4O, expected_wait_cap=0.3, overdue_interval=0.2, overdue_growth=0.0)


@pytest.fixture
def workspace(client, store):
    return Workspace(client, store, policy=FAST)


def picture(colour=(200, 40, 40), size=(256, 256)) -> bytes:
    """A red square on white: a subject on a plain background."""
    image = Image.new("RGB", size, (255, 255, 255))
    image.paste(Image.new("RGB", (size[0] // 2, size[1] // 2), colour), (size[0] // 4, size[1] // 4))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def created(url: str) -> list[dict]:
    return [r["body"] for r in sim_requests(url, "/jobs/createTask")]


def finished_4o(workspace: Workspace) -> Task:
    task = workspace.submit(GenerateRequest(prompt="a red apple on a table"))
    return follow(workspace, task.task_id)


# -- Market models through a workspace --------------------------------------------------------------

@pytest.mark.parametrize("model", ["gpt-image-2", "nano-banana-pro", "seedream-4.5"])
def test_a_market_model_is_submitted_followed_and_cached(workspace, sim_server, model):
    task = workspace.submit(GenerateRequest.build(model, "a lighthouse", {}))
    assert task.model == model and workspace.store.get(task.task_id).model == model
    done = follow(workspace, task.task_id)
    assert done.state == "success" and len(done.images) == 1 and done.progress == 1.0
    assert len(created(sim_server.url)) == 1 and not sim_requests(sim_server.url, "/gpt4o-image/")
    assert all(r["path"].endswith("/jobs/recordInfo") for r in sim_requests(sim_server.url, "recordInfo"))


def test_references_go_in_the_models_own_field(workspace, sim_server):
    files = [InputFile("ref", picture()), InputFile("ref", picture((30, 90, 200)))]
    workspace.submit(GenerateRequest.build("seedream-4.5", "these two, side by side", {"quality": "high"}), files)
    body = created(sim_server.url)[-1]
    assert body["model"] == "seedream/4.5-edit" and len(body["input"]["image_urls"]) == 2
    assert body["input"]["quality"] == "high"


def test_a_refused_combination_sends_nothing(workspace, sim_server):
    with pytest.raises(errors.RequestInvalid) as caught:
        workspace.submit(GenerateRequest.build("gpt-image-2", "x", {"aspect_ratio": "1:1", "resolution": "4K"}),
                         [InputFile("ref", picture())])
    assert caught.value.field == "resolution"
    assert sim_requests(sim_server.url) == []  # no upload, no createTask


# -- tools on a result -------------------------------------------------------------------------------

def test_upscale_makes_a_linked_task_from_the_cached_picture(workspace, sim_server):
    source = finished_4o(workspace)
    tool = workspace.run_tool(source, 0, "topaz-upscale", {"upscale_factor": "4"})
    assert tool.parent_id == source.task_id and tool.model == "topaz-upscale" and tool.kind == "tool"
    body = created(sim_server.url)[-1]
    assert body["model"] == "topaz/image-upscale" and body["input"]["upscale_factor"] == "4"
    uploaded = sim_requests(sim_server.url, "/file-")[-1]
    assert body["input"]["image_url"].endswith(uploaded["body"]["fileName"])  # the cached picture, uploaded afresh
    done = follow(workspace, tool.task_id)
    kept = workspace.store.get(tool.task_id)
    assert kept.parent_id == source.task_id and kept.model == "topaz-upscale"
    with Image.open(workspace.store.image_path(done.task_id, done.images[0])) as big, \
            Image.open(workspace.store.image_path(source.task_id, source.images[0])) as small:
        assert big.width > small.width


def test_remove_background_gives_a_transparent_png(workspace, sim_server):
    source = finished_4o(workspace)
    tool = follow(workspace, workspace.run_tool(source, 0, "recraft-remove-background", {}).task_id)
    assert created(sim_server.url)[-1]["input"].keys() == {"image"}
    with Image.open(workspace.store.image_path(tool.task_id, tool.images[0])) as cut:
        assert cut.mode == "RGBA" and cut.getextrema()[3][0] == 0  # some pixels fully transparent


def test_a_tool_needs_a_cached_picture_and_a_tool_id(workspace, sim_server):
    pending = workspace.submit(GenerateRequest(prompt="not yet"))
    with pytest.raises(errors.RequestInvalid):
        workspace.run_tool(pending, 0, "topaz-upscale", {})
    done = follow(workspace, pending.task_id)
    with pytest.raises(errors.RequestInvalid):
        workspace.run_tool(done, 0, "gpt-image-2", {})
    assert created(sim_server.url) == []


# -- comparisons ---------------------------------------------------------------------------------------

def test_compare_sends_each_model_once_and_the_comparison_survives_a_restart(workspace, sim_server, tmp_path,
                                                                             client):
    models = ["gpt-4o-image", "gpt-image-2", "nano-banana-pro"]
    tasks = workspace.compare("a red bicycle in the rain", models, {"nano-banana-pro": {"aspect_ratio": "16:9"}},
                              [InputFile("ref", picture())])
    assert [t.model for t in tasks] == models
    assert len({t.comparison_id for t in tasks}) == 1 and tasks[0].comparison_id
    assert len(sim_requests(sim_server.url, "/file-")) == 1  # the reference is uploaded once for all
    assert len(sim_requests(sim_server.url, "/gpt4o-image/generate")) == 1 and len(created(sim_server.url)) == 2
    assert created(sim_server.url)[-1]["input"]["aspect_ratio"] == "16:9"
    for task in tasks:
        follow(workspace, task.task_id)
    again = Workspace(client, TaskStore(tmp_path, "demo"), policy=FAST)  # a new process reads it back
    found = again.comparison(tasks[0].comparison_id)
    assert [t.task_id for t in found] == [t.task_id for t in tasks]
    assert all(t.state == "success" and t.images for t in found)


def test_compare_checks_the_budget_for_the_whole_comparison_first(client, sim_server, tmp_path):
    shared = TaskStore(tmp_path, "team")
    budgets = Budgets(shared, default_limit=4)  # 4o at 2 images + two one-image models = 4: fits; 5 does not
    alice = Workspace(client, shared.scoped("alice@example.com"), policy=FAST, budgets=budgets)
    with pytest.raises(BudgetExceeded):
        alice.compare("a kite", ["gpt-4o-image", "gpt-image-2", "seedream-4.5"],
                      {"gpt-4o-image": {"n_variants": 4}})
    assert sim_requests(sim_server.url) == []  # nothing uploaded or sent
    assert budgets.used_today("alice@example.com") == 0  # every reservation given back
    tasks = alice.compare("a kite", ["gpt-4o-image", "gpt-image-2", "seedream-4.5"],
                          {"gpt-4o-image": {"n_variants": 2}})
    assert len(tasks) == 3 and budgets.used_today("alice@example.com") == 4


def test_one_failed_send_does_not_lose_the_others_and_nothing_is_sent_twice(workspace, sim_server):
    requests.post(sim_server.url + "/_sim/faults", json={"path": "/jobs/createTask", "kind": "code:505",
                                                          "after": 1}, timeout=5)
    tasks = workspace.compare("a harbour at dusk", ["gpt-image-2", "nano-banana-pro", "seedream-4.5"], {})
    assert [t.model for t in tasks] == ["gpt-image-2", "nano-banana-pro", "seedream-4.5"]
    assert [t.state for t in tasks] == ["pending", "failed", "pending"]
    assert "turned this model or feature off" in tasks[1].error_message
    assert len(created(sim_server.url)) == 3  # each once, the refused one not repeated
    assert workspace.store.get(tasks[1].task_id).comparison_id == tasks[0].comparison_id


def test_compare_refuses_bad_sets_before_sending(workspace, sim_server):
    with pytest.raises(errors.RequestInvalid, match="2 to 4"):
        workspace.compare("x", ["gpt-image-2"], {})
    with pytest.raises(errors.RequestInvalid, match="tool"):
        workspace.compare("x", ["gpt-image-2", "topaz-upscale"], {})
    with pytest.raises(errors.RequestInvalid, match="GPT Image 2"):
        workspace.compare("x", ["seedream-4.5", "gpt-image-2"], {"gpt-image-2": {"aspect_ratio": "3:1",
                                                                                  "resolution": "4K"}})
    assert sim_requests(sim_server.url) == []


# -- callbacks ---------------------------------------------------------------------------------------

def test_a_market_callback_makes_the_task_due_and_one_record_info_confirms_it(client, sim_server, sim, tmp_path):
    store = TaskStore(tmp_path, "demo")
    workspace = Workspace(client, store, policy=PollPolicy(callback_interval=60.0), public_url="https://studio.example")
    task = workspace.submit(GenerateRequest.build("nano-banana-pro", "a lantern", {}))
    sent = created(sim_server.url)[-1]
    assert sent["callBackUrl"].endswith(task.callback_token)
    time.sleep(1.1)  # the simulated task ends
    body = sim.callback_body(sim.state.tasks[task.task_id], "success")
    assert body["data"]["taskId"] == task.task_id and isinstance(body["data"]["resultJson"], str)
    stamp = str(int(time.time()))
    headers = {"x-webhook-timestamp": stamp, "x-webhook-signature": sign(task.task_id, stamp, "hmac-key")}
    status, _ = callbacks.receive(task.callback_token, json.dumps(body).encode(), headers, hmac_key="hmac-key",
                                  stores=lambda workspace: store)
    assert status == 200
    before = len(sim_requests(sim_server.url, "/jobs/recordInfo"))
    workspace.poll_due()
    assert len(sim_requests(sim_server.url, "/jobs/recordInfo")) == before + 1
    assert store.get(task.task_id).state == "success"


# -- polling by expected end ----------------------------------------------------------------------------

class Clock:
    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now


def add_history(store: TaskStore, model: str, durations: list[float], now: float) -> None:
    request = GenerateRequest.build(model, "history", {}).validated()
    for n, seconds in enumerate(durations):
        start = now - 3600 + n * 100
        store.add(Task(task_id=f"old-{model}-{n}", kind="text", request=request, model=model, state="success",
                       created_at=start, completed_at=start + seconds))


def test_first_poll_lands_after_the_models_learned_end_and_the_card_says_so(tmp_path):
    clock = Clock(1_800_000_000.0)
    sim = Simulator([TEST_KEY], clock=clock, start_credits=1e6)
    server = SimulatorServer(sim).start()
    try:
        client = KieClient(TEST_KEY, server.url, server.url, sleep=lambda s: None)
        store = TaskStore(tmp_path, "demo")
        add_history(store, "gpt-image-2", [40, 42, 44, 46, 48, 52, 54, 56, 58, 60, 300, 300], clock.now)
        add_history(store, "seedream-4.5", [5, 5, 5], clock.now)  # another model's history does not count
        workspace = Workspace(client, store, clock=clock)
        task = workspace.submit(GenerateRequest.build("gpt-image-2", "a kite [seconds:50.2]", {}))
        # The 10 most recent finished tasks (the last ten added: 44..300) have a median of 55 and a lower quartile
        # of 49: asked first at 49 (tasks that end early wait no longer), then just after 55.
        assert workspace.expected_seconds("gpt-image-2") == 55.0
        assert task.next_poll_at - task.created_at == pytest.approx(49.0)
        assert workspace.time_left(task) == "about 55 s left"
        clock.now += 40
        assert workspace.time_left(task) == "about 15 s left"
        clock.now = task.next_poll_at
        workspace.poll_due()
        assert store.get(task.task_id).state == "pending"
        assert store.get(task.task_id).next_poll_at - task.created_at == pytest.approx(55.5)
        clock.now = store.get(task.task_id).next_poll_at
        workspace.poll_due()
        assert store.get(task.task_id).state == "success"
        assert len([r for r in sim.requests if r["path"].endswith("/jobs/recordInfo")]) == 2
        assert workspace.time_left(store.get(task.task_id)) is None
    finally:
        server.stop()


def test_without_history_the_catalogues_typical_duration_is_used_and_a_late_task_is_asked_about_often(tmp_path):
    clock = Clock(1_800_000_000.0)
    sim = Simulator([TEST_KEY], clock=clock, start_credits=1e6)
    server = SimulatorServer(sim).start()
    try:
        client = KieClient(TEST_KEY, server.url, server.url, sleep=lambda s: None)
        workspace = Workspace(client, TaskStore(tmp_path, "demo"), clock=clock)
        typical = catalog.get("seedream-4.5").typical_seconds
        task = workspace.submit(GenerateRequest.build("seedream-4.5", "a tower [seconds:60]", {}))
        assert task.next_poll_at - task.created_at == pytest.approx(typical + 0.5)
        clock.now = task.next_poll_at
        workspace.poll_due()
        late = workspace.store.get(task.task_id)
        assert late.state == "pending" and late.next_poll_at - clock.now < 5  # past the expected end: soon again
        assert workspace.time_left(late) in ("any moment now", "taking longer than usual")
    finally:
        server.stop()


def test_expected_end_delays_pure():
    from kie.polling import describe_remaining, expected_duration, expected_end_delay

    assert expected_duration([], 35.0) == 35.0
    assert expected_duration([40, 50, 60, None, 0], 35.0) == 50.0
    assert expected_end_delay(0.0, 50.0) == pytest.approx(50.5)
    assert expected_end_delay(50.0, 50.0) == pytest.approx(1.5)  # just past the end: soon
    assert expected_end_delay(58.0, 50.0) == pytest.approx(1.5)  # within the usual spread: still soon
    assert expected_end_delay(70.0, 50.0) == pytest.approx(4.0)  # later than that: less and less often
    assert expected_end_delay(200.0, 50.0) == 15.0  # very late: no more often than a stalled 4o task
    assert expected_end_delay(0.0, 600.0) == 120.0  # a first wait is never longer than the cap
    fixed = PollPolicy(fixed_interval=10.0, first_poll=0.0)
    assert expected_end_delay(0.0, 50.0, policy=fixed) == 0.0
    assert expected_end_delay(0.0, 50.0, heard=True, policy=fixed) == 10.0  # a fixed loop never spins in place
    assert expected_end_delay(5.0, 50.0, failures=2) == 4.0
    assert [describe_remaining(a, 50.0) for a in (0, 43, 49.5, 80)] == [
        "about 50 s left", "about 7 s left", "any moment now", "taking longer than usual"]
    assert all("about 0 s" not in describe_remaining(a / 4, 50.0) for a in range(0, 480))


def test_the_market_polling_benchmark_rig_measures_a_task():
    from bench import polling_market

    rig = polling_market.Rig()
    try:
        lag, requests_sent = polling_market.one_run(rig, polling_market.DEFAULT_POLICY, 50.6)
        assert 0 <= lag <= 1.5 and requests_sent == 3  # 45 s (the lower quartile), 50.5 s: not yet; 52.0 s: done
        lag, requests_sent = polling_market.one_run(rig, polling_market.STRATEGIES["fixed 10 s"], 50.6)
        assert requests_sent == 7 and lag == pytest.approx(9.4, abs=0.01)
    finally:
        rig.close()


def test_demo_mode_expects_every_model_to_take_the_simulators_task_length(tmp_path):
    """Demo mode: the built-in simulator finishes any model in STUDIO_SIM_TASK_SECONDS, so a fresh workspace's
    first poll of a model without a progress figure lands then, not after the real model's typical duration."""
    from kie.config import Settings
    from kie.service import Service

    service = Service(Settings.from_env({"STUDIO_DATA_DIR": str(tmp_path), "STUDIO_SIM_TASK_SECONDS": "3"}))
    try:
        workspace = service.new_workspace(None)
        task = workspace.submit(GenerateRequest.build("seedream-4.5", "a tower", {}))
        assert task.next_poll_at - task.created_at < 5 < catalog.get("seedream-4.5").typical_seconds
        assert workspace.expected_seconds("gpt-image-2") == 3
    finally:
        service.stop()
