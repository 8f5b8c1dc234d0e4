"""Sending one request: the budget reserved, local pictures uploaded, the generate sent once, the task kept.

The request is checked as it will be once its pictures are uploaded before anything is spent; on a team server
the person's daily budget is reserved next (`BudgetExceeded`: nothing uploaded or sent), taken when the service
accepts the task and given back when nothing was sent. The cost of a task is measured from the balance before
and after it, when no other task of the workspace was made in between. Every send is audited as `submit`.

Two ways to send again from a finished task: Run again (`resend`) sends the same request once more; Vary (`vary`)
makes variations of one of its pictures, sending that picture as the one reference with the same prompt and settings
to the task's own model (`variation_request` says what it will send, or why that model cannot).
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from kie import catalog, errors, metrics
from kie.composite import KEEP_MASK
from kie.durations import Durations
from kie.fetch import FetchError
from kie.models import GenerateRequest, Task
from kie.permissions import Permissions
from kie.team import Reservation
from kie.thumbnails import Unshowable, size_of
from kie.workspace_setup import WorkspaceSetup

UNCONFIRMED_MESSAGE = (
    "The request reached the service but its answer was lost, so its task ID is unknown: the service may still "
    "make (and charge for) it. If you learn its task ID, for example from your callback URL, add it in History "
    "with 'Add a task by ID'. Run it again only if you are sure it was not made."
)
Step = Callable[[str], None]  # told what is happening now ("Uploading picture 1 of 2…")


def quiet(_message: str) -> None:
    """A step nobody is shown."""


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


def as_uploaded(request: GenerateRequest, files: list[InputFile] | tuple = ()) -> GenerateRequest:
    """The request validated as it will be once `files` are uploaded (placeholders stand for their addresses)."""
    placeholder = tuple(f"https://upload.invalid/{f.role}" for f in files if f.role not in ("mask", KEEP_MASK))
    mask_placeholder = "https://upload.invalid/mask" if any(f.role == "mask" for f in files) else None
    return replace(request, files_url=request.files_url + placeholder,
                   mask_url=request.mask_url or mask_placeholder).validated()


def why_not_vary(task: Task) -> str | None:
    """Why the pictures of `task` cannot be varied on its model, from the catalogue alone (cheap: asked for every
    picture drawn), or None: a model no longer offered, a tool's result, a model that takes no reference pictures."""
    spec = catalog.CATALOG.get(task.model)
    if spec is None:
        return (f"{task.model} is no longer offered here, so its pictures cannot be varied: use one as a reference "
                "with another model.")
    if spec.is_tool:
        return f"{spec.name} made this picture from another one: vary that picture instead, or use it as a reference."
    if spec.max_refs == 0:
        return (f"{spec.name} takes no reference pictures, so it cannot make variations of a picture: Run again makes "
                "new pictures from the same prompt, or use this one as a reference with a model that takes them.")
    return None


def variation_request(task: Task) -> GenerateRequest:
    """What Vary sends for a picture of `task`, before the picture is uploaded as its one reference: the task's
    model, prompt and settings, checked as they will be sent (`as_uploaded`), so its cost and any refusal are known
    before anything is sent. `RequestInvalid` says why not: a model that takes no reference pictures, a tool's
    result (`why_not_vary`), a combination the model refuses with a reference."""
    if reason := why_not_vary(task):
        raise errors.RequestInvalid(reason, field="model")
    request = replace(task.request, files_url=(), mask_url=None)
    as_uploaded(request, [InputFile("ref", b"")])  # refused as it would be once sent
    return request


def _picture_file(content: bytes) -> InputFile:
    """A stored picture to upload as a reference, named by what it is (results are PNG or JPEG)."""
    if content.startswith(b"\xff\xd8"):
        return InputFile("ref", content, ".jpg", "image/jpeg")
    return InputFile("ref", content)


