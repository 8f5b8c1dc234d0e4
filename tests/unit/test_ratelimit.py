"""The generate rate limiter: its rule, its SQLite ledger, and real sends to the simulator from threads and processes.

The simulator's request log (arrival times) is the judge: no window of the rate's length may hold
more requests than the rate allows, and every item is sent exactly once.
"""

from __future__ import annotations

import multiprocessing
import queue
import sys
import threading
import time
import types

import pytest

from kie.client import KieClient
from kie.errors import RateLimited
from kie.models import GenerateRequest
from kie.ratelimit import Rate, RateLimiter, decide, parse_rate
from kie.store.ledger import SqlSlotLedger
from tests.conftest import TEST_KEY, sim_requests

ACCOUNT = "ws-test"
RATE_TEXT = "5/2"  # short windows keep the tests short; the rule is the same at 20/10


class FakeClock:
    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def most_in_any_window(times: list[float], seconds: float) -> int:
    """The largest number of times inside any half-open window [t, t + seconds)."""
    times = sorted(times)
    best, start = 0, 0
    for end, t in enumerate(times):
        while t - times[start] >= seconds:
            start += 1
        best = max(best, end - start + 1)
    return best


def generates(url: str) -> list[dict]:
    return sim_requests(url, "/gpt4o-image/generate")


def send_all(url: str, ledger_path: str, prompts: list[str], rate_text: str, threads: int) -> list[str]:
    """Send one generate per prompt from `threads` threads through one limiter; return the failures."""
    limiter = RateLimiter(SqlSlotLedger.sqlite(ledger_path, ACCOUNT), parse_rate(rate_text))
    work: queue.Queue[str] = queue.Queue()
    for prompt in prompts:
        work.put(prompt)
    failures: list[str] = []

    def worker() -> None:
        # a client per thread: requests.Session is not promised to be thread-safe
        client = KieClient(TEST_KEY, url, url, timeout=(2.0, 10.0), max_retries=0)
        while True:
            try:
                prompt = work.get_nowait()
            except queue.Empty:
                return
            try:
                limiter.call(lambda p=prompt: client.generate(GenerateRequest(prompt=p)), timeout=60)
            except Exception as exc:  # collected and asserted on by the test
                failures.append(f"{prompt}: {exc!r}")

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return failures


def _process_main(url: str, ledger_path: str, prompts: list[str], rate_text: str, threads: int,
                  start: multiprocessing.synchronize.Barrier, results: multiprocessing.Queue) -> None:
    start.wait(timeout=60)  # both processes begin together, so they really compete
    results.put(send_all(url, ledger_path, prompts, rate_text, threads))


@pytest.fixture
def roomy_simulator(sim_server, monkeypatch):
    """The simulator with its own 429 far away, so only our limiter paces the sends."""
    monkeypatch.setattr(sim_server.simulator, "generate_limit", 10_000)
    return sim_server


def assert_paced(url: str, prompts: list[str], rate: Rate, started: float) -> float:
    """Check the simulator's log; return how long the sends took."""
    log = generates(url)
    sent = sorted(r["body"]["prompt"] for r in log)
    assert sent == sorted(prompts), "every item is sent exactly once"
    times = [r["time"] for r in log]
    assert most_in_any_window(times, rate.seconds) <= rate.count
    return max(times) - started


# -- the rule ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("sent, blocked, now, wait", [
    ([], 0.0, 10.0, 0.0),
    ([9.0, 9.5, 9.9], 0.0, 10.0, 0.0),
    ([8.5, 9.0, 9.5, 9.7, 9.9], 0.0, 10.0, 0.5),  # 5/2: the slot frees when 8.5 leaves the window
    ([9.0, 9.5, 9.7, 9.9, 9.95], 0.0, 10.0, 1.0),
    ([], 13.0, 10.0, 3.0),  # blocked after a 429
])
def test_decide(sent, blocked, now, wait):
    assert decide(sent, blocked, now, Rate(5, 2.0)) == pytest.approx(wait)


