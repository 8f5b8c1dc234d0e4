"""The demo gallery: seventeen varied finished tasks, so a demo can start on a rich history.

Text, variants from a reference, edits with their source and mask, and two tools' results (an upscale, a background
removed) on gallery pictures, all with pictures drawn by the simulator at the sizes the API returns. Task ids are
fixed (`demo-gallery-01`...), so loading twice adds nothing.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageDraw

from kie import catalog
from kie.families import body_of
from kie.masks import mask_png
from kie.models import GenerateRequest, Task
from kie.simulator import render_result
from kie.simulator.pictures import remove_background, upscale
from kie.store import Store, TaskQuery

Render = Callable[[dict[str, Any], int, Callable[[str], bytes | None]], bytes]
PREFIX = "demo-gallery-"
SPACING = 7 * 60.0  # seconds between two gallery tasks' creation times, so History reads like a session's work
SOURCE_URL = "https://demo.invalid/source.png"  # never fetched: the pictures are drawn here and cached
MASK_URL = "https://demo.invalid/mask.png"
SQUARE, LANDSCAPE, PORTRAIT = catalog.GPT_4O.option("size").values  # GPT-4o's three sizes, from the catalogue


@dataclass(frozen=True)
class Entry:
    """One gallery task. `area` (for an edit) is the ellipse to repaint, in fractions of the source. A tool's
    result names the `tool` (a catalogue id) and the entry whose first picture it worked `on` (1-based)."""

    prompt: str
    size: str = SQUARE
    n: int = 1
    source: str = ""  # an edit's source picture, or a variant's reference, drawn from this prompt
    area: tuple[float, float, float, float] | None = None
    favourite: bool = False
    showcase: bool = False
    tool: str = ""
    on: int = 0
    options: tuple[tuple[str, str], ...] = ()  # the tool's options


# Every slide shows what its caption says: a text task's prompt names only what the simulator draws (the test
# checks `not_drawn` is empty and the picture shows it), and an edit's prompt says the change its area shows.
# Favourites (entries 1-7) are the Showcase's slides, newest first; 4 is an edit (before and after).
ENTRIES = (
    Entry("A golden sunset over a calm sea with a sailing boat", LANDSCAPE, favourite=True, showcase=True),
    Entry("A night city skyline under a starry sky", LANDSCAPE, favourite=True, showcase=True),
    Entry("An orange cat in a misty pine forest", PORTRAIT, favourite=True),
    Entry("Turn the cat into a small dog", SQUARE, source="A cat in a meadow", area=(0.22, 0.32, 0.78, 0.95),
          favourite=True),
    Entry("A full moon over snowy mountains at night", LANDSCAPE, favourite=True, showcase=True),
    Entry("Mountains at dawn with clouds", SQUARE, n=4, favourite=True),
    Entry("A garden of red flowers", SQUARE, favourite=True, showcase=True),
    Entry("The same lake in winter with snow", SQUARE, n=2, source="An autumn forest by a lake"),
    Entry("Desert dunes under a purple evening sky", PORTRAIT),
    Entry("Add a black cat in the falling snow", PORTRAIT, source="A city at twilight with falling snow",
          area=(0.22, 0.56, 0.78, 0.94)),
    Entry("A rainbow over a city and green hills", SQUARE, n=2, showcase=True),
    Entry("A lighthouse by the ocean at sunset", LANDSCAPE),
    Entry("The same city in bright daylight", LANDSCAPE, source="A night city with skyscrapers"),
    Entry("Add a red hot air balloon in the sky", LANDSCAPE, source="A calm lake in the mountains at sunrise",
          area=(0.56, 0.06, 0.92, 0.56)),
    Entry("A red hot air balloon in a blue sky", PORTRAIT),
    Entry("", tool="recraft-remove-background", on=15, showcase=True),  # a cut-out: the Showcase's see-through slide
    Entry("", tool="topaz-upscale", on=7, options=(("upscale_factor", "2"),)),  # the garden, 1024 -> 2048 px
)
# What each tool of the gallery does to its source's picture (the simulator's own tools).
TOOLS: dict[str, Callable[[bytes, dict[str, str]], bytes]] = {
    "recraft-remove-background": lambda picture, _options: remove_background(picture),
    "topaz-upscale": lambda picture, options: upscale(picture, int(options.get("upscale_factor", 2))),
}


def task_id(number: int) -> str:
    return f"{PREFIX}{number:02d}"


def _mask(size: tuple[int, int], area: tuple[float, float, float, float]) -> bytes:
    """The API's mask: white keeps, black (the ellipse) is repainted."""
    mask = Image.new("L", size, 255)
    w, h = size
    ImageDraw.Draw(mask).ellipse((area[0] * w, area[1] * h, area[2] * w, area[3] * h), fill=0)
    return mask_png(mask)


