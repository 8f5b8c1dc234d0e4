"""The words people read: one mapping of task states, batch stages in plain words, never Done too early."""

from __future__ import annotations

import io

from PIL import Image

from components.batch_view import headline, progress_of
from components.task_words import FOLLOW_NOTES, STATE_BADGES
from kie.models import GenerateRequest, Task
from kie.store.rows import Batch
from kie.task_states import state_key
from kie.thumbnails import thumbnail_bytes


def task(state: str, progress: float = 0.0, **extra) -> Task:
    return Task(task_id=f"t-{state}-{progress}", kind="text", request=GenerateRequest(prompt="x"), state=state,
                progress=progress, **extra)


def batch(**counts) -> Batch:
    """A typed batch row of five items, as the store hands it out, with the given state and counts per item state."""
    base = {"id": "b-1", "owner": None, "name": "five", "state": "running", "message": None, "created_at": 0.0,
            "total": 5, "queued": 0, "sending": 0, "sent": 0, "unconfirmed": 0, "failed": 0, "cancelled": 0}
    return Batch(**{**base, **counts})


def test_states_read_queued_generating_done_failed():
    assert [state_key(task(s, p)) for s, p in (("pending", 0.0), ("pending", 0.4), ("success", 1.0),
                                               ("failed", 0.0))] == ["queued", "pending", "success", "failed"]
    assert [STATE_BADGES[k].split(": ", 1)[1].rstrip("]") for k in ("queued", "pending", "success", "failed")] == [
        "Queued", "Generating", "Done", "Failed"]
    assert all("Polling" not in note and "news" not in note for note in FOLLOW_NOTES.values())


def test_a_batch_is_sending_then_generating_and_done_only_when_every_task_has_ended():
    assert progress_of(batch(queued=3, sent=2), [task("pending", 0.5)] * 2).stage == "sending"
    five_open = [task("pending", 0.5)] * 4 + [task("success", 1.0, images=["0.png"])]
    p = progress_of(batch(sent=5), five_open)
    assert p.stage == "generating" and headline(p)[1] == "4 of 5 being made; 1 done."
    ended = [task("success", 1.0, images=["0.png"])] * 4 + [task("failed")]
    p = progress_of(batch(sent=5), ended)
    assert p.stage == "done" and headline(p)[1] == "All 5 ended: 4 done, 1 failed."


def test_a_cancelled_batch_says_how_many_were_sent_before_it():
    p = progress_of(batch(state="cancelled", sent=2, cancelled=3), [task("success", 1.0, images=["0.png"])] * 2)
    assert headline(p)[1] == "Cancelled: 2 of 5 had been sent before it; 2 done."


def test_a_transparent_picture_keeps_its_transparency_in_thumbnails():
    picture = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    picture.paste((200, 30, 30, 255), (100, 50, 200, 150))
    out = io.BytesIO()
    picture.save(out, "PNG")
    with Image.open(io.BytesIO(thumbnail_bytes(out.getvalue(), 100))) as thumb:
        assert thumb.mode == "RGBA" and thumb.getpixel((2, 2))[3] == 0 and thumb.getpixel((50, 33))[3] == 255
    opaque = io.BytesIO()
    Image.new("RGB", (300, 200), (1, 2, 3)).save(opaque, "PNG")
    assert thumbnail_bytes(opaque.getvalue(), 100)[:3] == b"\xff\xd8\xff"  # JPEG where nothing is transparent
