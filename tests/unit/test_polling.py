"""The polling policy, as a pure function, against simulated task runs."""

from __future__ import annotations

import pytest

from kie.polling import DEFAULT_POLICY, next_poll_delay


def run(duration: float, uneven: bool = False, policy=DEFAULT_POLICY):
    """Follow a simulated task with the policy; return (requests, detection lag)."""
    t, progress, requests = 0.0, None, 0
    t += next_poll_delay(0.0, None, policy=policy)
    while True:
        requests += 1
        share = min(1.0, t / duration)
        if uneven:
            share = 0.1 if share < 0.8 else min(1.0, 0.1 + (share - 0.8) * 4.5)
        if t >= duration:
            return requests, t - duration
        progress = float(f"{share:.2f}")  # the provider rounds to two decimals
        t += next_poll_delay(t, progress, policy=policy)


def fixed_loop_requests(duration: float, every: float) -> int:
    return int(duration // every) + 1 + (1 if duration % every else 0)


@pytest.mark.parametrize("duration", [10, 30, 60, 120, 300])
def test_notices_completion_quickly_and_asks_no_more_than_a_ten_second_loop(duration):
    requests, lag = run(duration)
    assert lag <= 1.5
    assert requests <= fixed_loop_requests(duration, 10)


def test_never_polls_faster_than_once_a_second():
    for age in (0.1, 1, 5, 50, 500):
        for progress in (None, 0.0, 0.01, 0.5, 0.99, 1.0):
            assert next_poll_delay(age, progress) >= DEFAULT_POLICY.min_interval


def test_without_progress_it_slows_down_with_age_up_to_the_cap():
    delays = [next_poll_delay(age, 0.0) for age in (5, 20, 60, 200, 2000)]
    assert delays == sorted(delays) and delays[-1] == DEFAULT_POLICY.max_interval


def test_errors_back_off():
    assert next_poll_delay(10, 0.5, failures=1) < next_poll_delay(10, 0.5, failures=3) <= DEFAULT_POLICY.max_interval


def test_first_poll_waits_for_the_task_to_become_visible():
    assert next_poll_delay(0.0, None) == DEFAULT_POLICY.first_poll


def test_uneven_progress_still_finishes_with_bounded_lag():
    requests, lag = run(120, uneven=True)
    assert lag <= DEFAULT_POLICY.max_interval
    assert requests <= fixed_loop_requests(120, 10) + 5
