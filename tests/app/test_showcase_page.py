"""The Showcase page under AppTest: the demo gallery, `?slide=N`, Previous/Next, the set of slides, empty states."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.see_through import CHECKERBOARD
from kie.gallery import load_demo_gallery
from kie.models import GenerateRequest, Task
from kie.store import TaskStore, workspace_for_key
from tests.app.conftest import ROOT
from tests.conftest import TEST_KEY
from tests.fixtures import pictures

FAVOURITES = ["A golden sunset over a calm sea with a sailing boat", "A night city skyline under a starry sky",
              "An orange cat in a misty pine forest", "Turn the cat into a small dog"]


def showcase(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "navigation.py"), default_timeout=30)
    at.run()
    at.switch_page("app_pages/showcase.py")
    at.query_params.update(query or {})
    at.run()
    assert not at.exception, at.exception
    return at


def caption(at: AppTest) -> str:
    """The prompt shown as the slide's caption."""
    [shown] = [m.value for m in at.markdown if m.value.startswith("#### ")]
    return shown.removeprefix("#### ").replace("\\", "")


def counter(at: AppTest) -> str:
    return next(m.value for m in at.markdown if "Slide " in m.value).rsplit(":gray[", 1)[1].rstrip("]")


def mask_pictures(at: AppTest) -> list:
    return [i for i in at.get("image") if "Mask: black is repainted" in str(i.proto)]


def click(at: AppTest, label: str) -> None:
    [b for b in at.button if b.label == label][0].click().run()
    assert not at.exception, at.exception


@pytest.fixture
def store(app_env) -> TaskStore:
    store = TaskStore(app_env, "demo")
    load_demo_gallery(store)
    return store


def test_first_slide_by_default_and_the_url_says_so(store):
    at = showcase()
    assert caption(at) == FAVOURITES[0]
    assert counter(at) == "Slide 1 of 7"
    assert at.query_params["slide"] == "1"


def test_slide_from_the_url_then_next_and_previous_move_and_wrap(store):
    at = showcase({"slide": "3"})
    assert caption(at) == FAVOURITES[2]
    click(at, "Next")
    assert caption(at) == FAVOURITES[3] and at.query_params["slide"] == "4"
    click(at, "Previous")
    click(at, "Previous")
    assert caption(at) == FAVOURITES[1] and at.query_params["slide"] == "2"
    click(at, "Previous")
    click(at, "Previous")  # before the first comes the last
    assert counter(at) == "Slide 7 of 7"


@pytest.mark.parametrize(("raw", "expected"), [("99", "7"), ("0", "1"), ("-2", "1"), ("three", "1"), ("", "1")])
def test_a_slide_number_out_of_range_or_unreadable_is_clamped(store, raw, expected):
    at = showcase({"slide": raw})
    assert counter(at) == f"Slide {expected} of 7"
    assert at.query_params["slide"] == expected


def test_an_edit_shows_before_and_after_and_the_mask_on_demand(store):
    at = showcase({"slide": "4"})
    assert any(m.value.startswith(":orange-badge[Edit]") for m in at.markdown)
    [frame] = at.get("bidi_component")
    assert frame.proto.component_name == "studio_before_after" and "showcase-ba-demo-gallery-04" in frame.proto.id
    assert not mask_pictures(at)
    at.toggle(key="showcase_mask").set_value(True).run()
    assert not at.exception, at.exception
    assert len(mask_pictures(at)) == 1


def test_the_showcase_selection_is_its_own_set_and_starts_at_one(store):
    at = showcase({"slide": "3"})
    at.segmented_control(key="source").set_value("showcase").run()
    assert not at.exception, at.exception
    assert counter(at) == "Slide 1 of 6" and at.query_params["slide"] == "1"
    store.set_showcase("demo-gallery-01", False)
    click(at, "Next")
    assert counter(at) == "Slide 2 of 5"


def test_presenter_mode_from_the_url_has_no_title_and_a_way_out(store):
    at = showcase({"presenter": "1", "slide": "2"})
    assert not at.title
    assert caption(at) == FAVOURITES[1]
    click(at, "Leave presenter mode")
    assert "presenter" not in at.query_params and at.title[0].value == "Showcase"


def test_empty_in_demo_mode_offers_the_demo_gallery(app_env):
    at = showcase()
    assert "No favourites yet" in at.info[0].value
    click(at, "Load demo gallery")
    assert caption(at) == FAVOURITES[0]
    assert counter(at) == "Slide 1 of 7"


def test_live_mode_shows_its_own_workspace_and_offers_no_demo_gallery(app_env, sim_server, monkeypatch):
    monkeypatch.setenv("KIE_API_KEY", TEST_KEY)
    monkeypatch.setenv("KIE_API_BASE_URL", sim_server.url)
    monkeypatch.setenv("KIE_UPLOAD_BASE_URL", sim_server.url)
    load_demo_gallery(TaskStore(app_env, "demo"))  # another workspace's favourites are not this one's
    at = showcase()
    assert any("Live" in s.value for s in at.success)
    assert "No favourites yet" in at.info[0].value
    assert not [b for b in at.button if b.label == "Load demo gallery"]
    live = TaskStore(app_env, workspace_for_key(TEST_KEY))
    load_demo_gallery(live)
    at.run()
    assert caption(at) == FAVOURITES[0] and counter(at) == "Slide 1 of 7"


def test_autoplay_and_its_interval_survive_a_page_switch(store):
    at = showcase()
    at.number_input(key="showcase_interval").set_value(3)
    at.toggle(key="showcase_autoplay").set_value(True).run()
    assert not at.exception, at.exception
    at.switch_page("app_pages/history.py").run()
    at.switch_page("app_pages/showcase.py").run()
    assert not at.exception, at.exception
    assert at.toggle(key="showcase_autoplay").value is True
    assert at.number_input(key="showcase_interval").value == 3


def test_a_prompt_with_markdown_is_shown_as_typed_on_one_line(app_env):
    store = TaskStore(app_env, "demo")
    request = GenerateRequest(prompt="A *bold* cat [link](x)\n# not a title")
    task = Task(task_id="t-md", kind="text", request=request, state="success", favourite=True)
    task.images = [store.save_image(task.task_id, 0, pictures.png((64, 64), (200, 0, 0)))]
    store.add(task)
    at = showcase()
    assert caption(at) == "A *bold* cat [link](x) # not a title"


def checkerboards(at: AppTest) -> list[str]:
    """The styles that put a checkerboard behind a container's pictures (components.see_through)."""
    return [h.proto.body for h in at.get("html") if CHECKERBOARD in h.proto.body]


def test_a_checkerboard_only_behind_the_slide_whose_picture_has_transparency(store):
    at = showcase()
    at.segmented_control(key="source").set_value("showcase").run()
    seen = {}
    for _ in range(6):
        seen[caption(at)] = checkerboards(at)
        click(at, "Next")
    cut_out = "Background removed: “A red hot air balloon in a blue sky”"
    assert set(seen) >= {cut_out, FAVOURITES[0], FAVOURITES[1]}
    assert len(seen[cut_out]) == 1 and ".st-key-showcase-one " in seen[cut_out][0]
    assert all(not styles for text, styles in seen.items() if text != cut_out)  # opaque: the slide's own background
