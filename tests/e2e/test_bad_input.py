"""Every file of the bad-input corpus, uploaded the way a person would, on the Edit page."""

from __future__ import annotations

import pytest

from tests.corpus.make_corpus import EXPECTED, make
from tests.e2e.harness import open_app, settle

UPLOADER = "[data-testid=stFileUploaderDropzoneInput]"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make(tmp_path_factory.mktemp("corpus"))


def test_each_bad_file_is_refused_with_a_reason_or_accepted_after_normalising(demo_app, page, corpus):
    open_app(page, demo_app.url + "/edit")
    outcomes = {}
    for name, path in corpus.items():
        expected = EXPECTED[name]
        picker = page.locator("[data-testid=stExpander] details").first
        if picker.get_attribute("open") is None:
            picker.locator("summary").click()  # open the picker again
            page.get_by_text("From history").wait_for()
        page.locator(UPLOADER).first.set_input_files(str(path))
        settle(page)
        page.wait_for_timeout(300)
        assert page.locator("[data-testid=stException]").count() == 0, f"{name}: a traceback reached the page"
        body = page.locator("[data-testid=stMain]").inner_text()
        if expected == "accept":
            ok = f"Picture: {name}" in body
        else:
            ok = expected in body
        outcomes[name] = ok or body[:400]
        # Clear the uploader for the next file.
        for button in page.get_by_role("button", name="Remove file").all():
            button.click()
        settle(page)
    failed = {k: v for k, v in outcomes.items() if v is not True}
    assert not failed, "\n\n".join(f"{k}:\n{v}" for k, v in failed.items())
