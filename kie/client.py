"""HTTP client for the kie.ai image APIs and their neighbours (credits, file upload, result downloads).

One transport for every API family: the catalogue says which family a model speaks, and the family's plug-in
(`kie.families`) gives the endpoints, builds the body and reads the answer. Credits and file upload are shared.

One `requests.Session` for the API, bearer auth, connect and read timeouts on every call, codes read from the
body as well as the HTTP status, and retries with backoff only where repeating is safe. Result pictures, whose
addresses the service names, go through the guard of kie.fetch instead (`fetch_result`).
"""

from __future__ import annotations

import base64
import copy
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlparse

import requests
import urllib3

from kie import callers, catalog, errors, metrics, results
from kie.families import FAMILIES, Family, family_of
from kie.fetch import MAX_REDIRECTS, AddressRefused, FetchError, check_public_url, guarded_session
from kie.request import GenerateRequest
from kie.results import MAX_RESULT_BYTES
from kie.retry import parse_retry_after, retry_delay, should_retry
from kie.task_status import TaskStatus

log = logging.getLogger(__name__)

DEFAULT_API_BASE = "https://api.kie.ai"
DEFAULT_UPLOAD_BASE = "https://kieai.redpandaai.co"
DOWNLOAD_URL = "/api/v1/gpt4o-image/download-url"
CREDITS = "/api/v1/chat/credit"
UPLOAD_BASE64 = "/api/file-base64-upload"
UPLOAD_STREAM = "/api/file-stream-upload"
UPLOAD_URL = "/api/file-url-upload"
UPLOAD_PATH = "4o-image-studio"
BASE64_UPLOAD_LIMIT = 10 * 1024 * 1024 // 4 * 3  # base64 grows by a third; the endpoint takes ~10 MB
MAX_ANSWER_BYTES = 8 * 1024 * 1024  # an API answer (a record-info naming its pictures: a few KB); more is refused
RESULT_SECONDS = 60.0  # the longest one result picture's download may take, however slowly its bytes come


@dataclass(frozen=True)
class UploadedFile:
    """A file on the provider's temporary storage (kept about 24 hours)."""

    url: str
    file_name: str = ""
    size: int | None = None
    mime_type: str | None = None


def _never_sent(exc: requests.RequestException) -> bool:
    """True when the connection could not even be opened, so the server saw nothing."""
    if isinstance(exc, requests.ConnectTimeout):
        return True
    if isinstance(exc, requests.ConnectionError):
        reason = exc.args[0] if exc.args else None
        reason = getattr(reason, "reason", reason)
        return isinstance(reason, (urllib3.exceptions.NewConnectionError, urllib3.exceptions.NameResolutionError))
    return False


