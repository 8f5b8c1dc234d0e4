"""Following sent tasks: asking the service about them when due, keeping the answers, downloading their pictures.

Several sessions, tabs or server processes may follow the same tasks: the store hands out the right to poll a task
(a claim on its due time), so record-info requests per task do not grow with the number of viewers. Result
pictures are checked before they are kept (kie.results); a download that fails is tried again with growing waits
for about two minutes, after which the task fails and `retry_download` can start again.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from urllib.parse import urlparse

from kie import composite, errors, metrics, results
from kie.durations import Durations
from kie.models import Task, TaskStatus
from kie.permissions import Permissions, TaskGone
from kie.store import NotYours, StoreUnavailable
from kie.task_status import NO_ADDRESS
from kie.workspace_setup import NO_SIGN_IN, WorkspaceSetup

log = logging.getLogger(__name__)
CLAIM_LEASE = 60.0  # a poller that dies mid-request frees the task after this long


class Following:
    """Polls one person's (or, for the worker, everyone's) unfinished tasks and downloads their results."""

    def __init__(self, setup: WorkspaceSetup, permissions: Permissions, durations: Durations):
        self.setup = setup
        self.permissions = permissions
        self.durations = durations

    def poll_due(self, only: Collection[str] | None = None) -> list[Task]:
        """Ask about every task that is due and that no other viewer is asking about; return those that changed.

        The polling path of everything due: the server's worker calls it for whole workspaces, a session's fragment
        for the tasks it follows (`only`). Claims in the store let one caller ask per due time.
        """
        store, clock = self.setup.store, self.setup.clock
        changed = []
        now = clock()
        for task in store.unfinished():
            if only is not None and task.task_id not in only:
                continue
            if task.next_poll_at > now or not store.claim(task.task_id, now, CLAIM_LEASE):
                continue
            if self._poll_claimed(task):
                changed.append(task)
        return changed

    def confirm_callback(self, task_id: str) -> bool:
        """Ask about a task whose callback this process took in and whose confirmation it claimed then
        (kie.callbacks); True when something a person sees changed. Whatever `poll_due` would follow is followed (a
        success whose pictures are not all kept yet is fetched); a task ended meanwhile is left alone."""
        task = self.setup.store.get(task_id)
        return task is not None and task.needs_polling and self._poll_claimed(task)

    def _poll_claimed(self, task: Task) -> bool:
        """`poll` for a task this caller holds the claim of: a failure of the task's own is logged and the task
        asked about again later; a database gone away is the caller's to report."""
        try:
            return self.poll(task)
        except StoreUnavailable:
            raise  # the database went away meanwhile: the caller says so and tries again; not this task's fault
        except Exception:  # one bad task must not stop the others; it is retried later
            log.exception("polling %s failed", task.task_id)
            task.next_poll_at = self.setup.clock() + self.setup.policy.max_interval
            self.setup.store.save(task)
            return False

    def poll(self, task: Task) -> bool:
        """Ask about one task now and keep the answer. True when something a person sees changed."""
        setup = self.setup
        policy = setup.policy
        before = (task.state, task.progress, len(task.images), task.error_message)
        now = setup.clock()
        age = now - task.created_at
        if task.state == "pending":
            previous = (task.last_polled_at - task.created_at, task.progress) if task.last_polled_at else None
            status: TaskStatus | None = None
            try:
                status = setup.client.record_info(task.task_id, task.model)
                failures = 0 if status is not None else setup.failures.get(task.task_id, 0) + 1
            except errors.KieError as error:
                failures = setup.failures.get(task.task_id, 0) + 1
                log.info("record-info for %s: %s", task.task_id, error.message)
                task.error_message = f"{error.message} The app keeps asking; nothing is lost."
            setup.failures[task.task_id] = failures
            task.polls += 1
            task.last_polled_at = now
            if status is not None:
                task.apply(status, now)
                if task.state == "success":
                    self._take_results(task, status.result_problem, now)
            elif age > policy.not_visible_grace and failures and task.polls > 3 and task.progress == 0:
                task.state = "failed"
                task.error_message = "The service does not know this task (it never became visible)."
            if task.state == "pending" and now >= (task.deadline_at or task.created_at + policy.deadline):
                task.state = "timed_out"
            if task.state != "pending":
                metrics.task_ended(task.kind, task.state)
            progress = task.progress if (status is not None or task.polls > 1) else None
            task.next_poll_at = now + self.durations.next_poll_in(task, age, progress, failures=failures,
                                                                  previous=previous)
        if task.state == "success" and len(task.images) < len(task.result_urls):
            self.fetch_images(task)
        setup.store.save(task)
        return before != (task.state, task.progress, len(task.images), task.error_message)

    def _take_results(self, task: Task, problem: str | None, now: float) -> None:
        """A success just reported: its addresses cut to what the model makes, and its download window opened (kept
        in `deadline_at`, which a finished task no longer needs). A success naming no usable address fails."""
        _bound_results(task)
        if task.result_urls:
            task.deadline_at = now + results.DOWNLOAD_WINDOW
        else:
            results.fail_download(task, f"{problem or NO_ADDRESS}.")

    def fetch_images(self, task: Task) -> None:
        """Download result pictures into the cache once, each checked to be a picture within the pixel cap before it
        is kept (kie.results). An address the guard refuses fails the task at once, and so does a body that is not
        a picture or is too large (audited); any other failure is tried again with growing waits until the task's
        download window (about two minutes) is over, then the task fails with `results.DOWNLOAD_FAILED`
        (`retry_download` starts again)."""
        setup = self.setup
        store = setup.store
        _bound_results(task)
        if not task.result_urls:
            results.fail_download(task, f"{NO_ADDRESS}.")
            return
        index = len(task.images)
        try:
            for index in range(len(task.images), len(task.result_urls)):
                content = setup.client.fetch_result(task.result_urls[index])
                suffix = results.check_picture(content, setup.max_result_pixels)  # what it is, whatever its name
                kept = composite.for_task(task.inputs, lambda name: store.input_path(name).read_bytes(), content)
                task.images.append(store.save_image(task.task_id, index, kept, suffix if kept is content else ".png"))
        except (results.ResultRefused, results.AddressRefused) as refused:
            self._refuse_result(task, index, refused)
        except errors.KieError as error:
            now = setup.clock()
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
        store = self.setup.store
        # The worker's store is everyone's: the line names the task's owner.
        store.audit(store.owner or task.owner or NO_SIGN_IN, "result_refused", task.task_id, detail,
                    self.setup.clock())
        if isinstance(refused, results.AddressRefused):
            results.fail_download(task, f"the service named {refused.detail}, which this server does not send "
                                        "requests to.")
        else:
            task.state, task.error_code = "failed", None
            task.error_message = f"{refused.default_message} {refused.hint}"

    def retry_download(self, task_id: str) -> Task | None:
        """Try again to get the pictures of a task whose download failed (`results.DOWNLOAD_FAILED`): the service is
        asked for the task afresh (its current addresses), then they are downloaded in a new window. Only the
        person's own task (kie.permissions): another person's is refused (`NotYourTask`), audited, left as it is.
        None when the task is no longer kept."""
        try:
            task = self.permissions.task_for(task_id, "retry_download")
        except TaskGone:
            return None
        if task.state != "failed" or task.error_code != results.DOWNLOAD_FAILED:
            return task  # nothing failed to download: nothing to try again
        now = self.setup.clock()
        task.state, task.error_code, task.error_message = "pending", None, None
        task.result_urls = []
        task.deadline_at = now + self.setup.policy.deadline
        task.next_poll_at = now
        self.setup.failures.pop(task_id, None)
        self.setup.store.save(task)
        return task

    def keep_waiting(self, task_id: str) -> None:
        """Resume a timed-out task: poll it again until a new deadline. Only the person's own: another person's is
        refused (`NotYourTask`), audited, left as it is; a task no longer kept is nothing to wait for."""
        try:
            task = self.permissions.task_for(task_id, "keep_waiting")
        except TaskGone:
            return
        if task.state != "timed_out":
            return
        now = self.setup.clock()
        task.state = "pending"
        task.deadline_at = now + self.setup.policy.deadline
        task.next_poll_at = now
        self.setup.store.save(task)


def _bound_results(task: Task) -> None:
    """Cut the addresses to the model's count; said in the log once (the list is cut before it is kept)."""
    if left_out := results.bound_results(task):
        log.warning("%s: the service named %d more pictures than %s makes (%d); the rest are left out",
                    task.task_id, left_out, task.model, len(task.result_urls))
