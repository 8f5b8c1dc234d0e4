"""What a person does with the service, independent of any UI: submit, follow and resume tasks.

A `Workspace` joins a client (one key) and the store of that key's workspace. Several sessions, tabs
or server processes may follow the same tasks: the store hands out the right to poll a task (a
claim on its due time), so record-info requests per task do not grow with the number of viewers.
"""

from __future__ import annotations

import logging
import secrets
import time
import uuid
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from typing import Any, NoReturn
from urllib.parse import urlparse

from kie import catalog, composite, errors, metrics, results
from kie.client import KieClient
from kie.composite import KEEP_MASK
from kie.families import request_from_params
from kie.fetch import FetchError
from kie.images import MAX_PIXELS
from kie.models import NO_ADDRESS, GenerateRequest, Task, TaskStatus
from kie.polling import (
    DEFAULT_POLICY,
    PollPolicy,
    describe_remaining,
    expected_duration,
    expected_end_delay,
    next_poll_delay,
)
from kie.store import NotYours, Store, TaskQuery
from kie.team import BudgetExceeded, Budgets, ComparisonOverBudget, Reservation

log = logging.getLogger(__name__)
CLAIM_LEASE = 60.0  # a poller that dies mid-request frees the task after this long
EXPECTED_TTL = 30.0  # how long a model's learned duration is reused before the history is read again
COMPARE_MODELS = (2, 4)  # fewest and most models in one comparison
UNCONFIRMED_MESSAGE = (
    "The request reached the service but its answer was lost, so its task ID is unknown: the service may still "
    "make (and charge for) it. If you learn its task ID, for example from your callback URL, add it in History "
    "with 'Add a task by ID'. Re-run only if you are sure it was not made."
)


@dataclass(frozen=True)
class InputFile:
    """A local picture to upload before the generate request. `role`: source, mask or ref."""

    role: str
    content: bytes
    suffix: str = ".png"
    mime_type: str = "image/png"


def callback_url(public_url: str, token: str) -> str:
    """The address the provider calls back for one task."""
    return f"{public_url.rstrip('/')}/api/kie/callback/{token}"


def new_callback_token(workspace: str) -> str:
    """An unguessable token naming its workspace (so the server knows which history to look in)."""
    return f"{workspace}.{secrets.token_urlsafe(24)}"


