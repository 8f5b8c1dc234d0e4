"""What the studio accepts as a task's result, checked before it is stored.

A result is kept only if it is a picture (PNG, JPEG or WebP) within a pixel cap (kie.images.MAX_PIXELS, the cap
uploads have; STUDIO_MAX_RESULT_PIXELS changes it). The size is read from the header first, so a decompression bomb
is refused before a single row is decoded; a picture within the cap is then decoded once (at most the cap's worth of
memory), so a cut-off or damaged file is refused too and every stored result can be drawn.

The errors here say what went wrong in the words a task's card shows; `DOWNLOAD_FAILED` marks a task whose pictures
could not be downloaded, so that the pages offer Try again (`kie.workspace.Workspace.retry_download`).
"""

from __future__ import annotations

import io
import warnings

from PIL import Image

from kie import catalog, errors
from kie.images import MAX_PIXELS
from kie.models import Task

DOWNLOAD_FAILED = 1001  # Task.error_code of a task whose pictures could not be downloaded (the app's own code)
MAX_RESULT_BYTES = 50 * 1024 * 1024  # more than any model's picture; a larger body is refused, not read
RESULT_FORMATS = {"PNG": ".png", "JPEG": ".jpg", "MPO": ".jpg", "WEBP": ".webp"}
DOWNLOAD_WINDOW = 120.0  # how long a finished task's pictures are tried for before it fails (Try again restarts)
FIRST_RETRY = 2.0  # the first wait after a failed download; the waits grow with the time already spent


class DownloadError(errors.KieError):
    """A result picture could not be downloaded: no connection, an HTTP error, too slow. It may pass later."""

    default_message = "Could not download the picture"
    hint = "Use Try again, or make the picture again."
    retryable = True


class AddressRefused(DownloadError):
    """The service named an address this server never sends requests to (kie.fetch's guard): never repeated."""

    retryable = False


class ResultRefused(errors.KieError):
    """What the service sent is not a picture the studio keeps: the task fails at once."""

    hint = "Make it again; if it happens again, the service may be failing."


class NotAPicture(ResultRefused):
    default_message = "The service sent something that is not a picture."


class PictureTooLarge(ResultRefused):
    default_message = "The service sent a picture too large to show safely."


def check_picture(content: bytes, max_pixels: int = MAX_PIXELS) -> str:
    """The file suffix of a picture the studio may keep (".png", ".jpg", ".webp"), or `NotAPicture` /
    `PictureTooLarge` (their detail says what was found, for the audit log)."""
    if not content:
        raise NotAPicture("an empty body")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the cap below is the check
        try:
            image = Image.open(io.BytesIO(content))  # reads the header only
        except Image.DecompressionBombError:
            raise PictureTooLarge("more pixels than Pillow opens at all") from None
        except Exception:
            raise NotAPicture(_describe(content)) from None
        fmt = image.format or ""
        if fmt not in RESULT_FORMATS:
            raise NotAPicture(f"a {fmt or 'unknown'} file")
        width, height = image.size
        if width * height > max_pixels:
            raise PictureTooLarge(f"{width}x{height} pixels, the most is {max_pixels:,}")
        if fmt in ("JPEG", "MPO"):
            image.draft("RGB", (max(1, width // 8), max(1, height // 8)))  # all of the file read, an eighth decoded
        try:
            image.load()
        except Exception:
            raise NotAPicture(f"a damaged or cut-off {fmt} file") from None
    return RESULT_FORMATS[fmt]


def _describe(content: bytes) -> str:
    """A few words on what a body that is not a picture looks like (for the audit log; never its content)."""
    head = content[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return f"an HTML page, {len(content):,} bytes"
    if head[:1] in (b"{", b"["):
        return f"JSON or text, {len(content):,} bytes"
    return f"{len(content):,} bytes of an unknown kind"


def most_results(task: Task) -> int:
    """How many pictures the studio takes from `task`: what its request asks of the model (`request.images`), never
    more than the catalogue documents for that model (the largest value of its images option, or its images per
    task). A task added by ID takes its request from the provider's own `paramJson`, so the provider must not be able
    to raise the count by naming `nVariants: 5000` there. A model the catalogue does not know: one."""
    spec = catalog.CATALOG.get(task.request.model) or catalog.CATALOG.get(task.model)
    if spec is None:
        return 1
    if spec.images_option:
        ceiling = max(int(v) for v in spec.option(spec.images_option).values)
    else:
        ceiling = spec.images_per_task
    try:
        asked = int(task.request.images)
    except (TypeError, ValueError):  # an option value a forged paramJson slipped past the form
        asked = ceiling
    return max(1, min(asked, ceiling))


def bound_results(task: Task) -> int:
    """Cut `task.result_urls` to the model's documented number of pictures (`most_results`); how many were cut."""
    most = most_results(task)
    left_out = max(0, len(task.result_urls) - most)
    del task.result_urls[most:]
    return left_out


def next_try_at(now: float, window_end: float | None) -> float | None:
    """When to try a failed download again: after a wait as long as the time already spent in the window (at least
    FIRST_RETRY: 2, 2, 4, 8 … s), the last try at the window's end; None once the window is over."""
    if window_end is None or now >= window_end:
        return None
    spent = now - (window_end - DOWNLOAD_WINDOW)
    return now + min(max(FIRST_RETRY, spent), window_end - now)


def fail_download(task: Task, reason: str) -> None:
    """End a task whose pictures could not be had: `DOWNLOAD_FAILED`, so that the pages offer Try again."""
    task.state, task.error_code = "failed", DOWNLOAD_FAILED
    task.error_message = f"{DownloadError.default_message}: {reason} {DownloadError.hint}"
