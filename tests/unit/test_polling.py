"""The polling policy, as a pure function, against simulated task runs."""

from __future__ import annotations

import pytest

from kie.polling import DEFAULT_POLICY, next_poll_delay


def run(duration: float, uneven: bool = False, policy=DEFAULT_POLICY):
    """Follow a simulated task with the policy; return (requests, detection lag)."""
    t, requests, previous = 0.0, 0, None
    t += next_poll_delay(0.0, None, policy=policy)
    while True:
        requests += 1
        share = min(1.0, t / duration)
        if uneven:
            share = 0.1 if share < 0.8 else min(1.0, 0.1 + (share - 0.8) * 4.5)
        if t >= duration:
            return requests, t - duration
        progress = float(f"{share:.2f}")  # the provider rounds to two decimals
        delay = next_poll_delay(t, progress, previous=previous, policy=policy)
        previous = (t, progress)
        t += delay


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
    assert delays == sorted(delays) and delays[-1] == DEFAULT_POLICY.stalled_interval


def test_standing_progress_is_asked_about_more_often_than_moving_progress():
    # Progress that moves steadily may wait up to max_interval; progress standing still only stalled_interval.
    assert next_poll_delay(200, 0.5, previous=(150, 0.38)) == DEFAULT_POLICY.max_interval
    assert next_poll_delay(200, 0.1, previous=(185, 0.1)) == DEFAULT_POLICY.stalled_interval


def test_a_sudden_speed_up_after_a_long_wait_is_measured_again_soon():
    # Flat at 0.1 for a long time, then 0.19 after a 10 s wait: the jump may have begun just now.
    assert next_poll_delay(23.9, 0.19, previous=(13.9, 0.1)) == DEFAULT_POLICY.speeding_interval
    # Same pace over a short wait: the recent estimate is trusted.
    assert next_poll_delay(25.9, 0.5, previous=(23.9, 0.19)) > DEFAULT_POLICY.speeding_interval


def test_recent_pace_wins_when_it_is_faster_than_the_average():
    slow_average = next_poll_delay(100, 0.3)
    assert next_poll_delay(100, 0.3, previous=(98, 0.2)) < slow_average


def test_fixed_loop_policy_for_comparisons():
    from kie.polling import PollPolicy

    loop = PollPolicy(fixed_interval=10.0, first_poll=0.0)
    assert next_poll_delay(0.0, None, policy=loop) == 0.0
    assert next_poll_delay(30.0, 0.5, policy=loop) == 10.0


def test_errors_back_off():
    assert next_poll_delay(10, 0.5, failures=1) < next_poll_delay(10, 0.5, failures=3) <= DEFAULT_POLICY.max_interval


def test_first_poll_waits_for_the_task_to_become_visible():
    assert next_poll_delay(0.0, None) == DEFAULT_POLICY.first_poll


def test_uneven_progress_still_finishes_with_bounded_lag():
    requests, lag = run(120, uneven=True)
    assert lag <= DEFAULT_POLICY.max_interval
    assert requests <= fixed_loop_requests(120, 10) + 5


@pytest.mark.parametrize("seconds, words", [(0.0, "under a second"), (0.4, "under a second"), (4.24, "4.2 s"),
                                            (38.4, "38 s"), (150, "2.5 min")])
def test_a_duration_never_reads_0_s(seconds, words):
    from kie.polling import duration_words

    assert duration_words(seconds) == words
