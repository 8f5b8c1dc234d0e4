"""What a person sees when the service misbehaves (AppTest against the in-process demo simulator)."""

from __future__ import annotations

import pytest

from tests.app.conftest import run_until
from tests.fixtures.faults import RECORD_INFO_FAULTS


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def click(at, label):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception


def simulator():
    from components.session import demo_simulator

    return demo_simulator()[0].simulator


def generate(at, prompt):
    at.text_area(key="gen_prompt").input(prompt).run()
    click(at, "Generate")


@pytest.mark.parametrize("kind, words", [
    ("code:455", "under maintenance"),
    ("code:500", "internal error"),
    ("code:550", "queue is full"),
    ("code:402", "Out of credits"),
    ("code:401", "API key was refused"),
    ("http502", "cannot read"),
])
def test_a_refused_generate_shows_what_happened_and_what_to_do(app, kind, words):
    simulator().add_faults([{"path": "/generate", "kind": kind}])
    generate(app, "refused")
    assert words in texts(app.error)
    assert "Traceback" not in texts(app.markdown)


def test_a_lost_answer_is_explained_and_kept_in_history(app):
    simulator().add_faults([{"path": "/generate", "kind": "drop_after"}])
    generate(app, "was it made?")
    assert "answer was lost" in texts(app.error)
    assert "was it made?" in texts(app.markdown)  # the recent tasks list keeps it
    assert "Add a task by ID" in texts(app.error) + texts(app.markdown)


def test_a_429_burst_on_generate_is_waited_out(app):
    simulator().add_faults([{"path": "/generate", "kind": "code:429", "count": 2, "retry_after": 0.2}])
    generate(app, "patience")
    assert not app.error
    run_until(app, lambda at: len(at.get("image")) >= 1)


def test_record_info_trouble_is_shown_then_the_task_completes(app):
    # Maintenance long enough to outlast one page run: a run waits for a due poll's answer, and each poll retries
    # a 455 a few times, so a short outage can begin and end inside a single run without ever being drawn.
    simulator().add_faults([{"path": "/record-info", "kind": "code:455", "seconds": 16}])
    generate(app, "through maintenance")
    run_until(app, lambda at: "keeps asking" in texts(at.caption), timeout=20)
    run_until(app, lambda at: len(at.get("image")) >= 1, timeout=40)


@pytest.mark.parametrize("code, words", [(400, "refused (content policy"), (451, "could not download"),
                                         (500, "failed to make the image")])
def test_failed_tasks_show_why(app, code, words):
    generate(app, f"[fail:{code}] please")
    run_until(app, lambda at: words in texts(at.error))


def test_a_task_past_its_deadline_offers_to_keep_waiting(app_env, monkeypatch):
    monkeypatch.setenv("STUDIO_TASK_DEADLINE_SECONDS", "2")
    from streamlit.testing.v1 import AppTest

    from kie.service import reset_service
    from tests.app.conftest import ROOT

    reset_service()
    at = AppTest.from_file(str(ROOT / "navigation.py"), default_timeout=30)
    at.run()
    generate(at, "[never] the endless task")
    run_until(at, lambda a: any(b.label == "Keep waiting" for b in a.button), timeout=20)
    assert "No answer after 10 minutes" in texts(at.warning) or "may still finish" in texts(at.warning)
    click(at, "Keep waiting")
    assert "Generating" in " ".join(str(p.text) for p in at.get("progress"))


def test_an_upload_failing_halfway_keeps_the_references_for_a_retry(app, app_env):
    from kie.store import TaskStore
    from tests.fixtures import pictures

    store = TaskStore(app_env, "demo")
    app.session_state["gen_refs"] = [
        {"name": store.save_input(pictures.png((20 + i, 20))), "width": 20 + i, "height": 20, "label": f"r{i}"}
        for i in range(3)
    ]
    app.run()
    sim = simulator()
    sim.add_faults([{"path": "/file-base64-upload", "kind": "code:500", "after": 1, "count": 10}])
    click(app, "Generate")
    assert "internal error" in texts(app.error)
    assert [r for r in sim.requests if "/generate" in r["path"]] == []
    assert len(app.session_state["gen_refs"]) == 3  # nothing lost: press Generate again
    sim.faults.clear()
    click(app, "Generate")
    generated = [r for r in sim.requests if "/generate" in r["path"]]
    assert len(generated) == 1 and len(generated[0]["body"]["filesUrl"]) == 3


def test_bad_text_gets_clear_messages(app):
    generate(app, "\x00\x01\x02")
    assert "Write a prompt" in texts(app.error)
    generate(app, "tab\tand\nnewline\x07 kept, bell removed")
    sent = [r for r in simulator().requests if "/generate" in r["path"]][-1]["body"]["prompt"]
    assert sent == "tab\tand\nnewline kept, bell removed"


def test_a_reference_url_that_is_not_a_picture_is_refused(app):
    server = simulator()
    app.text_input(key="gen_ref_pick_url").input(f"{server.base_url}/_sim/health").run()
    click(app, "Fetch")
    assert "not a picture" in texts(app.error)
    app.text_input(key="gen_ref_pick_url").input("http://169.254.169.254/latest/meta-data").run()
    click(app, "Fetch")
    assert "private network" in texts(app.error)
    assert app.session_state["gen_refs"] == []


@pytest.mark.parametrize("fault", RECORD_INFO_FAULTS, ids=lambda f: f["kind"])
def test_record_info_faults_end_with_the_images_in_the_app(app, fault):
    simulator().add_faults([{"path": "/record-info", **fault}])
    generate(app, f"through {fault['kind']}")
    assert not app.error
    run_until(app, lambda at: len(at.get("image")) >= 1, timeout=30)


@pytest.mark.parametrize("fault", [{"kind": "badjson"}, {"kind": "drop_after"}], ids=["malformed-json", "dropped"])
def test_a_generate_answer_lost_in_transit_is_explained(app, fault):
    simulator().add_faults([{"path": "/generate", **fault}])
    generate(app, "lost in transit")
    assert "answer was lost" in texts(app.error)
    assert len([r for r in simulator().requests if "/generate" in r["path"]]) == 1