def test_ledger_grants_the_count_then_waits_until_the_oldest_leaves(tmp_path):
    clock = FakeClock()
    ledger = SqlSlotLedger.sqlite(tmp_path / "rate.sqlite3", ACCOUNT)
    rate = Rate(5, 2.0)
    assert [ledger.take(clock() + i * 0.1, rate) for i in range(5)] == [0.0] * 5
    assert ledger.take(clock() + 0.5, rate) == pytest.approx(1.5)
    assert ledger.take(clock() + 2.0, rate) == 0.0
    assert len(ledger.sent_times()) == 6  # sends are forgotten a window late (a sender's clock may lag a little)
    assert ledger.take(clock() + 4.5, rate) == 0.0
    assert ledger.sent_times() == [clock() + 2.0, clock() + 4.5]  # then they are pruned


def test_accounts_do_not_share_slots(tmp_path):
    rate = Rate(1, 10.0)
    alpha = SqlSlotLedger.sqlite(tmp_path / "rate.sqlite3", "alpha")
    beta = SqlSlotLedger.sqlite(tmp_path / "rate.sqlite3", "beta")
    assert alpha.take(0.0, rate) == 0.0 and beta.take(0.0, rate) == 0.0
    assert alpha.take(1.0, rate) == pytest.approx(9.0)


def test_acquire_waits_with_the_injected_clock_and_gives_up_at_the_timeout(tmp_path):
    clock = FakeClock()
    limiter = RateLimiter(SqlSlotLedger.sqlite(tmp_path / "rate.sqlite3", ACCOUNT), Rate(2, 10.0), margin=0.5,
                          clock=clock, sleep=clock.sleep)
    assert limiter.acquire() and limiter.acquire()
    assert limiter.acquire(timeout=3.0) is False
    assert clock.now == pytest.approx(1003.0)
    assert limiter.acquire(timeout=20.0)
    assert clock.now == pytest.approx(1010.5)  # window plus margin after the first send


def test_backoff_blocks_every_limiter_of_the_account_and_never_shortens(tmp_path):
    clock = FakeClock()
    path = tmp_path / "rate.sqlite3"
    one = RateLimiter(SqlSlotLedger.sqlite(path, ACCOUNT), Rate(100, 1.0), clock=clock, sleep=clock.sleep)
    other = RateLimiter(SqlSlotLedger.sqlite(path, ACCOUNT), Rate(100, 1.0), clock=clock, sleep=clock.sleep)
    assert one.backoff(7.0) == 7.0
    assert other.backoff(2.0) == 2.0  # a shorter block does not shorten the first
    assert other.try_acquire() == pytest.approx(7.0)
    assert one.backoff(None) == 1.0  # no Retry-After: a whole window
    clock.sleep(7.0)
    assert other.try_acquire() == 0.0


def _set_up_and_take(path: str, start: multiprocessing.synchronize.Barrier) -> None:
    start.wait(timeout=30)
    SqlSlotLedger.sqlite(path, ACCOUNT).take(time.time(), Rate(1000, 60.0))


def test_processes_creating_the_same_new_ledger_at_once_all_get_their_slot(tmp_path):
    # switching a new file to WAL can fail at once with "database is locked" while another process does it too
    context = multiprocessing.get_context("fork")  # fast, and this test runs no threads of its own
    for round_number in range(8):
        path = str(tmp_path / f"rate{round_number}.sqlite3")
        start = context.Barrier(6)
        workers = [context.Process(target=_set_up_and_take, args=(path, start)) for _ in range(6)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=30)
        assert [w.exitcode for w in workers] == [0] * 6
        assert len(SqlSlotLedger.sqlite(path, ACCOUNT).sent_times()) == 6


# -- real sends to the simulator ---------------------------------------------------------------------

@pytest.mark.serial  # paced within a second's slack: run alone, not beside other tests
def test_eight_threads_never_exceed_the_rate(roomy_simulator, tmp_path):
    rate = parse_rate(RATE_TEXT)
    prompts = [f"thread item {i}" for i in range(20)]
    started = time.time()
    failures = send_all(roomy_simulator.url, str(tmp_path / "rate.sqlite3"), prompts, RATE_TEXT, threads=8)
    assert failures == []
    took = assert_paced(roomy_simulator.url, prompts, rate, started)
    # 20 items at 5/2 go in four bursts: at 0, 2.5, 5 and 7.5 s with the 0.5 s margin
    assert 3 * rate.seconds <= took <= 3 * (rate.seconds + 0.5) + 1.0


