"""The Showcase: a full-width slideshow of favourite (or chosen) tasks, for demos to stakeholders.

The slide is in the URL (`?slide=N`, 1-based), and so are the set of slides (`?source=showcase`) and
presenter mode (`?presenter=1`), so a presenter can jump to a slide or share one. Arrow keys are the
Previous/Next buttons' shortcuts; they keep working in presenter mode, where the controls are only hidden.
"""

from __future__ import annotations

import time

import streamlit as st

from components import state
from components.before_after import PREVIEW_MAX_SIDE, before_after
from components.see_through import checker_behind
from components.session import SessionContext
from components.task_words import model_name
from components.text import literal, show_heading
from components.thumbs import input_thumbnail, picture, shown, thumbnail
from kie import figures
from kie.gallery import gallery_loaded, load_demo_gallery
from kie.models import KIND_LABELS, Task
from kie.store import Store, TaskQuery

SOURCES = {"favourites": "Favourites", "showcase": "Showcase selection"}
KIND_BADGES = {"text": "blue", "variants": "violet", "edit": "orange"}
MAX_SLIDES = 100
AUTOPLAY, INTERVAL, MASK, FIT = "showcase_autoplay", "showcase_interval", "showcase_mask", "showcase_fit"
FITS = {"fit": "Fit", "fill": "Fill"}  # each picture whole, or the slide filled (each picture cropped)
# (slide, when it appeared); a full run is under way; autoplay's next slide is due in this run
_SHOWN, _FRESH, _ADVANCE = "_showcase_shown", "_showcase_fresh", "_showcase_advance"
# The before/after frame fits the window with its caption and badges (their row has the mask's switch).
SLIDER_HEIGHT, PRESENTER_SLIDER_HEIGHT = 560, "min(740px, calc(100vh - 18rem))"
_STYLE = """<style>
.st-key-showcase-one, .st-key-showcase-many, .st-key-showcase-stage [data-testid="stImage"],
.st-key-showcase-stage [data-testid="stFullScreenFrame"] > div, .st-key-showcase-stage [data-testid="stImageContainer"]
  {width: 100% !important; align-self: stretch;}
.st-key-showcase-many [data-testid="stImage"] img {width: 100% !important; height: auto !important;
  max-height: 68vh; object-fit: contain;}
.st-key-showcase-one [data-testid="stImage"] img {height: 68vh !important; width: auto !important;
  max-width: 100% !important; object-fit: contain; margin: 0 auto; display: block;}
.st-key-showcase-stage:has(.st-key-showcase-fill-on) .st-key-showcase-one [data-testid="stImage"] img {
  width: 100% !important;
  object-fit: cover;}
/* Fill with 2 or 4 pictures: each crops to fill its cell, the row as tall as a single picture's slide. */
.st-key-showcase-stage:has(.st-key-showcase-fill-on) .st-key-showcase-many [data-testid="stImage"] img {
  height: 68vh !important; max-height: none; object-fit: cover;}
.st-key-showcase-fill-on {display: none;}
/* Arrow keys press the hidden Previous/Next: no focus ring may be left around the page or a button. */
body:focus, [data-testid="stApp"] :focus:not(:focus-visible), [data-testid="stMain"]:focus,
[data-testid="stAppViewContainer"]:focus, [data-testid="stMainBlockContainer"]:focus,
.st-key-showcase-nav button:focus, .st-key-showcase-leave button:focus {outline: none !important;
  box-shadow: none !important;}
.st-key-showcase-stage h4, .st-key-showcase-stage [data-testid="stMarkdownContainer"] p {text-align: center;}
.st-key-showcase-mask img {border: 1px solid rgba(128, 128, 128, .5);}
/* Top left, above the slide: a picture's full-screen button sits at its top right, just above it. */
.st-key-showcase-leave {position: fixed; top: .6rem; left: .9rem; z-index: 1000; width: auto; opacity: .3;}
.st-key-showcase-leave:hover {opacity: 1;}
</style>"""
# Presenter mode hides the chrome, not the widgets: hidden buttons keep their keyboard shortcuts.
_PRESENTER_STYLE = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
.st-key-showcase-controls, .st-key-showcase-nav {display: none !important;}
[data-testid="stMainBlockContainer"] {padding-top: 4rem; max-width: 100%;}
/* The picture, its caption and its badges in one screen: the rest of the window's height goes to the picture. */
.st-key-showcase-one [data-testid="stImage"] img, .st-key-showcase-stage:has(.st-key-showcase-fill-on)
  .st-key-showcase-many [data-testid="stImage"] img {height: calc(100vh - 15rem) !important;}
