"""An API family and a model added by this test alone (registered, then removed): a task goes through send, poll,
callback and download against a tiny fake provider served here, with nothing else in the studio changed. What the
family plug-ins (kie.families) promise: a new API is one module and one catalogue entry."""

from __future__ import annotations

import io
import json
import threading
import time
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from PIL import Image

from kie import callbacks, catalog, errors, families
from kie.families import Family, options_body, options_from_body
from kie.models import GenerateRequest, Task, TaskStatus
from kie.store import TaskStore
from kie.task_status import parse_time, result_urls
from tests.fixtures.simulated import client_of

KEY = "fake-provider-key"
HMAC_KEY = "fake-provider-hmac"
SUBMIT, STATUS = "/api/v9/paint/start", "/api/v9/paint/job"


class FakePaintFamily(Family):
    """A made-up API: {text, tone, pictureUrl, notify} in, {job} back; status {job, stage, output: [...]}."""

    id = "fake-paint"
    label = "Fake Paint API"
    submit_path = SUBMIT
    status_path = STATUS

    def body(self, request: GenerateRequest) -> dict[str, Any]:
        body: dict[str, Any] = {"text": request.prompt, **options_body(request.spec, request.settings())}
        if request.files_url:
            body["pictureUrl"] = request.files_url[0]
        if request.callback_url:
            body["notify"] = request.callback_url
        return body

    def task_id(self, data: Any) -> str | None:
        return data.get("job") if isinstance(data, dict) else None

    def status(self, data: dict[str, Any]) -> TaskStatus:
        state = {"queued": "pending", "painting": "pending", "done": "success", "broken": "failed"}[data["stage"]]
        urls, problem = result_urls({"resultUrls": data.get("output") or []})
        return TaskStatus(task_id=data["job"], state=state, progress=1.0 if state == "success" else 0.0,
                          result_urls=urls if state == "success" else (), created_at=parse_time(data.get("since")),
                          completed_at=parse_time(data.get("until")), params=data.get("request"),
                          error_message=data.get("why") if state == "failed" else None,
                          result_problem=problem if state == "success" else None)

    def request_from(self, params: dict[str, Any]) -> GenerateRequest | None:
        if "text" not in params or "tone" not in params:
            return None
        spec = catalog.get("fake-painter")
        return GenerateRequest(model=spec.id, prompt=params["text"], callback_url=params.get("notify"),
                               files_url=(params["pictureUrl"],) if params.get("pictureUrl") else (),
                               options=catalog.freeze(spec.complete(options_from_body(spec, params))))


FAKE_MODEL = catalog.ModelSpec(
    id="fake-painter", name="Fake Painter", family="fake-paint", upstream="painter", max_prompt_chars=200,
    max_refs=1, price_per_image=0.7, typical_seconds=3.0, maker="Fake Labs", good_at="tests",
    options=(catalog.OptionSpec("tone", "Tone", ("warm", "cold"), "warm"),),
)


