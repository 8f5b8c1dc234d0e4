"""The simulator's file host: uploads (kept in memory, and on disk with a state folder), result pictures (drawn once
and cached), direct download links. A part of `Simulator` (kie.simulator.state)."""

from __future__ import annotations

import hashlib
import re
import uuid
from datetime import UTC, datetime
from typing import Any

import kie.simulator.market as market
from kie.simulator.pictures import render_result
from kie.simulator.tasks import FLAT_APIS, SimTask
from kie.store import write_atomic

SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]")


class FileHost:
    """Uploads and result pictures."""

    def upload_for(self, url: str) -> bytes | None:
        """Bytes of a file this simulator holds at `url` (the simulator fetches nothing from outside)."""
        marker = "/files/uploads/"
        if marker not in url:
            return None
        return self.upload_bytes(url.split(marker, 1)[1].split("?", 1)[0])

    def fetch(self, url: str) -> bytes | None:
        """Bytes of an upload or of a finished result this simulator serves at `url` (a Midjourney variation
        starts from one of its grid's pictures)."""
        marker = "/files/results/"
        if marker not in url:
            return self.upload_for(url)
        task_id, _, name = url.split(marker, 1)[1].split("?", 1)[0].partition("/")
        index = name.split(".", 1)[0]
        return self.result_image(task_id, int(index)) if index.isdigit() else None

    def store_upload(self, content: bytes, upload_path: str, file_name: str | None, mime: str | None) -> dict[str, Any]:
        name = SAFE_NAME.sub("_", file_name or "") or uuid.uuid4().hex + ".bin"
        stored = f"{SAFE_NAME.sub('_', upload_path.strip('/'))}__{name}"
        meta = {"fileName": name, "filePath": f"{upload_path.strip('/')}/{name}", "fileSize": len(content),
                "mimeType": mime or sniff_type(content),
                "uploadedAt": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z"), "stored": stored,
                "sha256": hashlib.sha256(content).hexdigest()}
        with self.lock:
            self._upload_bytes[stored] = content
            self.state.uploads[stored] = meta
            if self.state_dir:
                write_atomic(self.state_dir / "uploads" / stored, content)
            self._persist()
        url = f"{self.base_url}/files/uploads/{stored}"
        public = {k: v for k, v in meta.items() if k not in ("stored", "sha256")}
        public["fileUrl" if self.dialect == "quickstart" else "downloadUrl"] = url
        return public

    def upload_bytes(self, stored: str) -> bytes | None:
        with self.lock:
            content = self._upload_bytes.get(stored)
        if content is None and self.state_dir and stored in self.state.uploads:
            path = self.state_dir / "uploads" / SAFE_NAME.sub("_", stored)
            content = path.read_bytes() if path.exists() else None
        return content

    def result_image(self, task_id: str, index: int) -> bytes | None:
        with self.lock:
            task = self.state.tasks.get(task_id)
        if task is None or index >= task.images:
            return None
        if self.progress_of(task, self.clock()) < 1.0 or task.fail_code or task.never:
            return None
        return self._drawn(task, index)

    def _drawn(self, task: SimTask, index: int) -> bytes | None:
        """A result picture of `task`, drawn once and cached (one drawing at a time: a download that comes while
        the picture is being prepared waits for it rather than drawing it again)."""
        key = (task.task_id, index)
        with self._drawing:
            if key not in self._image_cache:
                if task.api in FLAT_APIS:
                    made = FLAT_APIS[task.api].render(self, task, index)
                    if not made:
                        return None
                    self._image_cache[key] = made
                elif task.api == "market":
                    self._image_cache[key] = market.render(task.params, self.upload_for, index)
                else:
                    self._image_cache[key] = render_result(task.params, index, self.upload_for)
                if len(self._image_cache) > 64:
                    self._image_cache.pop(next(iter(self._image_cache)))
            return self._image_cache.get(key)

    # -- pictures ready when their task ends (kie.simulator.preparing) ---------------------------

    def results_to_prepare(self, lead: float) -> tuple[list[SimTask], float | None]:
        """Tasks whose pictures are due to be drawn (their end at most `lead` seconds away), each handed out once,
        and when the next falls due (simulator clock), if any."""
        now = self.clock()
        due: list[SimTask] = []
        later: list[float] = []
        with self.lock:
            for task_id in list(self._to_prepare):
                task = self.state.tasks.get(task_id)
                end = self.end_time(task) if task and task.fail_code is None else None
                if end is None:
                    self._to_prepare.discard(task_id)  # gone, failing or never ending: nothing to draw
                elif end - lead <= now:
                    self._to_prepare.discard(task_id)
                    due.append(task)
                else:
                    later.append(end - lead)
        return due, min(later, default=None)

    def prepare_results(self, task: SimTask) -> None:
        """Draw every picture of `task` into the cache now, before anyone asks for them."""
        for index in range(task.images):
            self._drawn(task, index)

    def direct_image(self, token: str) -> bytes | None:
        link = self._direct_links.get(token)
        if not link or link[2] < self.clock():
            return None
        return self.result_image(link[0], link[1])


def sniff_type(content: bytes) -> str:
    """The MIME type of an image's bytes (PNG, JPEG, WebP), from its first bytes."""
    if content.startswith(b"\x89PNG"):
        return "image/png"
    if content.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if content[8:12] == b"WEBP":
        return "image/webp"
    return "application/octet-stream"
