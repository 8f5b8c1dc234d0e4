"""The simulator's credits for every API family, over real HTTP with the studio's client: a task's price is taken
when it is sent, kept when it succeeds, and given back once it has failed, so the balance agrees with the card's
"nothing charged" (kie.figures.NOTHING_CHARGED) and demo mode's *Credits left* comes back after a failure."""

from __future__ import annotations

import pytest

from kie import catalog
from kie.client import KieClient
from kie.figures import NOTHING_CHARGED, cost_words
from kie.models import GenerateRequest, Task
from kie.simulator import Simulator
from tests.conftest import OTHER_KEY, TEST_KEY
from tests.fixtures.family_contract import Clock
from tests.fixtures.simulated import client_of, simulator_server

SECONDS = 20.0  # every task's length on the simulator (Midjourney's relaxed speed five times as long)
CASES = [  # (model, options): one of each API family, with options that change the price
    ("gpt-4o-image", {"n_variants": 2}),
    ("seedream-4.5", {"quality": "high"}),
    ("seedream-4.0", {"resolution": "4K"}),
    ("flux-kontext-max", {}),
    ("midjourney", {"speed": "turbo"}),
]


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def server(clock, tmp_path):
    with simulator_server([TEST_KEY, OTHER_KEY], task_seconds=SECONDS, clock=clock, state_dir=tmp_path / "sim") as srv:
        yield srv


@pytest.fixture
def client(server):
    return client_of(server.url, TEST_KEY)


def request(model: str, options: dict, prompt: str = "a lighthouse on a cliff at dawn") -> GenerateRequest:
    return GenerateRequest.build(model, prompt, options)


def run_to_the_end(client: KieClient, clock: Clock, task_id: str, model: str) -> str:
    clock.now += 5 * SECONDS + 1
    return client.record_info(task_id, model).state


@pytest.mark.parametrize("model, options", CASES)
def test_a_successful_task_costs_its_price(client, clock, model, options):
    before = client.credits()
    price = catalog.get(model).estimate(request(model, options).settings())
    task_id = client.generate(request(model, options))
    assert before - client.credits() == pytest.approx(price)
    assert run_to_the_end(client, clock, task_id, model) == "success"
    assert before - client.credits() == pytest.approx(price)


@pytest.mark.parametrize("model, options", CASES)
def test_a_failed_task_leaves_the_credits_as_they_were(client, clock, model, options):
    before = client.credits()
    task_id = client.generate(request(model, options, "a lighthouse on a cliff [fail:500]"))
    assert client.credits() < before  # taken when sent, like any task
    assert run_to_the_end(client, clock, task_id, model) == "failed"
    assert client.credits() == pytest.approx(before)
    assert client.credits() == pytest.approx(before)  # given back once only
    failed = Task(task_id=task_id, kind="text", request=request(model, options), state="failed", model=model)
    assert cost_words(failed) == NOTHING_CHARGED


def test_the_refund_waits_for_the_failure_and_is_not_given_twice_after_a_restart(server, client, clock, tmp_path):
    before = client.credits()
    task_id = client.generate(request("gpt-image-2", {}, "a red fox [fail:400]"))
    charged = before - client.credits()
    assert charged == pytest.approx(catalog.get("gpt-image-2").estimate({}))
    clock.now += SECONDS * 0.25  # still running: nothing given back yet
    assert client.record_info(task_id, "gpt-image-2").state == "pending"
    assert before - client.credits() == pytest.approx(charged)
    assert run_to_the_end(client, clock, task_id, "gpt-image-2") == "failed"
    assert client.credits() == pytest.approx(before)
    restarted = Simulator([TEST_KEY, OTHER_KEY], task_seconds=SECONDS, clock=clock, state_dir=tmp_path / "sim")
    account = restarted.account(f"Bearer {TEST_KEY}")
    assert restarted.credits_of(account) == pytest.approx(before)


def test_a_failure_gives_back_to_its_own_account_only(server, client, clock):
    other = client_of(server.url, OTHER_KEY)
    other_before = other.credits()
    other.generate(request("flux-kontext-pro", {}))
    task_id = client.generate(request("flux-kontext-pro", {}, "a red fox [fail]"))
    assert run_to_the_end(client, clock, task_id, "flux-kontext-pro") == "failed"
    assert other_before - other.credits() == pytest.approx(catalog.get("flux-kontext-pro").estimate({}))
