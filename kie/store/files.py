"""Where a workspace's images, inputs, masks and thumbnails live: a folder (local or shared), or an S3 bucket.

`STUDIO_OBJECT_STORE_URL` picks it (`files_for`): unset, the data dir's workspace folder; `file:///mnt/shared/studio`,
that folder (shared by the replicas, NFS or the like); `s3://bucket/prefix`, an S3-compatible bucket through boto3
(endpoint from `AWS_ENDPOINT_URL`, credentials from the usual AWS variables), read through a local cache under
`<data_dir>/object-cache`. Pages keep reading files by path either way: a path asked for is made local first.

Writes are whole-or-nothing on both: a file is written under a temporary name and renamed (atomic on one file
system, which a shared folder is); an object is one PUT of the whole body, which S3 stores entirely or not at all,
and the local cache is written only after the bucket has the object.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import os
import tempfile
import threading
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from kie.store.names import FILE_NAME, WORKSPACE_NAME

log = logging.getLogger(__name__)

CACHE_FOLDER = "object-cache"  # under the data dir: the S3 back end's local copies
TASK_FOLDERS = ("images", "thumbs")  # what a task has of its own; inputs are shared by content
_MISSING = {"404", "NoSuchKey", "NotFound"}


def write_atomic(path: Path, content: bytes) -> None:
    """Write a file so that a reader sees all of it or nothing (temp file in the same folder, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def safe_name(name: str) -> str:
    """`name` if it is a plain file name (no folder, no leading dot); ValueError otherwise."""
    if not isinstance(name, str) or not FILE_NAME.match(name) or name.startswith("."):
        raise ValueError("invalid file name")
    return name


class LocalFiles:
    """A workspace's files in a folder: `<base_dir>/workspaces/<workspace>/{images,inputs,thumbs}`."""

    def __init__(self, base_dir: str | Path, workspace: str) -> None:
        if not WORKSPACE_NAME.match(workspace):
            raise ValueError("invalid workspace name")
        self.base_dir = Path(base_dir)
        self.workspace = workspace
        self.root = self.base_dir / "workspaces" / workspace
        self.images_dir = self.root / "images"
        self.inputs_dir = self.root / "inputs"
        self.thumbs_dir = self.root / "thumbs"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(root={str(self.root)!r})"

    _safe = staticmethod(safe_name)

    # -- where a file goes (no I/O) --------------------------------------------------------

    def _image_file(self, task_id: str, name: str) -> Path:
        return self.images_dir / safe_name(task_id) / safe_name(name)

    def _input_file(self, name: str) -> Path:
        return self.inputs_dir / safe_name(name)

    def _thumb_file(self, task_id: str, name: str) -> Path:
        return self.thumbs_dir / safe_name(task_id) / (safe_name(name).rsplit(".", 1)[0] + ".jpg")

    # -- what a back end changes: keep, fetch, look up ---------------------------------------

    def _put(self, path: Path, content: bytes) -> None:
        write_atomic(path, content)

    def _fetch(self, path: Path) -> Path:
        """Make the file at `path` local if it exists anywhere; return `path` (which may still not exist)."""
        return path

    def _has(self, path: Path) -> bool:
        return path.exists()

    # -- the store's file methods -----------------------------------------------------------

    def image_path(self, task_id: str, name: str) -> Path:
        """The local file of a result image (it may not exist: never kept, or removed)."""
        return self._fetch(self._image_file(task_id, name))

    def save_image(self, task_id: str, index: int, content: bytes, suffix: str = ".png") -> str:
        """Keep a result image, whole or not at all; return its file name."""
        name = f"{index}{suffix}"
        self._put(self._image_file(task_id, name), content)
        return name

    def save_input(self, content: bytes, suffix: str = ".png") -> str:
        """Keep an input picture (source, mask, reference) by its content; return its name."""
        name = hashlib.sha256(content).hexdigest()[:32] + suffix
        path = self._input_file(name)
        if not self._has(path):
            self._put(path, content)
        return name

    def input_path(self, name: str) -> Path:
        """The local file of an input picture."""
        return self._fetch(self._input_file(name))

    def thumb_path(self, task_id: str, name: str) -> Path:
        """The local file of a thumbnail (`name` is the image's; thumbnails are JPEG)."""
        return self._fetch(self._thumb_file(task_id, name))

    def save_thumb(self, task_id: str, name: str, content: bytes) -> Path:
        """Keep a thumbnail made from an image (`name` as given to `thumb_path`); return its local file."""
        path = self._thumb_file(task_id, name)
        self._put(path, content)
        return path

    def remove_task_files(self, task_id: str) -> None:
        """Remove a task's images and thumbnails (inputs stay: other tasks may share them)."""
        if not FILE_NAME.match(task_id) or task_id.startswith("."):
            return  # nothing is ever written under such a name
        for folder in TASK_FOLDERS:
            path = self.root / folder / task_id
            if path.is_dir():
                for f in path.iterdir():
                    f.unlink(missing_ok=True)
                path.rmdir()


_clients: dict[tuple[str | None, ...], Any] = {}
_clients_lock = threading.Lock()
_CLIENT_ENV = ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_REGION",
               "AWS_DEFAULT_REGION")


