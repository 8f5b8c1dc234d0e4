"""Where images live: a folder (the data dir, or a shared `file://` folder) and an S3 bucket (`s3://bucket/prefix`).

No real S3 server (MinIO, Ceph or AWS) is available in the package registries here, so moto's server mode stands in
for it (tests/fixtures/s3.py): boto3 talks to it over a real socket with S3's HTTP API, and cannot tell the
difference at the level used here (put, get, head, list, delete). Each "replica" is a store object with a data dir
of its own, so its local cache starts empty, as on another machine.
"""

from __future__ import annotations

import hashlib
import socket
import threading
from pathlib import Path
from types import SimpleNamespace

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import BotoCoreError

from kie.config import Settings
from kie.models import GenerateRequest, Task
from kie.polling import PollPolicy
from kie.store import TaskStore, open_store
from kie.store.files import LocalFiles, S3Files, files_for
from kie.workspace import InputFile, Workspace
from tests.fixtures import pictures
from tests.unit.test_studio import follow

FAST = PollPolicy(first_poll=0.3, min_interval=0.2, max_interval=0.5, deadline=30)
TRICKS = ["../x", "..", "a/b", "/etc/passwd", ".hidden", "", "x\\y", "a\x00b", "é.png", "x" * 129]


def keys(s3_endpoint, prefix: str = "") -> list[str]:
    """Every object key in the test's bucket (read straight from the server, not through the code under test)."""
    s3 = boto3.client("s3")
    return [o["Key"] for o in s3.list_objects_v2(Bucket=s3_endpoint.bucket, Prefix=prefix).get("Contents", [])]


@pytest.fixture(params=["local", "s3"])
def backend(request, tmp_path):
    """(kind, make): `make(replica)` opens the files of workspace `demo` for a replica with its own data dir."""
    if request.param == "s3":
        url = request.getfixturevalue("s3_endpoint").object_store_url
    else:
        url = f"file://{tmp_path / 'shared'}"

    def make(replica: str = "a") -> LocalFiles:
        return files_for(SimpleNamespace(data_dir=tmp_path / replica, object_store_url=url), "demo")

    return request.param, make


def test_files_for_picks_the_back_end_by_url(tmp_path, s3_endpoint):
    local = files_for(SimpleNamespace(data_dir=tmp_path, object_store_url=None), "demo")
    assert type(local) is LocalFiles and local.images_dir == tmp_path / "workspaces" / "demo" / "images"
    shared = files_for(SimpleNamespace(data_dir=tmp_path, object_store_url="file:///mnt/shared%20x/studio"), "demo")
    assert type(shared) is LocalFiles and shared.root == Path("/mnt/shared x/studio/workspaces/demo")
    s3 = files_for(SimpleNamespace(data_dir=tmp_path, object_store_url=s3_endpoint.object_store_url), "demo")
    assert isinstance(s3, S3Files) and (s3.bucket, s3.prefix) == (s3_endpoint.bucket, "studio")
    assert s3.root == tmp_path / "object-cache" / "workspaces" / "demo"
    for bad in ("ftp://host/x", "s3:///no-bucket", "file://otherhost/x", "/just/a/path"):
        with pytest.raises(ValueError):
            files_for(SimpleNamespace(data_dir=tmp_path, object_store_url=bad), "demo")
    settings = Settings.from_env({"STUDIO_OBJECT_STORE_URL": " s3://b/p ", "STUDIO_DATA_DIR": str(tmp_path)})
    assert settings.object_store_url == "s3://b/p" and "s3://" not in repr(settings)
    assert Settings.from_env({}).object_store_url is None


def test_an_image_saved_by_one_replica_is_read_by_another(backend):
    kind, make = backend
    first, second = make("a"), make("b")
    name = first.save_image("task1", 0, b"\x89PNG one")
    assert name == "0.png" and first.image_path("task1", name).read_bytes() == b"\x89PNG one"
    path = second.image_path("task1", name)  # the second replica's cache is empty: fetched from the bucket
    assert path.read_bytes() == b"\x89PNG one"
    assert second.image_path("task1", "1.png").exists() is False  # never saved: no file, no error
    if kind == "s3":
        assert path.is_relative_to(second.base_dir) and not path.is_relative_to(first.base_dir)


def test_s3_objects_are_keyed_by_prefix_workspace_and_folder(tmp_path, s3_endpoint):
    files = files_for(SimpleNamespace(data_dir=tmp_path, object_store_url=s3_endpoint.object_store_url), "demo")
    files.save_image("task1", 0, b"img")
    mask = files.save_input(b"mask")
    files.save_thumb("task1", "512-0.png", b"jpg")
    assert sorted(keys(s3_endpoint)) == sorted(["studio/demo/images/task1/0.png", f"studio/demo/inputs/{mask}",
                                               "studio/demo/thumbs/task1/512-0.jpg"])
    got = boto3.client("s3").get_object(Bucket=s3_endpoint.bucket, Key="studio/demo/images/task1/0.png")
    assert got["Body"].read() == b"img" and got["ContentType"] == "image/png"