class Workspace:
    """One key's client and its workspace's store. `public_url`: where the provider can reach this server; when
    set, every generate without a callback URL of the person's own carries one of ours."""

    def __init__(self, client: KieClient, store: Store, *, policy: PollPolicy = DEFAULT_POLICY,
                 clock: Callable[[], float] = time.time, public_url: str | None = None,
                 budgets: Budgets | None = None, outgoing_guard: Callable[[str], None] | None = None,
                 max_result_pixels: int = MAX_PIXELS, admin: bool = False):
        self.client = client
        self.store = store
        self.policy = policy
        self.clock = clock
        self.public_url = public_url
        self.budgets = budgets  # a team server's daily budgets; the store's owner is the person spending
        self.outgoing_guard = outgoing_guard  # demo: raises FetchError for a callback URL this server must not call
        self.max_result_pixels = max_result_pixels  # a result with more pixels is refused (kie.results)
        self.admin = admin  # the person is an admin: may use tasks of unknown owner and delete anyone's (`_task_for`)
        self._failures: dict[str, int] = {}
        self._expected: dict[str, tuple[float, float]] = {}  # model -> (expected seconds, when learned)

    def for_person(self, owner: str | None, budgets: Budgets | None = None, *, admin: bool = False) -> Workspace:
        """The same key and history, seen and spent by one person (their tasks, their budget; `admin`: theirs and
        what admins may do besides, see `_task_for`)."""
        studio = Workspace(self.client, self.store.scoped(owner), policy=self.policy, clock=self.clock,
                        public_url=self.public_url, budgets=budgets, outgoing_guard=self.outgoing_guard,
                        max_result_pixels=self.max_result_pixels, admin=admin)
        studio._failures = self._failures
        studio._expected = self._expected
        return studio

    # -- submit ----------------------------------------------------------------------------

    def submit(self, request: GenerateRequest, files: list[InputFile] = (),
               on_step: Callable[[str], None] | None = None, *, measure: bool = True,
               parent_id: str | None = None, comparison_id: str | None = None, batch_id: str | None = None) -> Task:
        """Upload local pictures, send one generate request (any catalogue model), keep the task. Raises `KieError`.

        On a team server the person's daily budget is reserved first (`BudgetExceeded`: nothing uploaded or
        sent), taken when the service accepts the task and given back when nothing was sent.
        """
        step = on_step or (lambda _msg: None)
        # Check everything that does not need the uploads before spending any time on them.
        checked = self._check(request, files)
        self._check_callback_url(checked.callback_url)
        links = {"parent_id": parent_id, "comparison_id": comparison_id, "batch_id": batch_id}
        if self.budgets is None or self.store.owner is None:
            return self._submit(request, files, step, measure, **links)
        reservation = self._reserve(checked)
        try:
            task = self._submit(request, files, step, measure, **links)
        except errors.UnknownOutcome as lost:
            self.budgets.accepted(reservation, lost.task_id or "")  # it may have been made (and charged)
            raise
        except BaseException:
            self.budgets.release(reservation)
            raise
        self.budgets.accepted(reservation, task.task_id, task.credits)
        return task

    @staticmethod
    def _check(request: GenerateRequest, files: list[InputFile] | tuple = ()) -> GenerateRequest:
        """The request validated as it will be once `files` are uploaded (placeholders stand for their addresses)."""
        placeholder = tuple(f"https://upload.invalid/{f.role}" for f in files if f.role not in ("mask", KEEP_MASK))
        mask_placeholder = "https://upload.invalid/mask" if any(f.role == "mask" for f in files) else None
        return replace(request, files_url=request.files_url + placeholder,
                       mask_url=request.mask_url or mask_placeholder).validated()

    def _reserve(self, checked: GenerateRequest) -> Reservation:
        """Reserve the request's images from the person's budget, recorded under its model (usage per model)."""
        return self.budgets.reserve(self.store.owner, checked.images, model=checked.model)

    def _check_callback_url(self, url: str | None) -> None:
        """Refuse, before anything is sent, a callback URL the server itself would have to call (demo mode)."""
        if url and self.outgoing_guard is not None:
            try:
                self.outgoing_guard(url)
            except FetchError as refused:
                raise errors.RequestInvalid(f"The callback URL cannot be used in demo mode: {refused}",
                                            field="callback_url") from None

    def _balance(self) -> float | None:
        try:
            return self.client.credits()
        except errors.KieError:
            return None

    def _upload(self, request: GenerateRequest, files: list[InputFile] | tuple,
                step: Callable[[str], None]) -> tuple[GenerateRequest, dict[str, str]]:
        """Cache and upload local pictures; the request with their addresses, and the cached names by role."""
        inputs: dict[str, str] = {}
        urls: list[str] = list(request.files_url)
        mask_url = request.mask_url
        refs = 0
        for n, f in enumerate(files, 1):
            step(f"Uploading picture {n} of {len(files)}…")
            cached = self.store.save_input(f.content, f.suffix)
            if f.role == KEEP_MASK:  # never sent: laid over the results when they are downloaded (kie.composite)
                inputs[KEEP_MASK] = cached
                continue
            name = f"{f.role}-{uuid.uuid4().hex}{f.suffix}"  # unique: a reused name may serve stale bytes
            uploaded = self.client.upload_bytes(f.content, name, f.mime_type)
            if f.role == "mask":
                mask_url = uploaded.url
                inputs["mask"] = cached
            else:
                urls.append(uploaded.url)
                key = "source" if f.role == "source" else f"ref{refs}"
                refs += f.role != "source"
                inputs[key] = cached
        return replace(request, files_url=tuple(urls), mask_url=mask_url), inputs

    def _submit(self, request: GenerateRequest, files: list[InputFile], step: Callable[[str], None],
                measure: bool = False, **links: Any) -> Task:
        uploaded, inputs = self._upload(request, files, step)
        return self._send(uploaded.validated(), inputs, step, measure, **links)

    def _send(self, final: GenerateRequest, inputs: dict[str, str], step: Callable[[str], None],
              measure: bool = False, **links: Any) -> Task:
        """Send one validated request once and keep its task (`links`: parent_id, comparison_id, batch_id)."""
        token = new_callback_token(self.store.workspace) if self.public_url and not final.callback_url else None
        # Our own callback URL is sent but never kept in the request: it holds a secret, and a re-run gets a new one.
        sent = replace(final, callback_url=callback_url(self.public_url, token)) if token else final
        step("Sending the request…")
        before, sent_at = (self._balance() if measure else None), self.clock()
        try:
            task_id = self.client.generate(sent)
        except errors.UnknownOutcome as lost:
            lost.task_id = self._remember_unconfirmed(final, inputs, **links)
            raise
        now = self.clock()
        # Its age counts from the moment it was sent: counting from the answer would make every poll estimate
        # the end a round-trip late, and the first estimate multiplies that (bench/server.py found it).
        # A picture sent from Edit is an edit, mask or not (models without one change it image to image).
        kind = "edit" if "source" in inputs and final.kind != "tool" else final.kind
        task = Task(task_id=task_id, kind=kind, request=final, inputs=inputs, created_at=sent_at,
                    deadline_at=sent_at + self.policy.deadline, callback_token=token, model=final.model,
                    **{k: v for k, v in links.items() if v is not None})
        task.next_poll_at = sent_at + self._delay(task, now - sent_at, None)
        if before is not None and (after := self._balance()) is not None \
                and not self.store.accepted_between(sent_at, self.clock()):
            task.credits = round(before - after, 4)  # no other task of the workspace was made in between
        self.store.add(task)
        metrics.task_submitted(final.kind)
        spec = final.spec
        what = f"{spec.name}, {final.images} image{'s' if final.images != 1 else ''}, {final.kind}"
        self.store.audit(self.store.owner or "(no sign-in)", "submit", task_id, what, now)
        return task

    # -- tools and comparisons -------------------------------------------------------------

    def run_tool(self, task: Task, image_index: int, tool_id: str, options: Mapping[str, Any] | None = None,
                 on_step: Callable[[str], None] | None = None) -> Task:
        """Run a tool (upscale, remove background) on one finished picture: the cached picture is uploaded afresh
        and a new task is made, linked to its source (`parent_id`) and recording the tool as its model. Only a task
        this person may use (`_task_for`): another person's is refused (`NotYourTask`), audited, nothing sent."""
        task = self._task_for(task.task_id, "tool")
        spec = catalog.get(tool_id)
        if not spec.is_tool:
            raise errors.RequestInvalid(f"{spec.name} is not a tool for a finished picture.", field="model")
        if not 0 <= image_index < len(task.images):
            raise errors.RequestInvalid("That picture is not in the local cache yet: wait until it has been "
                                        "downloaded, then try again.", field="image_index")
        content = self.store.image_path(task.task_id, task.images[image_index]).read_bytes()
        request = GenerateRequest.build(spec.id, "", options or {})
        return self.submit(request, [InputFile("source", content)], on_step, measure=False, parent_id=task.task_id)

    def compare(self, prompt: str, model_ids: list[str], options_by_model: Mapping[str, Mapping[str, Any]] | None,
                files: list[InputFile] | tuple = (), on_step: Callable[[str], None] | None = None) -> list[Task]:
        """One prompt (and references) sent to 2–4 models at once; every task shares a new `comparison_id`.

        Every request is validated and the budget reserved for the whole comparison before anything is uploaded
        or sent. Each request is sent once; one that fails is kept in the comparison as a failed task (with
        why), and the others go on. Raises `RequestInvalid` or `ComparisonOverBudget` (what the whole comparison
        needs, and what is left) with nothing sent.
        """
        step = on_step or (lambda _msg: None)
        models = list(dict.fromkeys(model_ids))
        if not COMPARE_MODELS[0] <= len(models) <= COMPARE_MODELS[1]:
            raise errors.RequestInvalid(f"Choose {COMPARE_MODELS[0]} to {COMPARE_MODELS[1]} different models to "
                                        "compare.", field="model")
        if any(f.role == "mask" for f in files):
            raise errors.RequestInvalid("A comparison takes reference pictures, not a mask.", field="mask_url")
        refs = [replace(f, role="ref") for f in files]
        requests = []
        for model_id in models:
            spec = catalog.get(model_id)
            if spec.is_tool:
                raise errors.RequestInvalid(f"{spec.name} is a tool, not a model to compare.", field="model")
            request = GenerateRequest.build(model_id, prompt, (options_by_model or {}).get(model_id, {}))
            try:
                self._check(request, refs)
            except errors.RequestInvalid as refused:
                refused.detail = f"{spec.name}: {refused.detail}"
                raise
            requests.append(request)
        reservations = []
        if self.budgets is not None and self.store.owner is not None:
            try:
                for request in requests:  # all of them or none: a partial comparison is no comparison
                    reservations.append(self._reserve(self._check(request, refs)))
            except BudgetExceeded as refused:
                for reservation in reservations:
                    self.budgets.release(reservation)
                raise self._over_budget(refused, requests, reservations) from None
            except BaseException:
                for reservation in reservations:
                    self.budgets.release(reservation)
                raise
        comparison_id = f"cmp-{uuid.uuid4().hex[:16]}"
        tasks: list[Task] = []
        try:
            # The references are uploaded once and the same addresses go to every model.
            uploaded, inputs = self._upload(GenerateRequest(), refs, step)
        except BaseException:
            for reservation in reservations:
                self.budgets.release(reservation)
            raise
        for n, request in enumerate(requests):
            reservation = reservations[n] if reservations else None
            name = request.spec.name
            step(f"Sending to {name} ({n + 1} of {len(requests)})…")
            final = replace(request, files_url=uploaded.files_url)
            try:
                task = self._send(final.validated(), dict(inputs), lambda _m: None, comparison_id=comparison_id)
            except errors.UnknownOutcome as lost:
                if reservation:
                    self.budgets.accepted(reservation, lost.task_id or "")
                tasks.append(self.store.get(lost.task_id) if lost.task_id else None)
                continue
            except errors.KieError as error:
                if reservation:
                    self.budgets.release(reservation)
                tasks.append(self._remember_refused(final.validated(), inputs, error, comparison_id))
                continue
            if reservation:
                self.budgets.accepted(reservation, task.task_id, task.credits)
            tasks.append(task)
        return [t for t in tasks if t is not None]

    def _over_budget(self, refused: BudgetExceeded, requests: list[GenerateRequest],
                     reserved: list[Reservation]) -> ComparisonOverBudget:
        """The refusal of a whole comparison: all its images and their estimated credits against what was left
        before any of its reservations (the refusal counted those already made for it)."""
        images = sum(request.images for request in requests)
        credits = round(sum(request.spec.price_per_image * request.images for request in requests), 2)
        used = refused.used - sum(reservation.images for reservation in reserved)
        return ComparisonOverBudget(limit=refused.limit, used=used, asked=images, credits=credits, now=self.clock())

    def _remember_refused(self, request: GenerateRequest, inputs: dict[str, str], error: errors.KieError,
                          comparison_id: str) -> Task:
        """A comparison's request the service refused at once: kept as a failed task so the comparison says why."""
        now = self.clock()
        task = Task(task_id=f"refused-{uuid.uuid4().hex[:16]}", kind=request.kind, request=request,
                    inputs=dict(inputs), state="failed", created_at=now, completed_at=now, model=request.model,
                    error_message=f"{error.message} {error.hint}".strip(), comparison_id=comparison_id)
        self.store.add(task)
        return task

    def comparison(self, comparison_id: str) -> list[Task]:
        """The tasks of one comparison, in the order they were sent, however old (read from the store by its id: it
        survives restarts). Only this person's: another person's comparison is refused (`NotYourTask`), audited."""
        found = self.store.query(TaskQuery(comparison_id=comparison_id), limit=-1)
        if not found and self.store.owner is not None \
                and self.store.scoped(None).count(TaskQuery(comparison_id=comparison_id)):
            self._refuse(comparison_id, "compare")
        return sorted(found, key=lambda t: t.created_at)

    # -- expected durations ----------------------------------------------------------------

    def expected_seconds(self, model: str) -> float:
        """How long a task of `model` is expected to take here: the median of this workspace's last finished
        tasks of that model, else the catalogue's typical duration. Learned again every EXPECTED_TTL seconds."""
        now = self.clock()
        cached = self._expected.get(model)
        if cached is not None and now - cached[1] < EXPECTED_TTL:
            return cached[0]
        spec = catalog.CATALOG.get(model)
        typical = self.policy.typical_seconds or (spec.typical_seconds if spec else catalog.GPT_4O.typical_seconds)
        expected = expected_duration((t.duration for t in self._recent_finished(model)), typical,
                                     self.policy.expected_sample)
        self._expected[model] = (expected, now)
        return expected

    def _recent_finished(self, model: str) -> list[Task]:
        """The most recent successful tasks of `model` in the whole workspace, newest first."""
        store = self.store.scoped(None) if self.store.owner is not None else self.store  # read only: durations
        query = TaskQuery(states=("success",), models=(model,))
        return [t for t in store.query(query, limit=self.policy.expected_sample) if t.duration]

    def time_left(self, task: Task) -> str | None:
        """What a pending card says for a model without a progress figure ("about 40 s left"); None otherwise."""
        spec = catalog.CATALOG.get(task.model)
        if task.state != "pending" or spec is None or spec.reports_progress:
            return None
        return describe_remaining(self.clock() - task.created_at, self.expected_seconds(task.model))

    def _delay(self, task: Task, age: float, progress: float | None, **kwargs) -> float:
        """The policy's wait (from progress, or for a model without one from its expected end); while a callback
        is expected, no shorter than the slow callback interval."""
        spec = catalog.CATALOG.get(task.model)
        if spec is not None and not spec.reports_progress:
            delay = expected_end_delay(age, self.expected_seconds(task.model), failures=kwargs.get("failures", 0),
                                       heard=progress is not None, policy=self.policy)
        else:
            delay = next_poll_delay(age, progress, policy=self.policy, **kwargs)
        if task.follow == "callback":
            delay = max(delay, self.policy.callback_interval)
        return delay

    def _remember_unconfirmed(self, request: GenerateRequest, inputs: dict[str, str], **links: Any) -> str:
        """A request whose answer was lost may have been accepted: keep it in the history, with why."""
        now = self.clock()
        task_id = f"unconfirmed-{uuid.uuid4().hex[:16]}"
        self.store.add(Task(
            task_id=task_id, kind=request.kind, request=request, inputs=inputs,
            state="failed", created_at=now, completed_at=now, model=request.model,
            error_message=UNCONFIRMED_MESSAGE, **{k: v for k, v in links.items() if v is not None},
        ))
        return task_id

    # -- follow ----------------------------------------------------------------------------

    def poll_due(self, only: Collection[str] | None = None) -> list[Task]:
        """Ask about every task that is due and that no other viewer is asking about; return those that changed.

        The one polling path of the studio: the server's worker calls it for whole workspaces, a session's
        fragment for the tasks it follows (`only`). Claims in the store let one caller ask per due time.
        """
        changed = []
        now = self.clock()
        for task in self.store.unfinished():
            if only is not None and task.task_id not in only:
                continue
            if task.next_poll_at > now or not self.store.claim(task.task_id, now, CLAIM_LEASE):
                continue
            try:
                if self.poll(task):
                    changed.append(task)
            except Exception:  # one bad task must not stop the others; it is retried later
                log.exception("polling %s failed", task.task_id)
                task.next_poll_at = self.clock() + self.policy.max_interval
                self.store.save(task)
        return changed

    def poll(self, task: Task) -> bool:
        """Ask about one task now and keep the answer. True when something a person sees changed."""
        before = (task.state, task.progress, len(task.images), task.error_message)
        now = self.clock()
        age = now - task.created_at
        if task.state == "pending":
            previous = (task.last_polled_at - task.created_at, task.progress) if task.last_polled_at else None
            status: TaskStatus | None = None
            try:
                status = self.client.record_info(task.task_id, task.model)
                failures = 0 if status is not None else self._failures.get(task.task_id, 0) + 1
            except errors.KieError as error:
                failures = self._failures.get(task.task_id, 0) + 1
                log.info("record-info for %s: %s", task.task_id, error.message)
                task.error_message = f"{error.message} The app keeps asking; nothing is lost."
            self._failures[task.task_id] = failures
            task.polls += 1
            task.last_polled_at = now
            if status is not None:
                task.apply(status, now)
                if task.state == "success":
                    self._take_results(task, status.result_problem, now)
            elif age > self.policy.not_visible_grace and failures and task.polls > 3 and task.progress == 0:
                task.state = "failed"
                task.error_message = "The service does not know this task (it never became visible)."
            if task.state == "pending" and now >= (task.deadline_at or task.created_at + self.policy.deadline):
                task.state = "timed_out"
            if task.state != "pending":
                metrics.task_ended(task.kind, task.state)
            progress = task.progress if (status is not None or task.polls > 1) else None
            task.next_poll_at = now + self._delay(task, age, progress, failures=failures, previous=previous)
        if task.state == "success" and len(task.images) < len(task.result_urls):
            self._fetch_images(task)
        self.store.save(task)
        return before != (task.state, task.progress, len(task.images), task.error_message)

    def _take_results(self, task: Task, problem: str | None, now: float) -> None:
        """A success just reported: its addresses cut to what the model makes, and its download window opened (kept
        in `deadline_at`, which a finished task no longer needs). A success naming no usable address fails."""
        self._bound_results(task)
        if task.result_urls:
            task.deadline_at = now + results.DOWNLOAD_WINDOW
        else:
            results.fail_download(task, f"{problem or NO_ADDRESS}.")

    @staticmethod
    def _bound_results(task: Task) -> None:
        """Cut the addresses to the model's count; said in the log once (the list is cut before it is kept)."""
        if left_out := results.bound_results(task):
            log.warning("%s: the service named %d more pictures than %s makes (%d); the rest are left out",
                        task.task_id, left_out, task.model, len(task.result_urls))

    def _fetch_images(self, task: Task) -> None:
        """Download result pictures into the cache once, each checked to be a picture within the pixel cap before it
        is kept (kie.results). An address the guard refuses fails the task at once, and so does a body that is not
        a picture or is too large (audited); any other failure is tried again with growing waits until the task's
        download window (about two minutes) is over, then the task fails with `results.DOWNLOAD_FAILED`
        (`retry_download` starts again)."""
        self._bound_results(task)
        if not task.result_urls:
            results.fail_download(task, f"{NO_ADDRESS}.")
            return
        index = len(task.images)
        try:
            for index in range(len(task.images), len(task.result_urls)):
                content = self.client.fetch_result(task.result_urls[index])
                results.check_picture(content, self.max_result_pixels)
                content = composite.for_task(task.inputs, lambda name: self.store.input_path(name).read_bytes(),
                                             content)
                task.images.append(self.store.save_image(task.task_id, index, content))
        except (results.ResultRefused, results.AddressRefused) as refused:
            self._refuse_result(task, index, refused)
        except errors.KieError as error:
            now = self.clock()
            if task.deadline_at is None or task.deadline_at - now > results.DOWNLOAD_WINDOW:
                task.deadline_at = now + results.DOWNLOAD_WINDOW  # a success seen outside `poll` (Add a task by ID)
            task.next_poll_at = results.next_try_at(now, task.deadline_at) or now
            if task.next_poll_at <= now:
                results.fail_download(task, f"{error.detail or error.message} (tried for about "
                                            f"{round(results.DOWNLOAD_WINDOW / 60)} minutes).")
            log.info("downloading results of %s: %s; %s", task.task_id, error.message,
                     "given up" if task.state == "failed" else f"trying again in {task.next_poll_at - now:.0f} s")
        except NotYours:  # deleted while its pictures were downloading: the store took the files with it
            log.info("%s was deleted while its results were downloaded", task.task_id)

    def _refuse_result(self, task: Task, index: int, refused: errors.KieError) -> None:
        """A result address the guard refuses, or a body that is not a picture: the task fails at once; audited."""
        try:
            host = urlparse(task.result_urls[index]).hostname or "no host"
        except ValueError:
            host = "an unreadable address"
        detail = f"result {index + 1} of {len(task.result_urls)} from {host[:100]}: {refused.message}"[:500]
        log.warning("%s refused: %s", task.task_id, detail)
        self.store.audit(self.store.owner or task.owner or "(no sign-in)", "result_refused", task.task_id, detail,
                         self.clock())
        if isinstance(refused, results.AddressRefused):
            results.fail_download(task, f"the service named {refused.detail}, which this server does not send "
                                        "requests to.")
        else:
            task.state, task.error_code = "failed", None
            task.error_message = f"{refused.default_message} {refused.hint}"

    def retry_download(self, task_id: str) -> Task | None:
        """Try again to get the pictures of a task whose download failed (`results.DOWNLOAD_FAILED`): the service is
        asked for the task afresh (its current addresses), then they are downloaded in a new window. Only the
        person's own task (`_task_for`): another person's is refused (`NotYourTask`), audited, left as it is. None
        when the task is no longer kept."""
        try:
            task = self._task_for(task_id, "retry_download")
        except TaskGone:
            return None
        if task.state != "failed" or task.error_code != results.DOWNLOAD_FAILED:
            return task  # nothing failed to download: nothing to try again
        now = self.clock()
        task.state, task.error_code, task.error_message = "pending", None, None
        task.result_urls = []
        task.deadline_at = now + self.policy.deadline
        task.next_poll_at = now
        self._failures.pop(task_id, None)
        self.store.save(task)
        return task

    def rerun(self, task: Task, on_step: Callable[[str], None] | None = None) -> Task:
        """Submit a task again with the same parameters.

        Pictures kept in the local cache are uploaded afresh (the provider's uploads expire after
        about a day); a task made elsewhere keeps the addresses it had. Only a task this person may use
        (`_task_for`): another person's is refused (`NotYourTask`), audited, nothing sent.
        """
        task = self._task_for(task.task_id, "vary")
        links = {"parent_id": task.parent_id}
        if not task.inputs:
            return self.submit(task.request, on_step=on_step, **links)
        most = max(spec.max_refs for spec in catalog.CATALOG.values())
        roles = [("source", "source")] + [(f"ref{i}", "ref") for i in range(most)] + [("mask", "mask"),
                                                                                      (KEEP_MASK, KEEP_MASK)]
        files = [InputFile(role, self.store.input_path(task.inputs[key]).read_bytes())
                 for key, role in roles if key in task.inputs]
        return self.submit(replace(task.request, files_url=(), mask_url=None), files, on_step=on_step, **links)

    def keep_waiting(self, task_id: str) -> None:
        """Resume a timed-out task: poll it again until a new deadline. Only the person's own: another person's is
        refused (`NotYourTask`), audited, left as it is; a task no longer kept is nothing to wait for."""
        try:
            task = self._task_for(task_id, "keep_waiting")
        except TaskGone:
            return
        if task.state != "timed_out":
            return
        now = self.clock()
        task.state = "pending"
        task.deadline_at = now + self.policy.deadline
        task.next_poll_at = now
        self.store.save(task)

    def add_by_id(self, task_id: str) -> Task:
        """Keep a task made elsewhere with the same key (a script, say), found by its taskId.

        A task this workspace already keeps for someone else is refused (`TaskOfAnotherPerson`), audited, and left
        exactly as it is: the service is not even asked, so nothing of theirs can be overwritten."""
        task_id = task_id.strip()
        existing = self.store.get(task_id)
        if existing:
            return existing
        if self._kept_for_someone_else(task_id):
            self._refuse_add_by_id(task_id)
        status = self.client.find_task(task_id)  # every family is asked (NotFound when none knows it)
        if status is None:
            raise errors.NotFound("no task with that ID is visible to this API key")
        request = request_from_params(status.params or {})
        task = Task(task_id=task_id, kind=request.kind, request=request, model=request.model,
                    created_at=status.created_at or self.clock(), deadline_at=self.clock() + self.policy.deadline)
        task.apply(status, self.clock())
        if status.completed_at:
            task.completed_at = status.completed_at
        try:
            added = self.store.add(task)
        except PermissionError:  # the store's own owner check (kie.store.NotYours): another person's task
            added, mine = False, None
        else:
            mine = None if added else self.store.get(task_id)
        if not added:  # kept meanwhile (by another tab or person): never save over that row
            if mine is None:
                self._refuse_add_by_id(task_id)
            return mine
        if task.state == "success":
            self._fetch_images(task)
            self.store.save(task)
        return task

    def _kept_for_someone_else(self, task_id: str) -> bool:
        """Whether the workspace keeps this task under another owner (or none) while this store is one person's."""
        return self.store.owner is not None and self.store.scoped(None).get(task_id) is not None

    def _refuse_add_by_id(self, task_id: str) -> None:
        self.store.audit(self.store.owner or "(no sign-in)", "adopt_refused", task_id[:128],
                         "task ID already kept for another person", self.clock())
        raise TaskOfAnotherPerson()

    # -- who may use which task ----------------------------------------------------------------

    def own_task(self, task_id: str, action: str = "edit") -> Task:
        """A task read afresh from the store to take into new work, if this person may use it for `action`
        (`_task_for`): "edit" (Edit this result; Edit again: its source, mask, prompt and settings back in the
        form), "reference" (Use as reference), "restore" (its settings back in a form)."""
        return self._task_for(task_id, action)

    def delete(self, task_id: str) -> None:
        """Forget a task and its cached pictures: the person's own, or for an admin anyone's (as History always
        allowed). Another person's is refused (`NotYourTask`), audited, and kept. Audited as `delete`."""
        task = self._task_for(task_id, "delete")
        writer = self.store.scoped(None) if self.admin else self.store
        if not writer.delete(task.task_id):
            raise TaskGone()
        self.store.audit(self.store.owner or "(no sign-in)", "delete", task.task_id, task.prompt[:80], self.clock())

    def _task_for(self, task_id: str, action: str) -> Task:
        """The task `task_id` as the store keeps it, if this person may use it for `action` (a key of
        NOT_YOURS_WORDS): their own (every task of the workspace without sign-in); for an admin also a task of
        unknown owner to make something new from (ADMIN_UNOWNED, as before sign-in was on), and any task to delete.
        Anything else is another person's: `NotYourTask`, audited, nothing changed. `TaskGone` when not kept."""
        mine = self.store.get(task_id)
        if mine is not None:
            return mine
        found, owner = self.store.owner_of(task_id)
        if not found:
            raise TaskGone()
        if self.admin and (action == "delete" or (owner is None and action in ADMIN_UNOWNED)):
            kept = self.store.scoped(None).get(task_id)
            if kept is None:  # deleted meanwhile
                raise TaskGone()
            return kept
        self._refuse(task_id, action)

    def _refuse(self, target: str, action: str) -> NoReturn:
        """Refuse `action` on another person's task (or comparison): audited as `<action>_refused`."""
        what = "comparison" if action == "compare" else "task"
        self.store.audit(self.store.owner or "(no sign-in)", f"{action}_refused", target[:128],
                         f"{what} of another person", self.clock())
        raise NotYourTask(action)


