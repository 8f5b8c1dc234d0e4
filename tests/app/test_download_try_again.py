"""A task whose pictures could not be downloaded offers Try again, which gets them (the demo simulator, AppTest)."""

from __future__ import annotations

import time

from kie import results
from kie.client import KieClient
from kie.models import GenerateRequest, Task
from kie.store import TaskStore
from tests.app.conftest import ROOT, run_until


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def test_try_again_on_a_failed_download_fetches_the_pictures(app_env):
    from streamlit.testing.v1 import AppTest

    from components.session import demo_simulator

    server, key = demo_simulator()
    request = GenerateRequest(prompt="a lighthouse at dusk")
    task_id = KieClient(key, server.url, server.url).generate(request)
    time.sleep(1.5)  # the simulator's task is done by now
    store = TaskStore(app_env, "demo")
    task = Task(task_id=task_id, kind="text", request=request, state="failed", created_at=time.time() - 200,
                completed_at=time.time() - 190, progress=1.0)
    results.fail_download(task, "HTTP 503 (tried for about 2 minutes).")
    store.add(task)

    at = AppTest.from_file(str(ROOT / "navigation.py"), default_timeout=30)
    at.query_params["task"] = task_id
    at.run()
    at.switch_page("app_pages/history.py").run()
    assert not at.exception, at.exception
    assert "Could not download the picture: HTTP 503" in texts(at.error)
    assert "error code" not in texts(at.error)  # the app's own code is not the service's
    [again] = [b for b in at.button if b.label == "Try again"]
    again.click().run()
    assert not at.exception, at.exception
    run_until(at, lambda a: len(store.get(task_id).images) == 1, timeout=20)
    kept = store.get(task_id)
    assert kept.state == "success" and kept.error_code is None
    assert not [b for b in at.button if b.label == "Try again"]