.st-key-showcase-many [data-testid="stImage"] img {max-height: calc(100vh - 15rem);}
</style>"""


def filling() -> bool:
    """Whether the pictures fill the slide (each cropped) rather than show each whole."""
    return st.session_state.get(FIT) == "fill"


def presenting() -> bool:
    """Whether the URL asks for presenter mode (`?presenter=1`)."""
    return st.query_params.get("presenter") == "1"


def slide_number(raw: str | None, count: int) -> int:
    """The 1-based slide from the URL's text, clamped to 1..count; anything unreadable is 1."""
    try:
        number = int(str(raw).strip())
    except ValueError:
        return 1
    return min(max(number, 1), max(count, 1))


def slides(store: Store, source: str) -> list[Task]:
    """The finished tasks with pictures in the chosen set, newest first."""
    query = TaskQuery(states=("success",), favourites_only=source != "showcase", showcase_only=source == "showcase")
    return [t for t in store.query(query, limit=MAX_SLIDES) if t.images]


def _go(number: int) -> None:
    if st.query_params.get("slide") != str(number):
        st.query_params["slide"] = str(number)


def _step(step: int, count: int) -> None:
    # Wraps around, so the arrow keys always do something and autoplay loops.
    _go((slide_number(st.query_params.get("slide"), count) - 1 + step) % count + 1)


def _set_presenter(on: bool) -> None:
    if on:
        st.query_params["presenter"] = "1"
    else:
        st.query_params.pop("presenter", None)


def _load_gallery(store: Store) -> None:
    added = load_demo_gallery(store)
    st.toast(f"Added {added} demo tasks to the history." if added else "The demo gallery is already in the history.",
             icon=":material/photo_library:")


def demo_gallery_button(ctx: SessionContext, key: str) -> None:
    """In demo mode, a "Load demo gallery" button: a dozen varied finished tasks, several starred. Draws nothing
    in live mode, or once the whole gallery is in the history, so it can be placed unconditionally."""
    if ctx.mode != "demo" or gallery_loaded(ctx.store):
        return
    st.button("Load demo gallery", key=key, icon=":material/photo_library:", on_click=_load_gallery,
              args=(ctx.store,), help="Adds a dozen finished demo tasks (text, variants, edits with masks), "
                                       "several of them starred. Loading again adds nothing.")


def _controls(default: str) -> tuple[str, bool, float]:
    with st.container(key="showcase-controls"):
        # One row that wraps on a narrow window: every option stays visible (columns would cut them).
        with st.container(horizontal=True, vertical_alignment="bottom", gap="medium"):
            source = st.segmented_control(
                "Slides", list(SOURCES), format_func=SOURCES.get, key="source", bind="query-params",
                default=default, required=True, on_change=_go, args=(1,),
                help="Favourites: the starred tasks. Showcase selection: the tasks added with **Add to showcase** "
                     "in History.")
            st.segmented_control("Pictures", list(FITS), format_func=FITS.get, key=state.remember(FIT, "fit"),
                                 required=True,
                                 help="Fit: each picture whole. Fill: the slide filled, each picture cropped.")
            autoplay = st.toggle("Autoplay", key=state.remember(AUTOPLAY, False))
            interval = st.number_input("Seconds per slide", 2, 60, key=state.remember(INTERVAL, 6), step=1,
                                       width=150)
            st.button("Presenter mode", icon=":material/slideshow:", on_click=_set_presenter, args=(True,),
                      help="Hides the sidebar and these controls; the arrow keys still move, Esc leaves.")
        state.save(AUTOPLAY, INTERVAL, FIT)
    return source or default, bool(autoplay), float(interval)


def _empty(ctx: SessionContext, source: str) -> None:
    if source == "showcase":
        st.info("Nothing is chosen for the showcase yet. In **History**, open a task and press **Add to "
                "showcase**, or show the **Favourites** instead.", icon=":material/slideshow:")
    else:
        st.info("No favourites yet. Star finished tasks in **History** and they become the slides here.",
                icon=":material/star:")
    st.page_link("app_pages/history.py", label="Open History", icon=":material/history:")
    demo_gallery_button(ctx, key="showcase-gallery")


