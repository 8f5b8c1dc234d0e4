"""The history database going away while a polled answer is being kept: the poll says so as an outage (the worker
and the pages already report those as "unavailable; try again"), not as a task's failure with a traceback, and the
task is polled again once the database answers."""

from __future__ import annotations

import logging
import time

import pytest

from kie.models import GenerateRequest
from kie.store import StoreUnavailable, TaskStore
from kie.workspace import Workspace
from tests.fixtures.simulated import client_of, simulator_server


def test_an_outage_while_keeping_a_poll_is_an_outage_not_a_task_failure(tmp_path, caplog, monkeypatch):
    caplog.set_level(logging.INFO)
    with simulator_server(["k"], task_seconds=0.2, null_seconds=0.0) as sim:
        workspace = Workspace(client_of(sim.url, "k"), TaskStore(tmp_path, "k"))
        task = workspace.submit(GenerateRequest(prompt="a windmill in the rain"), measure=False)
        time.sleep(0.4)
        store = workspace.following.setup.store  # the store the polling keeps its answers in
        due = store.get(task.task_id)
        due.next_poll_at = 0.0  # due now (its first poll would otherwise wait for the policy)
        store.save(due)
        real_save = store.save

        def away(saved):
            raise StoreUnavailable("the history database is unavailable (AdminShutdown); try again")

        monkeypatch.setattr(store, "save", away)
        with pytest.raises(StoreUnavailable):
            workspace.poll_due()
        assert not [r for r in caplog.records if r.exc_info], "logged as a task's failure, with a traceback"
        monkeypatch.setattr(store, "save", real_save)
        assert store.get(task.task_id).needs_polling  # nothing of the lost answer was kept, nothing is lost either
