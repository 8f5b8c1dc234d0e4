"""One exception class per documented error code, each with a message a person understands."""

from __future__ import annotations

BILLING_URL = "https://kie.ai/billing"
API_KEY_URL = "https://kie.ai/api-key"


class KieError(Exception):
    """Base of every error the client raises. `message` is for people, `hint` says what to do next."""

    code: int | None = None
    default_message = "The image service reported a problem."
    hint = "Try again in a moment."
    retryable = False

    def __init__(self, detail: str | None = None, *, code: int | None = None, retry_after: float | None = None):
        self.detail = (detail or "").strip()
        if code is not None:
            self.code = code
        self.retry_after = retry_after
        super().__init__(self.message)

    @property
    def message(self) -> str:
        base = self.default_message
        if self.detail and self.detail.lower() not in {"success", base.lower()}:
            return f"{base} ({self.detail})"
        return base

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class FormatError(KieError):
    code = 400
    default_message = "The service could not read the request."
    hint = "This is a bug in the app: please report it with the task details."


class AuthError(KieError):
    code = 401
    default_message = "Your API key was refused."
    hint = f"Check it in the sidebar, or get a new one at {API_KEY_URL}."


class InsufficientCredits(KieError):
    code = 402
    default_message = "Out of credits."
    hint = f"Top up at {BILLING_URL}, then try again."


class NotFound(KieError):
    code = 404
    default_message = "The service does not know this task or address."
    hint = "Check the task ID; tasks older than 14 days are gone upstream."


class ValidationError(KieError):
    code = 422
    default_message = "The service refused the request's parameters."
    hint = "Change the highlighted settings and try again."


class RateLimited(KieError):
    code = 429
    default_message = "Too many requests right now."
    hint = "Wait a few seconds and try again; the app slows down by itself."
    retryable = True


class SubKeyLimit(KieError):
    code = 433
    default_message = "This API key's usage limit is used up (a sub-key's limit set on the provider's site)."
    hint = f"Raise the key's limit at {API_KEY_URL}, or use another key."


class DownloadFailed(KieError):
    code = 451
    default_message = "The service could not download one of the pictures."
    hint = "Make sure the picture's address is public, or upload the file instead."


class Maintenance(KieError):
    code = 455
    default_message = "The service is under maintenance."
    hint = "Try again in a few minutes."
    retryable = True


class ServerError(KieError):
    code = 500
    default_message = "The service had an internal error."
    hint = "Try again; if it keeps happening, try later."
    retryable = True


class GenerationFailed(KieError):
    code = 501
    default_message = "The service failed to make the picture."
    hint = "Try again, perhaps with another prompt, settings or model."


class FeatureDisabled(KieError):
    code = 505
    default_message = "The service has turned this model or feature off for now."
    hint = "Choose another model, or try again later."


class QueueFull(KieError):
    code = 550
    default_message = "The service's queue is full and it turned the task away."
    hint = "Try again in a few minutes."
    retryable = True


class BadResponse(KieError):
    """The answer was not the JSON the API speaks (an HTML error page from a proxy, say)."""

    default_message = "The service sent an answer the app cannot read."
    hint = "The service or a proxy in front of it may be down: try again in a minute."
    retryable = True


class TransportError(KieError):
    """The request did not get an answer: no connection, or too slow."""

    default_message = "Could not reach the image service."
    hint = "Check the network and try again."
    retryable = True


class UnknownOutcome(TransportError):
    """A generate request was sent but its answer was lost: it may or may not have been accepted."""

    default_message = "The generate request was sent, but its answer was lost."
    hint = "Look in History before trying again, so that you do not pay twice."
    retryable = False
    task_id: str | None = None  # the history entry kept for it ("unconfirmed-…")


class RequestInvalid(KieError):
    """The app refused to send a request because a parameter is wrong; `field` names it."""

    default_message = "Please fix the request."
    hint = ""

    def __init__(self, detail: str, *, field: str | None = None):
        self.field = field
        super().__init__(detail)

    @property
    def message(self) -> str:
        return self.detail


_BY_CODE: dict[int, type[KieError]] = {
    cls.code: cls
    for cls in (FormatError, AuthError, InsufficientCredits, NotFound, ValidationError,
                RateLimited, SubKeyLimit, DownloadFailed, Maintenance, ServerError, GenerationFailed,
                FeatureDisabled, QueueFull)
}


def error_for(code: int | None, detail: str | None = None, retry_after: float | None = None) -> KieError:
    """The typed error for an API status code (from the body or the HTTP status)."""
    cls = _BY_CODE.get(code or 0)
    if cls is None:
        if code is not None and 500 <= code < 600:
            return ServerError(detail, code=code, retry_after=retry_after)
        return KieError(detail, code=code, retry_after=retry_after)
    return cls(detail, retry_after=retry_after)


# errorCode values of a failed task (record-info), in people's words.
TASK_FAILURE_MESSAGES = {
    400: "The picture or prompt was refused (content policy, or an image that is too large or unreadable).",
    422: "The service refused the task's settings.",
    451: "The service could not download a reference picture.",
    500: "The service failed to make the image.",
    501: "The service failed to make the image.",
    505: "The service has turned this model off for now.",
}


APP_CODES = 1000  # error codes from here up are the app's own (kie.results.DOWNLOAD_FAILED), not the service's


# A download failure (451) of a task that sent no picture: no reference picture is to blame.
NO_PICTURE_DOWNLOAD = "The service could not download a file it needed (this task sent no picture): run it again."


def task_failure_message(error_code: int | None, error_message: str | None, *, sent_pictures: bool = True) -> str:
    """A sentence for a failed task, with the provider's own words when it gave any; `sent_pictures` False for a
    task that sent none (a text-only task), so no reference picture is blamed."""
    detail = (error_message or "").strip()
    if (error_code is None or error_code >= APP_CODES) and detail:
        return detail  # the app's own account (an answer lost, a task never seen, a download that failed)
    base = TASK_FAILURE_MESSAGES.get(error_code or 0, "The task failed.")
    if error_code == 451 and not sent_pictures:
        base = NO_PICTURE_DOWNLOAD
    return f"{base} The service said: {detail}" if detail else base