def _size_of(png: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(png)) as image:
        return image.size


def _make(store: Store, number: int, entry: Entry, now: float, render: Render) -> Task:
    """Draw one entry's pictures, keep its inputs and results, and return its finished task."""
    files: dict[str, bytes] = {}
    inputs: dict[str, str] = {}
    if entry.source:
        files[SOURCE_URL] = render({"prompt": entry.source, "size": entry.size}, 0, lambda _url: None)
        inputs["source" if entry.area else "ref0"] = store.save_input(files[SOURCE_URL])
    if entry.area:
        files[MASK_URL] = _mask(_size_of(files[SOURCE_URL]), entry.area)
        inputs["mask"] = store.save_input(files[MASK_URL])
    request = GenerateRequest.build(catalog.GPT_4O.id, entry.prompt, {"n_variants": entry.n, "size": entry.size},
                                    files_url=(SOURCE_URL,) if entry.source else (),
                                    mask_url=MASK_URL if entry.area else None)
    tid = task_id(number)
    params = body_of(request)
    images = [store.save_image(tid, i, render(params, i, files.get)) for i in range(entry.n)]
    # Newest first in History is entry 01, so the first slide is the first entry.
    created = now - number * SPACING
    return Task(task_id=tid, kind=request.kind, request=request, state="success", progress=1.0, images=images,
                inputs=inputs, created_at=created, completed_at=created + 20.0 + 5 * entry.n,
                favourite=entry.favourite, showcase=entry.showcase, model=request.model, demo=True)


def _tool_result(store: Store, number: int, entry: Entry) -> Task | None:
    """A tool's result on the first picture of gallery entry `entry.on` (an earlier entry), made a minute after it;
    None when that task is no longer in the history (removed since an earlier load)."""
    source = store.get(task_id(entry.on))
    if source is None or not source.images or not store.image_path(source.task_id, source.images[0]).exists():
        return None
    picture = store.image_path(source.task_id, source.images[0]).read_bytes()
    options = dict(entry.options)
    request = GenerateRequest.build(entry.tool, "", options, files_url=(SOURCE_URL,))
    tid = task_id(number)
    images = [store.save_image(tid, 0, TOOLS[entry.tool](picture, options))]
    created = (source.completed_at or source.created_at) + 60.0
    return Task(task_id=tid, kind=request.kind, request=request, state="success", progress=1.0, images=images,
                inputs={"source": store.save_input(picture)}, created_at=created, completed_at=created + 15.0,
                favourite=entry.favourite, showcase=entry.showcase, model=request.model, parent_id=source.task_id,
                demo=True)


def gallery_loaded(store: Store) -> bool:
    """Whether every task of the gallery is in `store`'s history already (one count: loading would add nothing)."""
    return store.count(TaskQuery(demo=True)) >= len(ENTRIES)


def load_demo_gallery(store: Store, render: Render = render_result, now: float | None = None) -> int:
    """Add the demo gallery's tasks that `store` does not have yet; return how many were added."""
    now = time.time() if now is None else now
    added = 0
    for number, entry in enumerate(ENTRIES, 1):
        if store.get(task_id(number)) is not None:
            continue  # already there (perhaps starred or edited since): leave it as it is
        task = _tool_result(store, number, entry) if entry.tool else _make(store, number, entry, now, render)
        if task is not None:
            added += store.add(task)
    return added