@pytest.mark.serial  # paced within a second's slack: run alone, not beside other tests
def test_two_processes_share_the_rate_through_one_file(roomy_simulator, tmp_path, monkeypatch):
    rate = parse_rate(RATE_TEXT)
    # A spawned child re-runs the parent's __main__ from its path; after an AppTest of navigation.py in the same
    # pytest process that would be the app's navigation script. The child needs only this module.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    context = multiprocessing.get_context("spawn")  # no fork of a process that runs server threads
    start, results = context.Barrier(3), context.Queue()
    halves = [[f"process {p} item {i}" for i in range(10)] for p in range(2)]
    workers = [context.Process(target=_process_main, args=(roomy_simulator.url, str(tmp_path / "rate.sqlite3"),
                                                           half, RATE_TEXT, 4, start, results)) for half in halves]
    for worker in workers:
        worker.start()
    start.wait(timeout=60)
    started = time.time()
    failures = [results.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    assert [w.exitcode for w in workers] == [0, 0]
    assert failures == [[], []]
    took = assert_paced(roomy_simulator.url, halves[0] + halves[1], rate, started)
    assert 3 * rate.seconds <= took <= 3 * (rate.seconds + 0.5) + 1.5


def test_a_429_blocks_the_other_senders_for_its_retry_after(sim_server, tmp_path):
    path = tmp_path / "rate.sqlite3"
    first = RateLimiter(SqlSlotLedger.sqlite(path, ACCOUNT), Rate(100, 1.0))
    second = RateLimiter(SqlSlotLedger.sqlite(path, ACCOUNT), Rate(100, 1.0))  # as in another process
    client = KieClient(TEST_KEY, sim_server.url, sim_server.url, max_retries=0)
    sim_server.simulator.add_faults([{"path": "/generate", "kind": "code:429", "count": 1, "retry_after": 2}])
    assert first.acquire(timeout=1)
    with pytest.raises(RateLimited) as refused:
        client.generate(GenerateRequest(prompt="refused"))
    assert first.backoff(refused.value.retry_after) == 2.0
    assert second.try_acquire() == pytest.approx(2.0, abs=0.2)
    second.call(lambda: client.generate(GenerateRequest(prompt="after the block")), timeout=5)
    log = generates(sim_server.url)
    assert [r["body"]["prompt"] for r in log] == ["refused", "after the block"]
    assert log[1]["time"] - log[0]["time"] >= 2.0


@pytest.mark.sim_wall_clock  # the simulator's own 2-s window is measured against our limiter's
def test_the_simulators_own_limit_makes_the_limiter_back_off(sim_server, tmp_path, monkeypatch):
    # a limiter configured above the provider's real limit still recovers, without hammering it
    monkeypatch.setattr(sim_server.simulator, "generate_limit", 3)
    monkeypatch.setattr(sim_server.simulator, "generate_window", 2.0)
    limiter = RateLimiter(SqlSlotLedger.sqlite(tmp_path / "rate.sqlite3", ACCOUNT), Rate(10, 2.0))
    client = KieClient(TEST_KEY, sim_server.url, sim_server.url, max_retries=0)
    refusals: list[float] = []

    def send(prompt: str) -> str:
        try:
            return client.generate(GenerateRequest(prompt=prompt))
        except RateLimited as exc:
            refusals.append(exc.retry_after)
            raise

    prompts = [f"item {i}" for i in range(6)]
    for prompt in prompts:
        limiter.call(lambda p=prompt: send(p), timeout=20)
    log = generates(sim_server.url)
    accepted = [r["body"]["prompt"] for r in log]
    assert len(refusals) == 1 and refusals[0] == 2.0
    assert len(log) == 7 and sorted(set(accepted)) == prompts  # the refused one was resent once, after the block
    refused_at = log[3]["time"]
    assert log[4]["time"] - refused_at >= 2.0  # nothing at all during the Retry-After
