"""Images that carry their prompt: PNG text chunks written on the way out, read back to restore settings.

Tagging splices chunks into the byte stream right after IHDR: the pixel data (IDAT) is never decoded or
re-encoded, so it costs a copy of the bytes. Our own keys are iTXt (UTF-8, any prompt) and namespaced
`kie:` so that tools which give meaning to bare `prompt`/`parameters` (ComfyUI, A1111) do not misread them;
the standard keys viewers show (Title, Description, Software, Source, Creation Time) are written beside them.
A non-PNG picture (JPEG or WebP from a fallback model, cached under a .png name) is decoded once and saved as
PNG, so the file matches its name and MIME type and can carry the chunks. Bytes that are no picture at all
are handed back unchanged: a download never fails because of its metadata.

Only safe fields are written: never the callback URL (it holds a secret token) nor the reference, source or
mask URLs (temporary provider addresses); only how many reference pictures there were.
"""

from __future__ import annotations

import io
import json
import struct
import time
import tomllib
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps

from kie import catalog
from kie.models import KIND_LABELS, GenerateRequest, Task
from kie.request import clean_prompt

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
STUDIO_NAME = "4o Image Studio"
METADATA_VERSION = "1"
MAX_TEXT_BYTES = 64 * 1024  # a 5,000-character prompt is at most 20 KB of UTF-8; larger chunks are not ours
TITLE_CHARS = 100

KEY_PROMPT = "kie:prompt"
KEY_PARAMETERS = "kie:parameters"
KEY_TASK_ID = "kie:taskId"
KEY_MODEL = "kie:model"
KEY_KIND = "kie:kind"
KEY_DATE = "kie:date"
KEY_IMAGE = "kie:image"
KEY_VERSION = "kie:metadataVersion"
_TEXT_TYPES = (b"tEXt", b"zTXt", b"iTXt")


