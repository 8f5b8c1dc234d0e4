"""When to ask about a task next: a pure function of its age, its reported progress and the last answer.

The provider reports progress as "0.00".."1.00". From it the policy estimates the earliest moment
the task can be done, sleeps through most of the wait, and lands just after that moment; it re-reads
the estimate once more on long tasks. Without progress it backs off like a slow fixed loop.
"""

from __future__ import annotations

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