class KieClient:
    """Talks to one API host and one upload host with one key."""

    def __init__(
        self,
        api_key: str,
        base_url: str = DEFAULT_API_BASE,
        upload_base_url: str = DEFAULT_UPLOAD_BASE,
        *,
        timeout: tuple[float, float] = (5.0, 30.0),
        max_retries: int = 3,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        if not api_key:
            raise errors.AuthError("no API key was given")
        self.base_url = base_url.rstrip("/")
        self.upload_base_url = upload_base_url.rstrip("/")
        self.timeout = timeout
        self.max_retries = max_retries
        self._sleep = sleep
        self.session = session or requests.Session()
        self._auth = {"Authorization": f"Bearer {api_key}"}
        self.trusted_hosts = {urlparse(self.base_url).netloc, urlparse(self.upload_base_url).netloc}
        # Result pictures: addresses the service names, so connections go only to checked addresses (kie.fetch).
        self.result_session = guarded_session(self.trusted_hosts)

    def __repr__(self) -> str:  # never show the key
        return f"KieClient(base_url={self.base_url!r})"

    def with_retries(self, max_retries: int) -> KieClient:
        """The same client (key, hosts, connection pool) with another retry count."""
        clone = copy.copy(self)
        clone.max_retries = max_retries
        return clone

    # -- transport -------------------------------------------------------------------------

    def _call(self, method: str, url: str, *, idempotent: bool, timeout: tuple[float, float] | None = None,
              **kwargs: Any) -> Any:
        """Send one API call with retries; return the body's `data`, or raise a `KieError`."""
        path = urlparse(url).path
        for attempt in range(1, self.max_retries + 2):
            started = time.monotonic()
            try:
                headers = {**self._auth, callers.HEADER: callers.header_value()}  # who asks: kie.callers
                answer = self.session.request(method, url, headers=headers, timeout=timeout or self.timeout,
                                              stream=True, **kwargs)
                whole = self._capped_answer(answer)
                metrics.upstream(path, answer.status_code, started)
            except requests.RequestException as exc:
                metrics.upstream(path, None, started)
                sent, code, cause = not _never_sent(exc), None, exc
                if sent and not idempotent:
                    error: errors.KieError = errors.UnknownOutcome(type(exc).__name__)
                elif isinstance(exc, requests.Timeout):
                    error = errors.TransportError("the service took too long to answer")
                else:
                    error = errors.TransportError("no connection")
            else:
                try:
                    if not whole:
                        raise errors.BadResponse(f"HTTP {answer.status_code}, an answer over {MAX_ANSWER_BYTES:,} "
                                                 "bytes", code=answer.status_code)
                    return self._read(answer)
                except errors.KieError as exc:
                    sent, code, cause, error = True, exc.code, exc, exc
                    if isinstance(exc, errors.BadResponse):
                        if not idempotent and 200 <= answer.status_code < 300:
                            # The service took the request; only its answer is unreadable.
                            raise errors.UnknownOutcome(exc.detail) from exc
                        code = 502  # a proxy's page, or garbage: like a gateway error
            if attempt > self.max_retries or not should_retry(idempotent=idempotent, code=code, sent=sent):
                if error is cause:
                    raise error
                raise error from cause
            log.info("%s %s: %s, retry %d", method, path, code or type(cause).__name__, attempt)
            self._sleep(retry_delay(attempt, error.retry_after))
        raise AssertionError("unreachable")

    @staticmethod
    def _capped_answer(answer: requests.Response) -> bool:
        """Read an API answer's body (the request was streamed) up to MAX_ANSWER_BYTES: True when it is whole (then
        `answer.json()` reads it), False when it is larger, which is never read further (a hostile or broken
        service's endless answer costs this server no more than the cap)."""
        declared = answer.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > MAX_ANSWER_BYTES:
            answer.close()
            return False
        chunks, total = [], 0
        for chunk in answer.iter_content(64 * 1024):
            total += len(chunk)
            if total > MAX_ANSWER_BYTES:
                answer.close()
                return False
            chunks.append(chunk)
        answer._content = b"".join(chunks)  # kept as requests keeps a body it read itself
        answer._content_consumed = True
        return True

    @staticmethod
    def _read(answer: requests.Response) -> Any:
        retry_after = parse_retry_after(answer.headers.get("Retry-After"))
        try:
            body = answer.json()
        except (ValueError, RecursionError):  # RecursionError: brackets nested thousands deep
            if answer.status_code in (401, 402, 404, 422, 429, 433, 455, 501, 505, 550):
                raise errors.error_for(answer.status_code, None, retry_after) from None
            raise errors.BadResponse(f"HTTP {answer.status_code}, not JSON", code=answer.status_code,
                                     retry_after=retry_after) from None
        if not isinstance(body, dict):
            raise errors.BadResponse(f"HTTP {answer.status_code}, unexpected JSON", code=answer.status_code)
        code = body.get("code", answer.status_code)
        try:
            code = int(code)
        except (TypeError, ValueError):
            raise errors.BadResponse(f"unexpected code {code!r}") from None
        # The message key is `msg` on most pages and `message` on the Market's Get Task Details: read either.
        message = body.get("msg") if body.get("msg") not in (None, "") else body.get("message")
        if code != 200 or body.get("success") is False:
            raise errors.error_for(code if code != 200 else answer.status_code, message, retry_after)
        if answer.status_code >= 400:
            raise errors.error_for(answer.status_code, message, retry_after)
        return body.get("data")

    # -- every family --------------------------------------------------------------------

    def generate(self, request: GenerateRequest, *, source_task_id: str | None = None) -> str:
        """Submit a task of any catalogue model and return its taskId. Never repeated once it may have reached
        the server. A follow-up on a finished task (a tool with `acts_on_task`: Midjourney's Upscale and Vary) is
        sent by `follow_up` on `source_task_id`."""
        request = request.validated()
        if request.spec.acts_on_task:
            if not source_task_id:
                raise errors.RequestInvalid(f"{request.spec.name} works on a finished task: choose one of its "
                                            "pictures.", field="model")
            return self.follow_up(request, source_task_id)
        family = family_of(request.spec.family)
        data = self._call("POST", self.base_url + family.submit_path, idempotent=False, json=family.body(request))
        task_id = family.task_id(data)
        if not task_id:
            raise errors.BadResponse("no taskId in the answer")
        return task_id

    def follow_up(self, request: GenerateRequest, source_task_id: str) -> str:
        """Send a follow-up tool (`ModelSpec.acts_on_task`: Midjourney's Upscale or Vary) on picture
        `request.option("image_index")` of the finished task `source_task_id`; return the new task's taskId. Never
        repeated once it may have reached the server."""
        request = request.validated()
        spec = request.spec
        if not spec.acts_on_task:
            raise errors.RequestInvalid(f"{spec.name} is not a follow-up on a finished task.", field="model")
        family = family_of(spec.family)
        body = family.follow_up_body(spec.follow_up, source_task_id, int(request.option("image_index", 0)),
                                     request.callback_url)
        data = self._call("POST", self.base_url + family.follow_up_path(spec.follow_up), idempotent=False, json=body)
        task_id = family.task_id(data)
        if not task_id:
            raise errors.BadResponse("no taskId in the answer")
        return task_id

    def record_info(self, task_id: str, model: str = catalog.DEFAULT_MODEL) -> TaskStatus | None:
        """The task's current state, asked in the family of its `model` (the studio knows each task's model);
        None while the service does not show it yet."""
        spec = catalog.CATALOG.get(model) or catalog.get(catalog.DEFAULT_MODEL)
        return self.status_in(family_of(spec.family), task_id)

    def status_in(self, family: Family, task_id: str) -> TaskStatus | None:
        """One status answer of `family` for `task_id`; None while the service does not show it yet. An unknown
        taskId is `NotFound` where the family says so."""
        try:
            data = self._call("GET", self.base_url + family.status_path, idempotent=True, params={"taskId": task_id})
        except errors.ValidationError as error:
            if family.not_visible_yet(error.detail):
                return None
            raise
        if not isinstance(data, dict):
            return None
        status = family.status(data)
        return status if status.task_id else family.status({**data, "taskId": task_id})

    def find_task(self, task_id: str) -> TaskStatus | None:
        """A task made elsewhere with this key, whatever its family (each is asked in turn); None when none shows
        it yet, `NotFound` when every family says it does not know it."""
        not_found: errors.NotFound | None = None
        for family in FAMILIES.values():
            try:
                status = self.status_in(family, task_id)
            except errors.NotFound as error:
                not_found = error
                continue
            if status is not None:
                return status
        if not_found is not None:
            raise not_found
        return None

    def download_url(self, task_id: str, url: str) -> str:
        """A direct download link for one result image, valid for 20 minutes."""
        data = self._call("POST", self.base_url + DOWNLOAD_URL, idempotent=True, json={"taskId": task_id, "url": url})
        if isinstance(data, dict):
            data = data.get("downloadUrl") or data.get("url")
        if not isinstance(data, str) or not data:
            raise errors.BadResponse("no download link in the answer")
        return data

    def credits(self) -> float:
        """Remaining credits (may be fractional)."""
        data = self._call("GET", self.base_url + CREDITS, idempotent=True)
        if isinstance(data, dict):
            data = data.get("credits", data.get("credit"))
        try:
            return float(data)
        except (TypeError, ValueError):
            raise errors.BadResponse("credits are not a number") from None

    # -- File Upload API -------------------------------------------------------------------

    @staticmethod
    def _uploaded(data: Any) -> UploadedFile:
        if not isinstance(data, dict):
            raise errors.BadResponse("no file in the upload answer")
        url = data.get("downloadUrl") or data.get("fileUrl") or data.get("url")
        if not url:
            raise errors.BadResponse("no address in the upload answer")
        return UploadedFile(url=url, file_name=data.get("fileName") or "", size=data.get("fileSize"),
                            mime_type=data.get("mimeType"))

    def upload_bytes(self, content: bytes, file_name: str, mime_type: str = "image/png",
                     upload_path: str = UPLOAD_PATH) -> UploadedFile:
        """Upload a file: base64 for small ones, multipart stream for large ones."""
        if len(content) <= BASE64_UPLOAD_LIMIT:
            return self.upload_base64(content, file_name, mime_type, upload_path)
        return self.upload_stream(content, file_name, mime_type, upload_path)

    def upload_base64(self, content: bytes, file_name: str, mime_type: str = "image/png",
                      upload_path: str = UPLOAD_PATH) -> UploadedFile:
        encoded = f"data:{mime_type};base64,{base64.b64encode(content).decode('ascii')}"
        body = {"base64Data": encoded, "uploadPath": upload_path, "fileName": file_name}
        # A repeated upload with the same unique name overwrites itself, so retrying is harmless.
        return self._uploaded(self._call("POST", self.upload_base_url + UPLOAD_BASE64, idempotent=True, json=body,
                                         timeout=(self.timeout[0], 120.0)))

    def upload_stream(self, content: bytes, file_name: str, mime_type: str = "image/png",
                      upload_path: str = UPLOAD_PATH) -> UploadedFile:
        files = {"file": (file_name, content, mime_type)}
        data = {"uploadPath": upload_path, "fileName": file_name}
        return self._uploaded(self._call("POST", self.upload_base_url + UPLOAD_STREAM, idempotent=True, files=files,
                                         data=data, timeout=(self.timeout[0], 120.0)))

    def upload_url(self, file_url: str, file_name: str, upload_path: str = UPLOAD_PATH) -> UploadedFile:
        body = {"fileUrl": file_url, "uploadPath": upload_path, "fileName": file_name}
        return self._uploaded(self._call("POST", self.upload_base_url + UPLOAD_URL, idempotent=True, json=body))

    # -- result images ---------------------------------------------------------------------

    def fetch_result(self, url: str, max_bytes: int = MAX_RESULT_BYTES, timeout: float = RESULT_SECONDS) -> bytes:
        """Download one result picture the service pointed to, in one attempt (the studio tries again later).

        The first address and every redirect's (at most `MAX_REDIRECTS`, followed one by one) pass
        `kie.fetch.check_public_url`, the configured API and upload hosts trusted as configured, and the connection
        goes to an address that was checked (`kie.fetch.guarded_session`). The key goes only to the configured
        hosts, hop by hop. The body is capped in bytes and the whole download in time.

        Raises `kie.results.AddressRefused` (never worth repeating), `kie.results.PictureTooLarge` (a body over
        `max_bytes`) or `kie.results.DownloadError` (no connection, an HTTP error, too slow: it may pass later)."""
        deadline = time.monotonic() + timeout
        for _ in range(MAX_REDIRECTS + 1):
            try:
                check_public_url(url, self.trusted_hosts)
            except AddressRefused as refused:
                raise results.AddressRefused(refused.reason) from None
            except FetchError:
                raise results.DownloadError("its host could not be found") from None
            headers = self._auth if urlparse(url).netloc in self.trusted_hosts else {}
            started = time.monotonic()
            try:
                remaining = max(0.1, deadline - time.monotonic())
                wait = (min(self.timeout[0], remaining), min(max(self.timeout[1], 30.0), remaining))
                with self.result_session.get(url, headers=headers, timeout=wait, stream=True,
                                             allow_redirects=False) as answer:
                    metrics.upstream("/result-image", answer.status_code, started)
                    if answer.is_redirect:
                        url = urljoin(url, answer.headers.get("Location", ""))
                        continue
                    if answer.status_code != 200:
                        raise results.DownloadError(f"HTTP {answer.status_code}")
                    return self._read_capped(answer, max_bytes, deadline)
            except AddressRefused as refused:  # the name resolved elsewhere when connecting (DNS rebinding)
                raise results.AddressRefused(refused.reason) from None
            except requests.Timeout:
                metrics.upstream("/result-image", None, started)
                raise results.DownloadError("its address took too long to answer") from None
            except requests.RequestException:
                metrics.upstream("/result-image", None, started)
                raise results.DownloadError("no connection to its address") from None
        raise results.DownloadError(f"its address redirects more than {MAX_REDIRECTS} times")

    @staticmethod
    def _read_capped(answer: requests.Response, max_bytes: int, deadline: float) -> bytes:
        declared = answer.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise results.PictureTooLarge(f"{int(declared):,} bytes announced, the most is {max_bytes:,}")
        chunks, total = [], 0
        for chunk in answer.iter_content(64 * 1024):
            total += len(chunk)
            if total > max_bytes:
                raise results.PictureTooLarge(f"over {max_bytes:,} bytes")
            if time.monotonic() > deadline:
                raise results.DownloadError("its address sent it too slowly")
            chunks.append(chunk)
        return b"".join(chunks)