class FakeProvider:
    """The made-up API on a real port: a job is 'queued', then 'done' once the test says so; then it calls back."""

    def __init__(self):
        self.jobs: dict[str, dict] = {}
        self.bodies: list[dict] = []
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status: int, body: dict | bytes, kind: str = "application/json"):
                raw = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def do_POST(self):  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
                if self.headers.get("Authorization") != f"Bearer {KEY}" or self.path != SUBMIT:
                    return self._answer(200, {"code": 401, "msg": "who are you"})
                provider.bodies.append(body)
                job = "fk_" + uuid.uuid4().hex[:12]
                provider.jobs[job] = {"job": job, "stage": "queued", "since": int(time.time() * 1000),
                                      "request": body}
                return self._answer(200, {"code": 200, "msg": "ok", "data": {"job": job}})

            def do_GET(self):  # noqa: N802
                url = urlparse(self.path)
                if url.path.startswith("/pictures/"):
                    out = io.BytesIO()
                    Image.new("RGB", (64, 48), (200, 30, 90)).save(out, format="PNG")
                    return self._answer(200, out.getvalue(), "image/png")
                job = provider.jobs.get((parse_qs(url.query).get("taskId") or [""])[0])
                if url.path != STATUS:
                    return self._answer(404, {"code": 404, "msg": "no such path"})
                if job is None:
                    return self._answer(200, {"code": 404, "msg": "no such job"})
                return self._answer(200, {"code": 200, "msg": "ok", "data": job})

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def finish(self, job: str) -> None:
        """The job is done: its picture is named, and its `notify` address is called back, signed."""
        entry = self.jobs[job]
        entry.update(stage="done", until=int(time.time() * 1000), output=[f"{self.url}/pictures/{job}.png"])
        if entry["request"].get("notify"):
            stamp = str(int(time.time()))
            body = json.dumps({"code": 200, "msg": "painted", "data": {"taskId": job}}).encode()
            sent = urllib.request.Request(entry["request"]["notify"], data=body, method="POST", headers={
                "Content-Type": "application/json", "X-Webhook-Timestamp": stamp,
                "X-Webhook-Signature": callbacks.sign(job, stamp, HMAC_KEY)})
            with urllib.request.urlopen(sent, timeout=5) as answer:  # noqa: S310 - the test's own loopback receiver
                assert answer.status == 200

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class Receiver:
    """The studio's callback route in miniature: kie.callbacks.receive against the test's store."""

    def __init__(self, store):
        self.answers: list[tuple[int, str]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {k.lower(): v for k, v in self.headers.items()}
                answer = callbacks.receive(self.path.rsplit("/", 1)[-1], raw, headers, hmac_key=HMAC_KEY,
                                           stores=lambda _name: store)
                receiver.answers.append(answer)
                self.send_response(answer[0])
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def plugged():
    family = families.register(FakePaintFamily())
    spec = catalog.register(FAKE_MODEL)
    yield family, spec
    catalog.unregister(spec.id)
    families.unregister(family.id)


@pytest.fixture
def provider():
    fake = FakeProvider()
    yield fake
    fake.close()


def test_a_family_and_model_added_in_a_test_round_trip_send_poll_callback_and_download(plugged, provider, tmp_path):
    store = TaskStore(tmp_path, "demo")
    receiver = Receiver(store)
    try:
        client = client_of(provider.url, KEY)
        token = "demo." + "k" * 32
        request = GenerateRequest.build("fake-painter", "a teapot", {"tone": "cold"},
                                        callback_url=f"{receiver.url}/cb/{token}")
        task_id = client.generate(request)  # send
        assert provider.bodies == [{"text": "a teapot", "tone": "cold", "notify": f"{receiver.url}/cb/{token}"}]
        store.add(Task(task_id=task_id, kind=request.kind, request=request, model=request.model, callback_token=token))

        status = client.record_info(task_id, "fake-painter")  # poll, in the model's own family
        assert status.state == "pending" and status.result_urls == ()

        provider.finish(task_id)  # callback: signed, taken in by the studio's own receiver
        assert receiver.answers == [(200, "received")] and store.get(task_id).callback_at is not None

        status = client.record_info(task_id, "fake-painter")
        task = store.get(task_id)
        task.apply(status)
        store.save(task)
        assert store.get(task_id).state == "success" and len(store.get(task_id).result_urls) == 1
        assert client.fetch_result(status.result_urls[0]).startswith(b"\x89PNG")  # download

        assert families.request_from_params(status.params) == request.validated()  # added by its ID
        assert client.find_task(task_id).task_id == task_id  # every family asked, the fake one answers
        assert request.spec.estimate({}) == 0.7 and catalog.get("fake-painter") in catalog.image_models()
    finally:
        receiver.close()


def test_removing_them_leaves_the_built_in_ones(plugged):
    family, spec = plugged
    catalog.unregister(spec.id)
    families.unregister(family.id)
    with pytest.raises(errors.RequestInvalid):
        catalog.get("fake-painter")
    assert "fake-paint" not in families.FAMILIES and {"4o", "market", "flux-kontext", "midjourney"} <= set(
        families.FAMILIES)
    with pytest.raises(ValueError):
        families.unregister("midjourney")
    families.register(family)  # the fixture removes them again
    catalog.register(spec)