def _studio_version() -> str:
    try:
        with open(Path(__file__).resolve().parents[1] / "pyproject.toml", "rb") as f:
            return str(tomllib.load(f)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "dev"


STUDIO_VERSION = _studio_version()
SOFTWARE = f"{STUDIO_NAME} {STUDIO_VERSION}"


@dataclass(frozen=True)
class RestoredSettings:
    """What a tagged picture says about how it was made, ready for the Generate form."""

    request: GenerateRequest  # prompt and settings; never files, mask or callback
    task_id: str | None = None
    model: str | None = None
    kind: str | None = None
    date: str | None = None
    software: str | None = None

    @property
    def prompt(self) -> str:
        return self.request.prompt

    @property
    def notice(self) -> str | None:
        """What a person must be told when the settings went to another model than the picture names (a model
        this studio does not offer, or a tool); None when they are the picture's own."""
        if not self.model or self.model == self.request.model:
            return None
        chosen = catalog.name_of(self.request.model)
        spec = catalog.CATALOG.get(self.model)
        named = self.model if len(self.model) <= 60 else self.model[:59] + "…"
        if spec is not None and spec.is_tool:
            return (f"This picture was made with the tool {spec.name}, which makes no picture from a prompt; its "
                    f"prompt was restored for {chosen}.")
        return (f"This picture was made with '{named}', which this studio does not offer; its settings were "
                f"restored for {chosen}.")


def iso_date(ts: float | None) -> str | None:
    """ISO 8601 in UTC, `2025-11-24T16:00:00Z`."""
    return None if ts is None else time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


def safe_parameters(request: GenerateRequest) -> dict[str, Any]:
    """The request's settings in the API's words, minus the callback URL and every upload URL."""
    spec = catalog.CATALOG.get(request.model)
    chosen = request.settings()
    # Each setting under the name its API family gives it (nVariants, aspect_ratio, ...): what earlier versions
    # wrote too, so their pictures and these read the same.
    named = {o.field_name: o.to_api(chosen[o.key]) for o in spec.options} if spec else dict(chosen)
    return {"prompt": request.prompt, **named, "referenceImages": len(request.files_url),
            "mask": bool(request.mask_url)}


def task_metadata(task: Task, *, model: str | None = None) -> dict[str, Any]:
    """The safe record of a task that its pictures and a ZIP's tasks.json carry."""
    return {
        "taskId": task.task_id,
        "kind": task.kind,
        "model": model or task.model or catalog.DEFAULT_MODEL,
        "modelName": catalog.name_of(model or task.model or catalog.DEFAULT_MODEL),
        "date": iso_date(task.created_at),
        "prompt": task.prompt,
        "parameters": safe_parameters(task.request),
        "software": SOFTWARE,
    }


def is_png(content: bytes) -> bool:
    """True when `content` starts with the PNG signature."""
    return content[:8] == PNG_SIGNATURE


def ensure_png(content: bytes) -> bytes:
    """`content` as PNG (a JPEG or WebP decoded once, losslessly re-encoded); bytes that are no picture unchanged."""
    return content if is_png(content) else (_to_png(content) or content)


def tag_png(content: bytes, task: Task, index: int, *, model: str | None = None) -> bytes:
    """`content` as a PNG carrying the task's prompt and safe settings; unreadable bytes come back unchanged."""
    png = content if is_png(content) else _to_png(content)
    if png is None:
        return content
    meta = task_metadata(task, model=model)
    prompt = _no_nul(task.prompt)
    first_line = prompt.split("\n", 1)[0]
    title = first_line if len(first_line) <= TITLE_CHARS else first_line[:TITLE_CHARS - 1] + "…"
    total = len(task.images) or len(task.result_urls) or index + 1
    texts = {
        "Title": title or f"{STUDIO_NAME} image",
        "Description": prompt,
        "Software": SOFTWARE,
        "Source": meta["model"],
        "Creation Time": meta["date"] or "",
        KEY_PROMPT: prompt,
        KEY_PARAMETERS: json.dumps(meta["parameters"], ensure_ascii=False, separators=(",", ":")),
        KEY_TASK_ID: task.task_id,
        KEY_MODEL: meta["model"],
        KEY_KIND: task.kind,
        KEY_DATE: meta["date"] or "",
        KEY_IMAGE: f"{index + 1}/{total}",
        KEY_VERSION: METADATA_VERSION,
    }
    return _splice(png, texts) or content


def read_text_chunks(content: bytes, *, max_bytes: int = MAX_TEXT_BYTES) -> dict[str, str]:
    """Every tEXt/zTXt/iTXt of a PNG as {keyword: text}; chunks over `max_bytes` or damaged are skipped."""
    texts: dict[str, str] = {}
    if not is_png(content):
        return texts
    for kind, start, end in _chunks(content):
        # The size is checked before anything is read, so a huge chunk costs nothing.
        if kind not in _TEXT_TYPES or end - start - 12 > max_bytes:
            continue
        if zlib.crc32(content[start + 4:end - 4]) == struct.unpack_from(">I", content, end - 4)[0]:
            parsed = _parse_text(kind, content[start + 8:end - 4], max_bytes)
            if parsed is not None:
                texts.setdefault(parsed[0], parsed[1])
    return texts


def read_settings(content: bytes) -> RestoredSettings | None:
    """The prompt and settings a tagged PNG was made with; None for any other picture or damaged metadata."""
    texts = read_text_chunks(content)
    if KEY_PROMPT not in texts and KEY_PARAMETERS not in texts:
        return None
    params: dict[str, Any] = {}
    if KEY_PARAMETERS in texts:
        try:
            params = json.loads(texts[KEY_PARAMETERS])
        except (ValueError, RecursionError):  # RecursionError: a chunk of nothing but "[[[[..."
            return None
        if not isinstance(params, dict):
            return None
    prompt = texts.get(KEY_PROMPT)
    if prompt is None:
        prompt = params.get("prompt") if isinstance(params.get("prompt"), str) else ""
    model = _short(texts.get(KEY_MODEL))
    return RestoredSettings(
        request=_request_from(params, prompt, model),
        task_id=_short(texts.get(KEY_TASK_ID)),
        model=model,
        kind=texts.get(KEY_KIND) if texts.get(KEY_KIND) in KIND_LABELS else None,
        date=_short(texts.get(KEY_DATE)),
        software=_short(texts.get("Software")),
    )


def _request_from(params: dict[str, Any], prompt: str, model: str | None = None) -> GenerateRequest:
    """The form's request from a picture's parameters (through the catalogue; an unknown model is the default one).

    Each setting is taken only when it is a value the model accepts; anything else keeps the model's default."""
    spec = catalog.CATALOG.get(model or "") or catalog.get(catalog.DEFAULT_MODEL)
    if spec.is_tool:  # a tool's picture: restore its source's prompt under the default model
        spec = catalog.get(catalog.DEFAULT_MODEL)
    # Each setting under its API field name, as written in the text chunks.
    named = {o.key: o.from_api(params.get(o.field_name)) for o in spec.options}
    chosen = {}
    for option in spec.options:
        value = named.get(option.key)
        # `type(...) is` so that True is not taken for the number 1, nor 1 for True.
        if any(value == v and type(value) is type(v) for v in option.values):
            chosen[option.key] = value
    return GenerateRequest.build(spec.id, clean_prompt(prompt[:spec.max_prompt_chars]), chosen)


def _short(text: str | None, limit: int = 200) -> str | None:
    return (clean_prompt(text)[:limit] or None) if text else None


def _no_nul(text: str) -> str:
    return text.replace("\x00", "")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _text_chunk(keyword: str, text: str) -> bytes:
    """tEXt when the text is Latin-1 (what every viewer reads), else uncompressed iTXt; our keys always iTXt."""
    key = keyword.encode("latin-1")
    text = _no_nul(text)
    if not keyword.startswith("kie:"):
        try:
            return _chunk(b"tEXt", key + b"\x00" + text.encode("latin-1"))
        except UnicodeEncodeError:
            pass
    return _chunk(b"iTXt", key + b"\x00\x00\x00" + b"\x00" + b"\x00" + text.encode("utf-8"))


def _chunks(content: bytes) -> Iterator[tuple[bytes, int, int]]:
    """(type, start, end) of each chunk up to IEND, `start:end` spanning length to CRC; stops when truncated."""
    pos = 8
    while pos + 12 <= len(content):
        (length,) = struct.unpack_from(">I", content, pos)
        kind, end = content[pos + 4:pos + 8], pos + 12 + length
        if end > len(content):
            return
        yield kind, pos, end
        if kind == b"IEND":
            return
        pos = end


def _splice(png: bytes, texts: dict[str, str]) -> bytes | None:
    """The PNG with `texts` right after IHDR, earlier text chunks of the same keywords dropped; None if damaged."""
    view = memoryview(png)
    parts: list[bytes | memoryview] = [view[:8]]
    kinds = []
    for kind, start, end in _chunks(png):
        kinds.append(kind)
        if kinds[0] != b"IHDR":
            return None
        keyword = bytes(view[start + 8:min(end - 4, start + 88)]).split(b"\x00", 1)[0].decode("latin-1")
        if not (kind in _TEXT_TYPES and keyword in texts):
            parts.append(view[start:end])  # every other chunk, the pixel data included, is copied as it is
        if kind == b"IHDR":
            parts.extend(_text_chunk(k, v) for k, v in texts.items())
    return b"".join(parts) if kinds and kinds[-1] == b"IEND" else None


def _parse_text(kind: bytes, data: bytes, max_bytes: int) -> tuple[str, str] | None:
    key, sep, rest = data.partition(b"\x00")
    if not sep or not 1 <= len(key) <= 79:
        return None
    try:
        if kind == b"tEXt":
            return key.decode("latin-1"), rest.decode("latin-1")
        if kind == b"zTXt":
            return key.decode("latin-1"), _inflate(rest[1:], max_bytes).decode("latin-1")
        compressed, _method = rest[0], rest[1]
        _lang, _, rest = rest[2:].partition(b"\x00")
        _translated, _, text = rest.partition(b"\x00")
        body = _inflate(text, max_bytes) if compressed else text
        return key.decode("latin-1"), body.decode("utf-8")
    except (IndexError, ValueError, zlib.error):
        return None


def _inflate(data: bytes, max_bytes: int) -> bytes:
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, max_bytes + 1)
    if len(out) > max_bytes:
        raise ValueError("text chunk larger than the cap")  # a zip bomb in a text chunk is skipped, not read
    return out


def _to_png(content: bytes) -> bytes | None:
    """Decode a JPEG/WebP (or any picture Pillow reads) once and save it as PNG; None when it is no picture."""
    try:
        with Image.open(io.BytesIO(content)) as opened:
            icc = opened.info.get("icc_profile")
            image = ImageOps.exif_transpose(opened)  # browsers honour EXIF rotation; the PNG must look the same
            if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I;16"):
                image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
            out = io.BytesIO()
            image.save(out, format="PNG", compress_level=3, **({"icc_profile": icc} if icc else {}))
            return out.getvalue()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
