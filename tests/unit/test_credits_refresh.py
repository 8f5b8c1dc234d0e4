"""When a fragment that draws tasks reruns the page so that *Credits left* shows a task's end (the batch panel:
components.batch_view), decided by components.credits.ended_since_last_run."""

from __future__ import annotations

from components.credits import ended_since_last_run


def test_a_task_ending_is_told_once_and_a_task_starting_is_not():
    state: dict = {}
    assert not ended_since_last_run(state, "batches", ["a", "b"])  # the first look: nothing seen before
    assert not ended_since_last_run(state, "batches", ["a", "b"])  # nothing changed
    assert ended_since_last_run(state, "batches", ["b"])  # a ended while b runs: the page reruns, not at the end
    assert not ended_since_last_run(state, "batches", ["b"])  # once
    assert not ended_since_last_run(state, "batches", ["b", "c"])  # c started: no end
    assert ended_since_last_run(state, "batches", ["c"])  # b ended
    assert ended_since_last_run(state, "batches", [])  # the last one ended


def test_each_fragment_keeps_what_it_saw():
    state: dict = {}
    ended_since_last_run(state, "batches", ["a"])
    assert not ended_since_last_run(state, "tasks", [])  # another fragment had seen nothing
    assert ended_since_last_run(state, "batches", [])