# What an admin may do with a task of unknown owner (made before sign-in was on): make something new from it.
ADMIN_UNOWNED = frozenset({"tool", "vary", "edit", "reference", "restore"})
# How each refused action is said: "This task belongs to another person on this studio, so you cannot ...".
NOT_YOURS_WORDS = {
    "tool": "run a tool on its pictures",
    "vary": "send it again",
    "edit": "edit it",
    "reference": "use its pictures as references",
    "restore": "restore its settings",
    "keep_waiting": "keep waiting for it",
    "retry_download": "try its download again",
    "compare": "open its comparison",
    "delete": "delete it",
}


class TaskOfAnotherPerson(errors.KieError):
    """Add a task by ID named a task this workspace keeps for someone else: refused, nothing changed."""

    code = 403
    default_message = "This task belongs to another person on this studio, so it cannot be added to your history."
    hint = "Ask them to share the picture, or ask an admin. Nothing was changed."


class NotYourTask(TaskOfAnotherPerson):
    """One of the person's actions (a tool, Vary, Edit, Keep waiting, a comparison, Delete...) was handed a task
    this workspace keeps for someone else: refused, audited, nothing changed. `action` names it."""

    def __init__(self, action: str):
        self.action = action
        super().__init__()

    @property
    def message(self) -> str:
        return ("This task belongs to another person on this studio, so you cannot "
                f"{NOT_YOURS_WORDS.get(self.action, 'use it here')}.")


class TaskGone(errors.KieError):
    """An action named a task this history no longer keeps (deleted meanwhile, in another tab)."""

    code = 404
    default_message = "That task is no longer in this history (it was deleted)."
    hint = "Nothing was sent or changed. Reload the page to see the history as it is now."
