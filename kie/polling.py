"""When to ask about a task next: a pure function of its age, its reported progress and the last answer.

The provider reports progress as "0.00".."1.00". From it the policy estimates the earliest moment
the task can be done, sleeps through most of the wait, and lands just after that moment; it re-reads
the estimate once more on long tasks. Without progress it backs off like a slow fixed loop.

Models that report no progress at all (every one whose catalogue entry lacks `reports_progress`) are planned from
their expected window instead: the lower quartile and the median of this workspace's recent finished tasks of that
model (the catalogue's typical duration for both until there are some; kie.durations). Tasks spread around their
model's usual duration, so a model whose tasks take 30 s or more is asked once at the early end of that spread (the
lower quartile), then just after the expected end (the median); a task still running then is asked about on a short
interval that grows as it runs late. Shorter tasks are asked first just after the expected end (an early request
would cost more than the lag it saves: a 10-s loop asks such a task only four times).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class PollPolicy:
    first_poll: float = 2.0  # the first answer also catches tasks refused at once
    min_interval: float = 1.0  # the provider allows about 3 queries a second per task; one is plenty
    max_interval: float = 20.0  # longest wait while progress moves steadily
    stalled_interval: float = 15.0  # longest wait while progress stands still (chosen in bench/RESULTS.md)
    speeding_interval: float = 2.0  # longest wait just after progress sped up: measure the new pace soon
    landing_margin: float = 0.5  # poll this long after the estimated end
    jump_horizon: float = 15.0  # closer than this to the estimated end, aim straight at it
    far_fraction: float = 0.7  # further away, sleep this share of the estimate, then estimate again
    progress_resolution: float = 0.005  # "0.42" may be anything from 0.415 to 0.425
    deadline: float = 600.0  # after this long without an end the task is "timed out" (can be resumed)
    not_visible_grace: float = 60.0  # how long `recordInfo is null` counts as "not visible yet"
    fixed_interval: float | None = None  # a plain fixed loop instead (for comparisons)
    callback_interval: float = 60.0  # while a callback is expected, poll only this often (a lost one costs latency)
    overdue_interval: float = 1.5  # no progress figure: the wait just after the expected end (chosen in bench)
    overdue_grace: float = 0.2  # ... for this share of the expected duration past its end (tasks spread around it)
    overdue_growth: float = 0.25  # ... then growing by this share of how much later the task already is
    expected_sample: int = 10  # recent finished tasks of the model whose median duration is its expected one
    expected_wait_cap: float = 120.0  # no progress figure: never wait longer than this before asking
    early_poll_from: float = 30.0  # no progress figure: ask at the early end of the spread only for tasks this long
    early_poll_gap: float = 1.0  # ... and only when that early end is at least this long before the expected end
    typical_seconds: float | None = None  # every model's typical duration, where the catalogue's is not the truth
    # (demo mode: the built-in simulator finishes every model's task in STUDIO_SIM_TASK_SECONDS)


DEFAULT_POLICY = PollPolicy()


def earliest_remaining(age: float, progress: float, policy: PollPolicy = DEFAULT_POLICY) -> float | None:
    """Seconds until the task could be done at the fastest rate its progress allows, or None if unknown."""
    if progress <= 0 or age <= 0:
        return None
    fastest = min(1.0, progress + policy.progress_resolution)
    return max(0.0, age * (1.0 - fastest) / fastest)


def recent_remaining(age: float, progress: float, previous: tuple[float, float] | None,
                     policy: PollPolicy = DEFAULT_POLICY) -> float | None:
    """Seconds until the end at the rate progress moved since the previous answer, or None if it did not move."""
    if previous is None:
        return None
    prev_age, prev_progress = previous
    moved = progress - prev_progress
    if moved <= 0 or age <= prev_age:
        return None
    rate = (moved + policy.progress_resolution) / (age - prev_age)
    return max(0.0, (1.0 - progress) / rate)


def next_poll_delay(age: float, progress: float | None, *, failures: int = 0,
                    previous: tuple[float, float] | None = None, policy: PollPolicy = DEFAULT_POLICY) -> float:
    """Seconds from now until the next record-info request for a pending task.

    `age`: seconds since the task was submitted. `progress`: the last reported progress (None when
    nothing was heard yet). `previous`: (age, progress) of the answer before, so that a sudden jump
    after a flat stretch is noticed. `failures`: consecutive failed requests (errors, or not visible yet).
    The estimate used is the earliest of the average rate since the start and the recent rate.
    """
    if policy.fixed_interval is not None:
        return policy.fixed_interval if progress is not None or age > 0 else policy.first_poll
    if failures:
        return min(policy.max_interval, policy.min_interval * 2 ** min(failures, 5))
    if progress is None:
        return max(policy.min_interval, policy.first_poll - age)
    average = earliest_remaining(age, progress, policy)
    recent = recent_remaining(age, progress, previous, policy)
    estimates = [e for e in (average, recent) if e is not None]
    remaining = min(estimates) if estimates else None
    if remaining is None:
        # No progress yet: wait longer as the task ages, like a fixed loop that slows down.
        delay = max(policy.first_poll, 0.25 * age)
    elif remaining <= policy.jump_horizon:
        delay = remaining + policy.landing_margin
    else:
        delay = policy.far_fraction * remaining
    stalled = previous is not None and progress <= previous[1]
    cap = policy.stalled_interval if (stalled or remaining is None) else policy.max_interval
    # The recent pace well ahead of the average: progress has just sped up, perhaps partway through a long
    # last wait, so even the recent estimate may be too slow. Measure the new pace over a short wait.
    if (recent is not None and average is not None and recent * 1.15 < average
            and age - previous[0] > 2 * policy.speeding_interval):
        cap = min(cap, policy.speeding_interval)
    return min(cap, max(policy.min_interval, delay))


def expected_duration(durations: Iterable[float | None], typical: float,
                      sample: int = DEFAULT_POLICY.expected_sample) -> float:
    """How long a task of a model is expected to take: the median of its recent durations (most recent first, the
    first `sample` taken), or `typical` (the catalogue's figure) when there are none."""
    return expected_window(durations, typical, sample)[1]


def expected_window(durations: Iterable[float | None], typical: float,
                    sample: int = DEFAULT_POLICY.expected_sample) -> tuple[float, float]:
    """(early, expected): when a task of a model may end at the earliest as a rule, and when it is expected to end.
    The lower quartile and the median of its recent durations (most recent first, the first `sample` taken); with
    one recent duration, or none (`typical`, the catalogue's figure), both are that figure."""
    recent = [d for d in durations if d is not None and d > 0][:sample]
    if not recent:
        return float(typical), float(typical)
    expected = float(statistics.median(recent))
    if len(recent) < 2:
        return expected, expected
    return min(expected, float(statistics.quantiles(recent, n=4, method="inclusive")[0])), expected


def expected_end_delay(age: float, expected: float, *, early: float | None = None, failures: int = 0,
                       heard: bool = False, policy: PollPolicy = DEFAULT_POLICY) -> float:
    """Seconds from now until the next request for a task of a model that reports no progress.

    `age`: seconds since it was sent; `expected`: its model's expected duration, `early`: the early end of its
    recent tasks' spread (`expected_window`; None: no spread known). Before the early end (for tasks of at least
    `early_poll_from` seconds, when it is `early_poll_gap` or more before the expected end): wait until it. Then
    until just after the expected end. After: a short wait, growing once the task is later than the usual spread
    (`overdue_grace` of the expected duration). `heard`: an answer came already (a fixed loop's first poll is
    `first_poll`, the next ones its interval).
    """
    if policy.fixed_interval is not None:
        return policy.fixed_interval if heard or age > 0 else policy.first_poll
    if failures:
        return min(policy.max_interval, policy.min_interval * 2 ** min(failures, 5))
    if (early is not None and expected >= policy.early_poll_from and expected - early >= policy.early_poll_gap
            and age < early - policy.min_interval / 2):  # (asked within half an interval of it: asked there)
        # Tasks ending early wait for no more than the spread's early end: asked once there.
        return min(policy.expected_wait_cap, max(policy.min_interval, early - age))
    remaining = expected - age
    if remaining > 0:
        return min(policy.expected_wait_cap, max(policy.min_interval, remaining + policy.landing_margin))
    # Tasks spread around the expected end: just past it, ask on a short interval; a task far later than its
    # model's spread is asked about less and less often, like a stalled 4o task.
    late = max(0.0, -remaining - policy.overdue_grace * expected)
    wait = policy.overdue_interval + policy.overdue_growth * late
    return min(policy.stalled_interval, max(policy.min_interval, wait))


def duration_words(seconds: float) -> str:
    """How long something took, never "0 s": "under a second", "4.2 s", "38 s", "2.5 min"."""
    if seconds < 1.0:
        return "under a second"
    if seconds < 10:
        return f"{seconds:.1f} s"
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.1f} min"


def describe_remaining(age: float, expected: float) -> str:
    """What a card says instead of a percentage: "about 40 s left", "about 2 min left", or, past the expected end,
    "taking longer than usual" (never "0 s")."""
    left = expected - age
    if left < 1.0:
        return "any moment now" if left > -0.25 * max(expected, 4.0) else "taking longer than usual"
    if left < 10:
        return f"about {max(1, round(left))} s left"
    if left < 90:
        return f"about {round(left / 5) * 5} s left"
    return f"about {round(left / 60)} min left"