def s3_client() -> Any:
    """A boto3 S3 client configured from the environment, one per process (boto3 clients are thread-safe)."""
    # Keyed by the settings that shape it, so a changed environment (tests) gets a client of its own.
    key = tuple(os.environ.get(name) for name in _CLIENT_ENV)
    with _clients_lock:
        if key not in _clients:
            import boto3  # only when used: the default folder back end needs no boto3
            from botocore.config import Config

            custom = bool(os.environ.get("AWS_ENDPOINT_URL") or os.environ.get("AWS_ENDPOINT_URL_S3"))
            config = Config(connect_timeout=5, read_timeout=30, retries={"mode": "standard", "max_attempts": 3},
                            # S3-compatible servers (MinIO, Ceph) want path-style URLs; AWS takes both
                            s3={"addressing_style": "path" if custom else "auto"})
            # botocore reads AWS_ENDPOINT_URL(_S3) itself; a session per client, as the default one is not thread-safe
            _clients[key] = boto3.session.Session().client("s3", config=config)
        return _clients[key]


def _missing(exc: Exception) -> bool:
    response = getattr(exc, "response", None) or {}
    return str(response.get("Error", {}).get("Code")) in _MISSING


class S3Files(LocalFiles):
    """A workspace's files in an S3 bucket under `<prefix>/<workspace>/{images,inputs,thumbs}/…`, with a local
    cache (`<cache_dir>/workspaces/<workspace>/…`) that pages read from. Another replica's files are fetched into
    the cache the first time they are asked for; the cache may be emptied at any time."""

    def __init__(self, bucket: str, prefix: str, cache_dir: str | Path, workspace: str, client: Any = None) -> None:
        super().__init__(cache_dir, workspace)
        if not bucket:
            raise ValueError("an S3 object store needs a bucket: s3://bucket/prefix")
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self.client = client if client is not None else s3_client()

    def __repr__(self) -> str:
        return f"S3Files(bucket={self.bucket!r}, prefix={self.prefix!r}, workspace={self.workspace!r})"

    def key(self, path: Path) -> str:
        """The object key of a local cache file."""
        return "/".join(p for p in (self.prefix, self.workspace, path.relative_to(self.root).as_posix()) if p)

    def _put(self, path: Path, content: bytes) -> None:
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        # One PUT of the whole body: S3 keeps all of it or nothing (botocore also sends a checksum of it).
        self.client.put_object(Bucket=self.bucket, Key=self.key(path), Body=content, ContentType=kind)
        write_atomic(path, content)  # cached only once the bucket has it

    def _fetch(self, path: Path) -> Path:
        if path.exists():
            return path
        try:
            body = self.client.get_object(Bucket=self.bucket, Key=self.key(path))["Body"].read()
        except Exception as exc:  # botocore's errors; a page shows the image as missing rather than fail
            if not _missing(exc):
                log.warning("object store unreachable reading %s: %s", self.key(path), type(exc).__name__)
            return path
        write_atomic(path, body)
        return path

    def _has(self, path: Path) -> bool:
        if path.exists():
            return True
        try:
            self.client.head_object(Bucket=self.bucket, Key=self.key(path))
        except Exception as exc:
            if _missing(exc):
                return False
            raise
        return True

    def remove_task_files(self, task_id: str) -> None:
        """Remove a task's objects (every one under its images/ and thumbs/ prefixes) and its cached files."""
        if not FILE_NAME.match(task_id) or task_id.startswith("."):
            return
        pages = self.client.get_paginator("list_objects_v2")
        for folder in TASK_FOLDERS:
            prefix = self.key(self.root / folder / task_id) + "/"
            for page in pages.paginate(Bucket=self.bucket, Prefix=prefix):
                keys = [{"Key": o["Key"]} for o in page.get("Contents", [])]
                if keys:  # at most 1000 a page, as delete_objects takes
                    self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": keys, "Quiet": True})
        super().remove_task_files(task_id)


def files_for(settings: Any, workspace: str) -> LocalFiles:
    """The files back end of a workspace by `settings.object_store_url` (STUDIO_OBJECT_STORE_URL): None, the data
    dir; `file:///path`, that folder; `s3://bucket/prefix`, the bucket with a cache under the data dir."""
    url = getattr(settings, "object_store_url", None)
    if not url:
        return LocalFiles(settings.data_dir, workspace)
    parts = urlsplit(url)
    if parts.scheme == "file" and parts.netloc in ("", "localhost") and parts.path:
        return LocalFiles(Path(unquote(parts.path)), workspace)
    if parts.scheme == "s3" and parts.netloc and not parts.query:
        return S3Files(parts.netloc, unquote(parts.path), Path(settings.data_dir) / CACHE_FOLDER, workspace)
    raise ValueError("STUDIO_OBJECT_STORE_URL must be s3://bucket/prefix or file:///absolute/folder")


__all__ = ["CACHE_FOLDER", "LocalFiles", "S3Files", "files_for", "s3_client", "safe_name", "write_atomic"]