def test_inputs_are_named_by_content_and_kept_once(backend):
    kind, make = backend
    first, second = make("a"), make("b")
    name = first.save_input(b"\x89PNG source")
    assert name == hashlib.sha256(b"\x89PNG source").hexdigest()[:32] + ".png"
    assert second.save_input(b"\x89PNG source") == name  # the same picture from another replica: same name
    assert first.save_input(b"\x89PNG other") != name
    assert make("c").input_path(name).read_bytes() == b"\x89PNG source"


def test_thumbnails_are_shared_too(backend):
    kind, make = backend
    first, second = make("a"), make("b")
    assert not second.thumb_path("task1", "512-0.png").exists()
    made = first.save_thumb("task1", "512-0.png", b"jpeg bytes")
    assert made == first.thumb_path("task1", "512-0.png") and made.suffix == ".jpg"
    assert second.thumb_path("task1", "512-0.png").read_bytes() == b"jpeg bytes"


def test_delete_removes_the_task_objects_everywhere(backend, request):
    kind, make = backend
    first, second = make("a"), make("b")
    store = TaskStore(first.base_dir.parent / "db", "demo", files=first)
    asked = GenerateRequest(prompt="a cat")
    store.add(Task(task_id="task1", kind=asked.kind, request=asked, created_at=1.0))
    names = [store.save_image("task1", i, f"img {i}".encode()) for i in range(3)]
    store.save_thumb("task1", "512-0.png", b"thumb")
    kept = store.save_input(b"a reference")
    assert second.image_path("task1", names[0]).exists()  # now cached on the second replica too
    assert store.scoped("ann").files is store.files  # a person's view keeps the same files
    assert store.delete("task1")
    assert not first.image_path("task1", names[1]).exists() and not first.thumb_path("task1", "512-0.png").exists()
    assert not make("c").image_path("task1", names[0]).exists()  # gone from the bucket (or shared folder)
    assert make("c").input_path(kept).read_bytes() == b"a reference"  # inputs may serve other tasks
    if kind == "s3":
        s3_endpoint = request.getfixturevalue("s3_endpoint")
        assert keys(s3_endpoint, "studio/demo/images/") == [] and keys(s3_endpoint, "studio/demo/thumbs/") == []
        assert keys(s3_endpoint, "studio/demo/inputs/") == [f"studio/demo/inputs/{kept}"]


@pytest.mark.parametrize("trick", TRICKS)
def test_names_that_try_path_tricks_are_refused(backend, trick, request):
    kind, make = backend
    files = make("a")
    for call in (lambda: files.image_path(trick, "0.png"), lambda: files.image_path("t1", trick),
                 lambda: files.input_path(trick), lambda: files.thumb_path(trick, "0.png"),
                 lambda: files.thumb_path("t1", trick), lambda: files.save_image(trick, 0, b"x"),
                 lambda: files.save_image("t1", 0, b"x", suffix="/" + trick),
                 lambda: files.save_input(b"x", suffix="/../" + trick), lambda: files.save_thumb(trick, "0.png", b"x")):
        with pytest.raises(ValueError):
            call()
    files.remove_task_files(trick)  # never raises, never leaves its folder
    written = [p for p in files.base_dir.parent.rglob("*") if p.is_file()]
    assert written == []
    if kind == "s3":
        assert keys(request.getfixturevalue("s3_endpoint")) == []


class CuttingProxy:
    """A TCP proxy in front of the S3 server that cuts every request after `limit` bytes: an upload dying halfway
    (a network drop, a killed process) as the server sees it."""

    def __init__(self, target_port: int, limit: int) -> None:
        self.target_port, self.limit, self.cuts = target_port, limit, 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                ctx, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(ctx,), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass

    def _serve(self, ctx: socket.socket) -> None:
        up = socket.create_connection(("127.0.0.1", self.target_port))
        threading.Thread(target=self._pump, args=(up, ctx), daemon=True).start()  # answers (100-continue too)
        sent = 0
        try:
            while sent < self.limit and (data := ctx.recv(min(65536, self.limit - sent))):
                up.sendall(data)
                sent += len(data)
        except OSError:
            pass
        self.cuts += sent >= self.limit
        for s in (up, ctx):  # both ends at once, as a dropped connection
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def close(self) -> None:
        self.listener.close()


