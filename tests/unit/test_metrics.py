"""GET /metrics over real HTTP (uvicorn): Prometheus' format, counters that move, the bearer token, no secrets."""

from __future__ import annotations

import time

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from kie import metrics
from kie.models import GenerateRequest
from kie.polling import PollPolicy
from kie.store import TaskStore
from kie.team import BudgetExceeded, Budgets
from kie.workspace import Workspace
from tests.conftest import TEST_KEY
from tests.unit.test_server_routes import TOKEN

FAST = PollPolicy(first_poll=0.3, min_interval=0.2, max_interval=0.5, deadline=30)


def scrape(base: str, **headers: str) -> dict[tuple[str, tuple], float]:
    """Every sample of /metrics by (name, sorted labels), parsed by prometheus_client's own parser."""
    answer = requests.get(f"{base}/metrics", headers=headers, timeout=10)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/plain")
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(answer.text) for s in family.samples}


def value(samples, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_parse_and_name_every_family(live):
    samples = scrape(live)
    names = {name for name, _ in samples}
    for family in ("studio_worker_loop_seconds_count", "studio_oldest_due_task_age_seconds",
                   "studio_budget_refusals_total", "studio_batch_items_queued_total"):
        assert family in names


def test_counters_move_when_a_task_is_made_and_ends(live, client, tmp_path):
    before = scrape(live)
    # A workspace of its own: the live server's worker follows the demo workspace in the same data folder.
    workspace = Workspace(client, TaskStore(tmp_path / "own", "kmetrics").scoped("alice@example.com"), policy=FAST)
    task = workspace.submit(GenerateRequest(prompt="a secret lighthouse prompt", options=(("n_variants", 1),)))
    deadline = time.time() + 10
    while workspace.store.get(task.task_id).state == "pending" and time.time() < deadline:
        workspace.poll_due()
        time.sleep(0.05)
    after = scrape(live)
    assert value(after, "studio_tasks_submitted_total", kind="text") == \
        value(before, "studio_tasks_submitted_total", kind="text") + 1
    assert value(after, "studio_tasks_finished_total", kind="text", state="success") >= \
        value(before, "studio_tasks_finished_total", kind="text", state="success") + 1
    generate = {"endpoint": "/api/v1/gpt4o-image/generate", "code": "200"}
    assert value(after, "studio_upstream_requests_total", **generate) == \
        value(before, "studio_upstream_requests_total", **generate) + 1
    assert value(after, "studio_upstream_request_seconds_count", endpoint=generate["endpoint"]) > \
        value(before, "studio_upstream_request_seconds_count", endpoint=generate["endpoint"])
    assert value(after, "studio_worker_loop_seconds_count") >= 1
    text = requests.get(f"{live}/metrics", timeout=10).text
    for private in ("alice", "lighthouse", task.task_id, TEST_KEY):
        assert private not in text


def test_callbacks_budget_refusals_and_batches_are_counted(live, store, tmp_path):
    before = scrape(live)
    requests.post(f"{live}/api/kie/callback/{TOKEN}", data=b"not json", timeout=10)
    requests.get(f"{live}/api/kie/callback/{TOKEN}", timeout=10)
    budgets = Budgets(store, default_limit=1)
    budgets.reserve("bob", 1)
    with pytest.raises(BudgetExceeded):
        budgets.reserve("bob", 1)
    from kie.batch_queue import queue_batch

    queue_batch(Workspace(None, store), "three", [GenerateRequest(prompt=p) for p in "abc"])
    after = scrape(live)
    for outcome in ("refused_400", "refused_405"):
        assert value(after, "studio_callbacks_total", outcome=outcome) == \
            value(before, "studio_callbacks_total", outcome=outcome) + 1
    assert value(after, "studio_budget_refusals_total") == value(before, "studio_budget_refusals_total") + 1
    assert value(after, "studio_batch_items_queued_total") == value(before, "studio_batch_items_queued_total") + 3


def test_with_a_token_set_metrics_need_it_as_a_bearer_token(live, monkeypatch):
    monkeypatch.setenv("STUDIO_METRICS_TOKEN", "metrics-token-7f3a")
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "metrics-token-7f3a"},
                    {"Authorization": "Basic metrics-token-7f3a"}):
        answer = requests.get(f"{live}/metrics", headers=headers, timeout=10)
        assert answer.status_code == 401 and "studio_" not in answer.text and "7f3a" not in answer.text
    assert scrape(live, Authorization="Bearer metrics-token-7f3a")


def test_label_values_stay_in_small_fixed_sets():
    assert metrics.kind_label("text") == "text" and metrics.kind_label("alice's prompt") == "other"
    assert metrics.endpoint_label("/api/v1/gpt4o-image/record-info") == "/api/v1/gpt4o-image/record-info"
    assert metrics.endpoint_label("/x?taskId=1") == "other" and metrics.endpoint_label("/" + "a" * 200) == "other"
    assert metrics.code_label(None) == "none" and metrics.code_label(402) == "402" and metrics.code_label(7) == "none"
    assert metrics.token_matches("Bearer abc", "abc") and not metrics.token_matches("Bearer abd", "abc")
    assert not metrics.token_matches(None, "abc")
