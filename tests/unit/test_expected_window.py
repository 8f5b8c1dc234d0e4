"""The pure plan for a model without a progress figure when its tasks spread around their usual duration
(kie.polling.expected_window, expected_end_delay with `early`)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kie.polling import DEFAULT_POLICY, expected_end_delay, expected_window

SPREAD = [54.0, 57.0, 58.0, 59.0, 60.0, 60.0, 61.0, 62.0, 63.0, 66.0]  # a 60-s model's last ten tasks


def test_the_window_is_the_lower_quartile_and_the_median_of_the_recent_durations():
    early, expected = expected_window(SPREAD, 30.0)
    assert expected == 60.0
    assert early == pytest.approx(58.25)  # the lower quartile (inclusive): between the 3rd and 4th shortest


def test_the_window_uses_only_the_most_recent_sample_and_ignores_unknown_durations():
    early, expected = expected_window([40.0, None, 0, 42.0, 44.0, 46.0, 48.0, 500.0], 30.0, sample=5)
    assert (early, expected) == (pytest.approx(42.0), 44.0)  # 500 s is sixth once the unknown ones are dropped


def test_without_a_spread_both_ends_are_the_one_figure_known():
    assert expected_window([], 35.0) == (35.0, 35.0)  # the catalogue's typical duration
    assert expected_window([None, 0], 35.0) == (35.0, 35.0)
    assert expected_window([48.0], 35.0) == (48.0, 48.0)  # one recent task: no spread yet


def test_a_long_model_is_asked_first_at_the_early_end_then_just_after_the_expected_end():
    early, expected = expected_window(SPREAD, 30.0)
    first = expected_end_delay(0.0, expected, early=early)
    assert first == pytest.approx(early)
    second = expected_end_delay(first, expected, early=early, heard=True)
    assert first + second == pytest.approx(expected + DEFAULT_POLICY.landing_margin)
    third = expected_end_delay(first + second, expected, early=early, heard=True)
    assert third == DEFAULT_POLICY.overdue_interval  # still running: the short interval, as before


def test_a_poll_already_made_near_the_early_end_counts_as_the_early_poll():
    """The age the poll sees may be a hair short of the planned moment (the send time and the creation time differ
    by milliseconds): no second request a second later."""
    assert expected_end_delay(58.2, 60.0, early=58.25, heard=True) == pytest.approx(2.3)


def test_short_tasks_and_narrow_spreads_get_no_early_request():
    # A 25-s model: a 10-s loop asks it four times; the early request would cost more than it saves.
    assert expected_end_delay(0.0, 25.0, early=23.0) == pytest.approx(25.5)
    # The early end within a second of the expected one: asked just after the expected end only.
    assert expected_end_delay(0.0, 60.0, early=59.5) == pytest.approx(60.5)
    # No spread known: as before.
    assert expected_end_delay(0.0, 60.0) == pytest.approx(60.5)
    assert expected_end_delay(0.0, 60.0, early=None) == expected_end_delay(0.0, 60.0, early=60.0)


def test_the_early_wait_keeps_the_cap_and_the_fixed_loop_and_failures_rules():
    assert expected_end_delay(0.0, 300.0, early=270.0) == DEFAULT_POLICY.expected_wait_cap  # relaxed Midjourney
    assert expected_end_delay(240.0, 300.0, early=270.0, heard=True) == pytest.approx(30.0)
    fixed = replace(DEFAULT_POLICY, fixed_interval=10.0, first_poll=0.0)
    assert expected_end_delay(0.0, 60.0, early=55.0, policy=fixed) == 0.0
    assert expected_end_delay(20.0, 60.0, early=55.0, heard=True, policy=fixed) == 10.0
    assert expected_end_delay(5.0, 60.0, early=55.0, failures=2) == 4.0
    off = replace(DEFAULT_POLICY, early_poll_from=1e9)  # the early request can be turned off
    assert expected_end_delay(0.0, 60.0, early=55.0, policy=off) == pytest.approx(60.5)


@pytest.mark.parametrize("expected", [40.0, 60.0])
def test_tasks_spread_around_the_expected_end_wait_less_than_before(expected):
    """Tasks ending evenly through +-15 % of the expected duration: the median lag with the early request is lower
    than without it, at one more request at most for the median task (a pure walk of the plan)."""
    recent = [expected * (0.9 + 0.2 * n / 9) for n in range(10)]
    early, middle = expected_window(recent, 30.0)

    def walk(end: float, with_early: bool) -> tuple[float, int]:
        age, asked = 0.0, 0
        while True:
            age += expected_end_delay(age, middle, early=early if with_early else None, heard=asked > 0)
            asked += 1
            if age >= end:
                return age - end, asked

    ends = [expected * (0.85 + 0.3 * n / 100) for n in range(101)]
    before = sorted(walk(e, False) for e in ends)
    after = sorted(walk(e, True) for e in ends)
    lag = sorted(r[0] for r in after)[50]
    assert lag < sorted(r[0] for r in before)[50]
    assert lag <= 1.5
    assert sorted(r[1] for r in after)[50] <= sorted(r[1] for r in before)[50] + 1