def _draw(ctx: SessionContext, task: Task, number: int, count: int) -> None:
    """One slide: the picture(s) big, a before/after frame for an edit, the prompt as the caption."""
    store, source = ctx.store, task.inputs.get("source")
    colour = KIND_BADGES.get(task.kind, "gray")
    # The slider shows kept small copies (made once), never the stored files: a large or damaged one costs nothing
    # per slide, and a side that cannot be shown leaves the result on its own, with a sentence in its place.
    before = input_thumbnail(store, source, PREVIEW_MAX_SIDE) if task.kind == "edit" and source else None
    after = thumbnail(store, task, task.images[0], PREVIEW_MAX_SIDE) if before is not None else None
    if shown(before) and shown(after):
        show_mask = task.inputs.get("mask") and st.session_state[state.remember(MASK, False)]
        main, side = st.columns([3, 1]) if show_mask else (st.container(), None)
        with main:
            before_after(before, after,
                         key=f"showcase-ba-{task.task_id}", before_label="Source", after_label="Edited",
                         height=PRESENTER_SLIDER_HEIGHT if presenting() else SLIDER_HEIGHT,
                         fit="cover" if filling() else "contain", remember=True)
        if side is not None:
            with side, st.container(key="showcase-mask"):
                picture(input_thumbnail(store, task.inputs["mask"]), width="stretch",
                        caption="Mask: black is repainted, white is kept")
        rest = task.images[1:]
    else:
        if before is not None and not shown(before):
            picture(before, caption="Source")  # why there is no slider: the source's sentence
        rest = task.images
    # A checkerboard only behind a picture with transparency (decided from the stored picture, remembered): an
    # opaque one narrower than the slide sits on the slide's own background.
    if len(rest) == 1:
        with st.container(key="showcase-one"):
            picture(thumbnail(store, task, rest[0], size=1600), width="stretch")
        checker_behind("showcase-one", store.image_path(task.task_id, rest[0]))
    elif rest:
        for index, (cell, name) in enumerate(zip(st.container(key="showcase-many").columns(len(rest)), rest,
                                                 strict=True)):
            with cell, st.container(key=f"showcase-picture-{index}"):
                picture(thumbnail(store, task, name, size=800), width="stretch")
            checker_behind(f"showcase-picture-{index}", store.image_path(task.task_id, name))
    show_heading(" ".join(figures.title(store, task).split()), 4)
    badges = [f":{colour}-badge[{KIND_LABELS.get(task.kind, task.kind)}]",
              f":gray-badge[{literal(model_name(task.model), one_line=True)}]"]
    if shape := figures.size_words(task.request):  # "Landscape 3:2", "16:9 · High (4K)": the model's options
        badges.append(f":gray-badge[{literal(shape, one_line=True)}]")
    with st.container(horizontal=True, horizontal_alignment="center", vertical_alignment="center"):
        st.markdown(" ".join(badges) + f" :gray[Slide {number} of {count}]", width="content")
        if task.kind == "edit" and task.inputs.get("mask"):
            st.toggle("Show mask", key=state.remember(MASK, False))
            state.save(MASK)


def showcase(ctx: SessionContext) -> None:
    """The whole Showcase page below its title: controls, the current slide, Previous/Next."""
    st.html(_STYLE + (_PRESENTER_STYLE if presenting() else ""))
    source, autoplay, interval = _controls("favourites")
    if presenting():
        with st.container(key="showcase-leave"):
            st.button("Leave presenter mode", icon=":material/close:", shortcut="Esc", on_click=_set_presenter,
                      args=(False,))
    count = len(slides(ctx.store, source))
    if not count:
        _empty(ctx, source)
        return
    st.session_state[_FRESH] = True

    # Only this part reruns on the autoplay timer; without autoplay it is a plain part of the page.
    @st.fragment(run_every=interval if autoplay else None)
    def stage() -> None:
        tasks = slides(ctx.store, source)
        if not tasks:
            st.rerun(scope="app")  # the last slide was unstarred meanwhile: show the empty state
        number = slide_number(st.query_params.get("slide"), len(tasks))
        shown, since = st.session_state.get(_SHOWN, (0, 0.0))
        fresh = st.session_state.pop(_FRESH, False)
        if autoplay and not fresh and number == shown and time.time() - since >= interval * 0.8:
            # The next slide in a whole run, not only this part: a fragment's change of ?slide= reaches the
            # address bar a run late, a whole run's at once.
            st.session_state[_ADVANCE] = True
            st.rerun(scope="app")
        if st.session_state.pop(_ADVANCE, False) and number == shown:
            number = number % len(tasks) + 1
        if number != shown:
            st.session_state[_SHOWN] = (number, time.time())
        with st.container(key="showcase-stage", horizontal_alignment="center"):
            if filling():
                st.container(key="showcase-fill-on", height=1, border=False)  # marks the stage for the style
            _draw(ctx, tasks[number - 1], number, len(tasks))
        _go(number)  # after the slide is drawn: the address never runs ahead of the screen

    stage()
    with st.container(key="showcase-nav", horizontal=True, horizontal_alignment="center"):
        st.button("Previous", icon=":material/arrow_back:", shortcut="Left", on_click=_step, args=(-1, count))
        st.button("Next", icon=":material/arrow_forward:", shortcut="Right", on_click=_step, args=(1, count))