class Sender:
    """Sends one person's requests through the workspace's client and keeps their tasks."""

    def __init__(self, setup: WorkspaceSetup, permissions: Permissions, durations: Durations):
        self.setup = setup
        self.permissions = permissions
        self.durations = durations

    def submit(self, request: GenerateRequest, files: list[InputFile] | tuple = (), on_step: Step | None = None, *,
               measure: bool = True, parent_id: str | None = None, comparison_id: str | None = None,
               batch_id: str | None = None, source_task_id: str | None = None) -> Task:
        """Upload local pictures, send one generate request (any catalogue model), keep the task. Raises `KieError`
        (`BudgetExceeded` on a team server when the person's daily budget is spent: nothing uploaded or sent)."""
        step = on_step or quiet
        # Check everything that does not need the uploads before spending any time on them.
        checked = as_uploaded(request, files)
        self.check_callback_url(checked.callback_url)
        links = {"parent_id": parent_id, "comparison_id": comparison_id, "batch_id": batch_id,
                 "source_task_id": source_task_id}
        budgets = self.setup.budgets
        if budgets is None or self.setup.store.owner is None:
            return self._upload_and_send(request, files, step, measure, **links)
        reservation = self.reserve(checked)
        try:
            task = self._upload_and_send(request, files, step, measure, **links)
        except errors.UnknownOutcome as lost:
            budgets.accepted(reservation, lost.task_id or "")  # it may have been made (and charged)
            raise
        except BaseException:
            budgets.release(reservation)
            raise
        budgets.accepted(reservation, task.task_id, task.credits)
        return task

    def resend(self, task: Task, on_step: Step | None = None) -> Task:
        """Submit a task again with the same parameters (Run again).

        Pictures kept in the local cache are uploaded afresh (the provider's uploads expire after about a day); a
        task made elsewhere keeps the addresses it had. Only a task this person may use (kie.permissions): another
        person's is refused (`NotYourTask`), audited, nothing sent."""
        task = self.permissions.task_for(task.task_id, "run_again")
        links = {"parent_id": task.parent_id}
        if task.request.spec.acts_on_task:  # a follow-up (Midjourney's Upscale, Vary) is asked of its source again
            links["source_task_id"] = task.parent_id
        if not task.inputs:
            return self.submit(task.request, on_step=on_step, **links)
        most = max(spec.max_refs for spec in catalog.CATALOG.values())
        roles = [("source", "source"), *((f"ref{i}", "ref") for i in range(most)), ("mask", "mask"),
                 (KEEP_MASK, KEEP_MASK)]
        store = self.setup.store
        files = [InputFile(role, store.input_path(task.inputs[key]).read_bytes())
                 for key, role in roles if key in task.inputs]
        return self.submit(replace(task.request, files_url=(), mask_url=None), files, on_step=on_step, **links)

    def vary(self, task: Task, index: int, on_step: Step | None = None) -> Task:
        """Variations of picture `index` of `task` (Vary): that picture, uploaded from the local cache, as the one
        reference of the task's prompt and settings on its own model (`variation_request`); the new task is linked
        to its source (`parent_id`). Only a task this person may use (kie.permissions): another person's is refused
        (`NotYourTask`), audited, nothing sent. `RequestInvalid` (nothing sent) when the model takes no reference
        pictures or the picture is not in the cache or cannot be used."""
        task = self.permissions.task_for(task.task_id, "vary")
        request = variation_request(task)
        if not 0 <= index < len(task.images):
            raise errors.RequestInvalid("That picture is not in the local cache yet: wait until it has been "
                                        "downloaded, then try again.", field="image_index")
        path = self.setup.store.image_path(task.task_id, task.images[index])
        try:
            size_of(path)  # the header alone: a file that cannot be shown is not sent
        except Unshowable as refused:
            raise errors.RequestInvalid(f"That picture cannot be varied: {refused.reason}.",
                                        field="image_index") from None
        return self.submit(request, [_picture_file(path.read_bytes())], on_step, parent_id=task.task_id)

    def reserve(self, checked: GenerateRequest) -> Reservation:
        """Reserve the request's images from the person's budget, recorded under its model (usage per model)."""
        return self.setup.budgets.reserve(self.setup.store.owner, checked.images, model=checked.model)

    def check_callback_url(self, url: str | None) -> None:
        """Refuse, before anything is sent, a callback URL the server itself would have to call (demo mode)."""
        guard = self.setup.outgoing_guard
        if url and guard is not None:
            try:
                guard(url)
            except FetchError as refused:
                raise errors.RequestInvalid(f"The callback URL cannot be used in demo mode: {refused}",
                                            field="callback_url") from None

    def upload(self, request: GenerateRequest, files: list[InputFile] | tuple,
               step: Step) -> tuple[GenerateRequest, dict[str, str]]:
        """Cache and upload local pictures; the request with their addresses, and the cached names by role."""
        store, client = self.setup.store, self.setup.client
        inputs: dict[str, str] = {}
        urls: list[str] = list(request.files_url)
        mask_url = request.mask_url
        refs = 0
        for n, f in enumerate(files, 1):
            step(f"Uploading picture {n} of {len(files)}…")
            cached = store.save_input(f.content, f.suffix)
            if f.role == KEEP_MASK:  # never sent: laid over the results when they are downloaded (kie.composite)
                inputs[KEEP_MASK] = cached
                continue
            name = f"{f.role}-{uuid.uuid4().hex}{f.suffix}"  # unique: a reused name may serve stale bytes
            uploaded = client.upload_bytes(f.content, name, f.mime_type)
            if f.role == "mask":
                mask_url = uploaded.url
                inputs["mask"] = cached
            else:
                urls.append(uploaded.url)
                key = "source" if f.role == "source" else f"ref{refs}"
                refs += f.role != "source"
                inputs[key] = cached
        return replace(request, files_url=tuple(urls), mask_url=mask_url), inputs

    def _upload_and_send(self, request: GenerateRequest, files: list[InputFile] | tuple, step: Step,
                         measure: bool = False, **links: Any) -> Task:
        uploaded, inputs = self.upload(request, files, step)
        return self.send(uploaded.validated(), inputs, step, measure, **links)

    def send(self, final: GenerateRequest, inputs: dict[str, str], step: Step, measure: bool = False,
             **links: Any) -> Task:
        """Send one validated request once and keep its task (`links`: parent_id, comparison_id, batch_id, and
        source_task_id for a follow-up on the provider's own task)."""
        setup = self.setup
        source_task_id = links.pop("source_task_id", None)
        store = setup.store
        token = new_callback_token(store.workspace) if setup.public_url and not final.callback_url else None
        # Our own callback URL is sent but never kept in the request: it holds a secret, and a re-run gets a new one.
        sent = replace(final, callback_url=callback_url(setup.public_url, token)) if token else final
        step("Sending the request…")
        before, sent_at = (self._balance() if measure else None), setup.clock()
        try:
            task_id = setup.client.generate(sent, source_task_id=source_task_id)
        except errors.UnknownOutcome as lost:
            lost.task_id = self._remember_unconfirmed(final, inputs, **links)
            raise
        now = setup.clock()
        # Its age counts from the moment it was sent: counting from the answer would make every poll estimate
        # the end a round-trip late, and the first estimate multiplies that (bench/server.py found it).
        # A picture sent from Edit is an edit, mask or not (models without one change it image to image).
        kind = "edit" if "source" in inputs and final.kind != "tool" else final.kind
        task = Task(task_id=task_id, kind=kind, request=final, inputs=inputs, created_at=sent_at,
                    deadline_at=sent_at + setup.policy.deadline, callback_token=token, model=final.model,
                    **{k: v for k, v in links.items() if v is not None})
        task.next_poll_at = sent_at + self.durations.next_poll_in(task, now - sent_at, None)
        if before is not None and (after := self._balance()) is not None and after < before \
                and not store.accepted_between(sent_at, setup.clock()):
            # No other task of the workspace was made in between. A balance that did not go down was moved by
            # something else too (a failed task's price given back meanwhile): not a measure of this one.
            task.credits = round(before - after, 4)
        store.add(task)
        metrics.task_submitted(final.kind)
        what = f"{final.spec.name}, {final.images} image{'s' if final.images != 1 else ''}, {final.kind}"
        store.audit(setup.actor, "submit", task_id, what, now)
        return task

    def _balance(self) -> float | None:
        try:
            return self.setup.client.credits()
        except errors.KieError:
            return None

    def _remember_unconfirmed(self, request: GenerateRequest, inputs: dict[str, str], **links: Any) -> str:
        """A request whose answer was lost may have been accepted: keep it in the history, with why."""
        now = self.setup.clock()
        task_id = f"unconfirmed-{uuid.uuid4().hex[:16]}"
        self.setup.store.add(Task(
            task_id=task_id, kind=request.kind, request=request, inputs=inputs,
            state="failed", created_at=now, completed_at=now, model=request.model,
            error_message=UNCONFIRMED_MESSAGE, **{k: v for k, v in links.items() if v is not None},
        ))
        return task_id