def test_an_upload_cut_halfway_leaves_no_object_and_no_cached_file(tmp_path, s3_server, s3_endpoint):
    proxy = CuttingProxy(s3_server.port, limit=200_000)
    try:
        client = boto3.client("s3", endpoint_url=proxy.url, config=Config(retries={"max_attempts": 2},
                                                                          read_timeout=5, connect_timeout=2))
        files = S3Files(s3_endpoint.bucket, "studio", tmp_path, "demo", client=client)
        body = b"\x89PNG" + bytes(range(256)) * 4000  # ~1 MB, so the cut falls inside the body
        with pytest.raises(BotoCoreError):  # botocore's connection error, after its retries
            files.save_image("task1", 0, body)
        assert proxy.cuts >= 1  # the upload did start, and was cut
    finally:
        proxy.close()
    assert keys(s3_endpoint) == []  # nothing half-written in the bucket
    assert not files._image_file("task1", "0.png").exists()  # nor in the cache: it is written after the bucket
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == []
    # Through an unbroken path the same upload lands whole.
    whole = S3Files(s3_endpoint.bucket, "studio", tmp_path / "b", "demo")
    whole.save_image("task1", 0, body)
    assert S3Files(s3_endpoint.bucket, "studio", tmp_path / "c", "demo").image_path("task1", "0.png").read_bytes() \
        == body


def test_a_crash_before_the_rename_leaves_no_half_file_on_a_folder(backend, monkeypatch):
    kind, make = backend
    files = make("a")
    import os

    def crash(*args):
        raise OSError("disk gone mid-write")

    with monkeypatch.context() as patch, pytest.raises(OSError):
        patch.setattr(os, "replace", crash)
        files.save_image("task1", 0, b"\x89PNG" + b"x" * 100_000)
    # Local: nothing at all. S3: the bucket has the whole object (the PUT came first), the cache nothing half.
    assert [p for p in files.root.rglob("*") if p.is_file()] == []
    expected = b"\x89PNG" + b"x" * 100_000 if kind == "s3" else None
    path = make("b").image_path("task1", "0.png")
    assert (path.read_bytes() if path.exists() else None) == expected


def test_an_unreachable_bucket_shows_as_a_missing_image_and_fails_writes(tmp_path, s3_endpoint):
    client = boto3.client("s3", endpoint_url="http://127.0.0.1:9", config=Config(retries={"max_attempts": 1},
                                                                                connect_timeout=1))
    files = S3Files(s3_endpoint.bucket, "studio", tmp_path, "demo", client=client)
    assert not files.image_path("task1", "0.png").exists()  # a page shows "no longer cached", it does not fail
    with pytest.raises(BotoCoreError):
        files.save_image("task1", 0, b"x")
    with pytest.raises(BotoCoreError):
        files.save_input(b"x")  # cannot know whether the bucket has it: fail rather than guess
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_the_studio_keeps_its_images_in_the_bucket_end_to_end(tmp_path, client, sim_server, s3_endpoint):
    from components.thumbs import input_thumbnail, thumbnail  # the thumbnails the pages show

    env = {"STUDIO_DATA_DIR": str(tmp_path / "a"), "STUDIO_OBJECT_STORE_URL": s3_endpoint.object_store_url}
    store = open_store(Settings.from_env(env), "demo")
    assert isinstance(store.files, S3Files)
    studio = Workspace(client, store, policy=FAST)
    reference = pictures.png((40, 30), (0, 120, 200))
    task = studio.submit(GenerateRequest(prompt="a lighthouse",
                                         options=(("n_variants", 2),)), [InputFile("ref", reference)])
    done = follow(studio, task.task_id)
    assert done.state == "success" and done.images == ["0.png", "1.png"]
    in_bucket = set(keys(s3_endpoint))
    assert {f"studio/demo/images/{done.task_id}/0.png", f"studio/demo/images/{done.task_id}/1.png",
            f"studio/demo/inputs/{done.inputs['ref0']}"} <= in_bucket
    thumb = thumbnail(store, done, "0.png", 256)
    assert thumb is not None and f"studio/demo/thumbs/{done.task_id}/256a-0.jpg" in keys(s3_endpoint)
    assert input_thumbnail(store, done.inputs["ref0"], 256) is not None

    # Another replica (empty cache): the same history rows (here: the same SQLite file), pictures from the bucket.
    other = TaskStore(tmp_path / "a", "demo", files=files_for(Settings.from_env(
        {**env, "STUDIO_DATA_DIR": str(tmp_path / "b")}), "demo"))
    again = other.get(done.task_id)
    assert other.thumb_path(done.task_id, "256a-0.png").read_bytes() == thumb.read_bytes()
    assert thumbnail(other, again, "0.png", 256) is not None
    assert not other.files._image_file(done.task_id, "0.png").exists()  # a thumbnail alone: the full image unfetched
    assert other.image_path(done.task_id, "1.png").read_bytes().startswith(b"\x89PNG")
    assert other.input_path(done.inputs["ref0"]).read_bytes() == reference
