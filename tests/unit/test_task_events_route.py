"""server.py's task-events route over a real WebSocket (Starlette's test client, the real handler, service and store):
a page hears its own tasks' changes and nothing of anyone else's; a forged, altered or foreign token, and a token
of a closed session, are refused."""

from __future__ import annotations

import json

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

import server
from kie import task_events
from kie.models import GenerateRequest, Task
from kie.service import reset_service

ROUTE = "/api/studio/task-events"


def make(task_id: str, owner: str | None) -> Task:
    request = GenerateRequest.from_dict({"prompt": f"task {task_id}"})
    # Never due: the server's worker leaves them alone, so every change the test hears is the test's own.
    return Task(task_id=task_id, kind=request.kind, request=request, created_at=1000.0, owner=owner, next_poll_at=9e9)


@pytest.fixture
def setup(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDIO_DATA_DIR", str(tmp_path))
    reset_service()
    open_sessions = {"alice-tab", "bob-tab"}
    monkeypatch.setattr(server, "_session_open", lambda sid: sid in open_sessions)
    with TestClient(Starlette(routes=server.routes, lifespan=server.lifespan)) as http:
        store = server.current_service().server_workspace().store
        alice, bob = store.scoped("alice@x.org"), store.scoped("bob@x.org")
        alice.add(make("alice-task", "alice@x.org"))
        bob.add(make("bob-task", "bob@x.org"))
        yield http, alice, bob, open_sessions
    reset_service()


def messages_until(socket, task_id: str) -> list[dict]:
    """Messages up to and including the first that names `task_id` (pings left out)."""
    seen = []
    while True:
        message = json.loads(socket.receive_text())
        if "ping" in message:
            continue
        seen.append(message)
        if task_id in message.get("stamps", {}):
            return seen


def progress(store, task_id: str, value: float) -> Task:
    task = store.get(task_id)
    task.progress = value
    assert store.save(task)
    return task


def test_a_page_hears_its_tasks_current_stamp_then_each_change(setup):
    http, alice, _bob, _open = setup
    token, drawn = task_events.subscription_for(alice, "alice-tab", [alice.get("alice-task")])
    with http.websocket_connect(ROUTE) as socket:
        socket.send_text(token)
        assert json.loads(socket.receive_text()) == {"stamps": drawn}  # a tab that was away catches up here
        changed = progress(alice, "alice-task", 0.5)
        assert messages_until(socket, "alice-task") == [{"stamps": {"alice-task": task_events.stamp(changed)}}]


def test_bobs_subscription_to_alices_task_receives_nothing(setup):
    http, alice, bob, _open = setup
    # A page can only be issued tokens for what its person's view holds: Bob's names none of Alice's tasks.
    token, drawn = task_events.subscription_for(bob, "bob-tab", [alice.get("alice-task"), bob.get("bob-task")])
    assert set(drawn) == {"bob-task"}
    # Even a token that names Alice's task under Bob's view (as a page with a bug might ask for) hears nothing of it.
    wide = task_events.TOKENS.issue("bob-tab", bob.workspace, "bob@x.org", ["alice-task", "bob-task"])
    for step, bobs in enumerate((token, wide), start=1):
        with http.websocket_connect(ROUTE) as socket:
            socket.send_text(bobs)
            first = json.loads(socket.receive_text())
            assert "alice-task" not in first["stamps"]
            progress(alice, "alice-task", 0.3 * step)
            progress(bob, "bob-task", 0.2 * step)  # Bob's own change comes; Alice's, made first, never did
            heard = messages_until(socket, "bob-task")
            assert all("alice-task" not in m.get("stamps", {}) for m in heard)


@pytest.mark.parametrize("what", ["forged", "altered", "another key", "garbage", "closed session"])
def test_a_bad_token_or_a_closed_sessions_token_is_refused_and_hears_nothing(setup, what):
    http, alice, _bob, open_sessions = setup
    token, _ = task_events.subscription_for(alice, "alice-tab", [alice.get("alice-task")])
    body, signature = token.split(".")
    if what == "forged":  # Bob's own body, claiming Alice's view, with a signature made up
        token = task_events._b64(json.dumps({"s": "bob-tab", "w": alice.workspace, "o": "alice@x.org",
                                             "t": ["alice-task"], "e": 9e9}).encode()) + "." + signature
    elif what == "altered":
        token = body[:-2] + ("AA" if body[-2:] != "AA" else "BB") + "." + signature
    elif what == "another key":  # a token of another process (or this one before a restart)
        token = task_events.SubscriptionTokens().issue("alice-tab", alice.workspace, "alice@x.org", ["alice-task"])
    elif what == "garbage":
        token = "x" * 100
    else:
        open_sessions.discard("alice-tab")
    expected = server.SESSION_CLOSED if what == "closed session" else server.REFUSED_TOKEN
    with http.websocket_connect(ROUTE) as socket:
        socket.send_text(token)
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_text()
        assert closed.value.code == expected


def test_the_subscription_ends_when_its_session_closes(setup, monkeypatch):
    http, alice, _bob, open_sessions = setup
    monkeypatch.setattr(server, "KEEPALIVE_SECONDS", 0.2)
    token, drawn = task_events.subscription_for(alice, "alice-tab", [alice.get("alice-task")])
    with http.websocket_connect(ROUTE) as socket:
        socket.send_text(token)
        assert json.loads(socket.receive_text()) == {"stamps": drawn}
        assert json.loads(socket.receive_text()) == {"ping": 1}  # kept alive while the session is open
        open_sessions.discard("alice-tab")
        with pytest.raises(WebSocketDisconnect) as closed:
            while True:
                socket.receive_text()
        assert closed.value.code == server.SESSION_CLOSED


def test_the_database_going_away_closes_the_subscription_as_try_again_later(setup):
    """PostgreSQL's listener announces a lost database (kie.task_events.AWAY): the page is told to try again later
    (1013), so that its fragment reruns at once and shows the outage, and listens again when the database is back."""
    http, alice, _bob, _open = setup
    token, drawn = task_events.subscription_for(alice, "alice-tab", [alice.get("alice-task")])
    with http.websocket_connect(ROUTE) as socket:
        socket.send_text(token)
        assert json.loads(socket.receive_text()) == {"stamps": drawn}
        task_events.FEED.publish(task_events.ANY_TASK, task_events.ANY_TASK, task_events.AWAY)
        with pytest.raises(WebSocketDisconnect) as closed:
            while True:
                socket.receive_text()
        assert closed.value.code == server.TRY_AGAIN_LATER


class _GoneSocket:
    """A WebSocket whose page has already left: Starlette's close raises WebSocketDisconnect (seen in a database
    restart: the route closed as 'try again later' after the page had gone, and the ASGI server logged a traceback)."""

    def __init__(self) -> None:
        self.closes = 0

    async def close(self, code: int = 1000) -> None:
        self.closes += 1
        raise WebSocketDisconnect(code=1006)


def test_closing_a_subscription_whose_page_has_gone_raises_nothing():
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    gone = _GoneSocket()
    with ThreadPoolExecutor(1) as thread:  # a loop of its own: another test of this process may hold this thread's
        thread.submit(asyncio.run, server._close(gone, server.TRY_AGAIN_LATER)).result()
    assert gone.closes == 1
