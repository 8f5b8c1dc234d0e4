"""A family and a model added in this test only (kie.families.register, kie.catalog.register): every page draws
with them, and a task round-trips through send, poll and History, in live mode against the test's own fake
provider. Nothing else in the studio names the fake family: this is what "a new family is one module" promises."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from kie import catalog, families
from kie.service import reset_service
from tests.app.conftest import ROOT, run_until
from tests.unit.test_fake_family import FAKE_MODEL, KEY, FakePaintFamily, FakeProvider

PAGES = ("app_pages/generate.py", "app_pages/edit.py", "app_pages/history.py", "app_pages/showcase.py")


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


@pytest.fixture
def live_fake(tmp_path, monkeypatch):
    provider = FakeProvider()
    family = families.register(FakePaintFamily())
    spec = catalog.register(FAKE_MODEL)
    monkeypatch.setenv("STUDIO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIE_API_KEY", KEY)
    monkeypatch.setenv("KIE_API_BASE_URL", provider.url)
    monkeypatch.setenv("KIE_UPLOAD_BASE_URL", provider.url)
    monkeypatch.chdir(ROOT)
    reset_service()
    yield provider
    reset_service()
    catalog.unregister(spec.id)
    families.unregister(family.id)
    provider.close()


def test_every_page_draws_and_a_task_of_the_fake_family_round_trips(live_fake):
    provider = live_fake
    at = AppTest.from_file(str(ROOT / "navigation.py"), default_timeout=30)
    at.run()
    assert not at.exception
    model = at.selectbox(key="gen_model")
    assert "fake-painter" in model.options or any("Fake Painter" in str(o) for o in model.options)
    model.set_value("fake-painter").run()
    assert not at.exception
    at.radio(key="gen_fake-painter_tone").set_value("cold").run() if any(
        r.key == "gen_fake-painter_tone" for r in at.radio) else at.segmented_control(
        key="gen_fake-painter_tone").set_value("cold").run()
    at.text_area(key="gen_prompt").input("a teapot on a windowsill").run()
    next(b for b in at.button if b.label == "Generate").click().run()
    assert not at.exception and not at.error, texts(at.error)
    assert provider.bodies and provider.bodies[-1]["text"] == "a teapot on a windowsill"
    assert provider.bodies[-1]["tone"] == "cold"  # the option under its API field, built by the family alone
    [job] = list(provider.jobs)
    provider.finish(job)
    run_until(at, lambda a: len(a.get("image")) >= 1, timeout=30)
    assert "Done" in texts(at.markdown)
    for page in PAGES:  # every page draws with the fake model in the catalogue and its task in the history
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
    at.switch_page("app_pages/history.py").run()
    assert "a teapot on a windowsill" in texts(at.markdown) + texts(at.caption)
