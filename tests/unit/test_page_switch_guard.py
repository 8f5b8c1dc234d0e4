"""The page-switch guard's decision, and that it wraps Streamlit's runner once (page_switch_guard.py; its browser
test is tests/e2e/test_page_switch_guard.py)."""

from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

import page_switch_guard
from page_switch_guard import fragment_run_of_a_page_left


def test_only_a_fragment_run_naming_another_known_page_is_dropped():
    assert fragment_run_of_a_page_left("edit", "generate", ["panel"])
    assert not fragment_run_of_a_page_left("edit", "edit", ["panel"])  # the page's own fragment
    assert not fragment_run_of_a_page_left("edit", "generate", [])  # a whole run of another page: a page switch
    assert not fragment_run_of_a_page_left("", "generate", ["panel"])  # the session's page not known yet
    assert not fragment_run_of_a_page_left("edit", "", ["panel"])  # the browser named no page (the main one)


def test_installing_twice_wraps_the_runner_once():
    page_switch_guard.install()
    wrapped = ScriptRunner._run_script
    page_switch_guard.install()
    assert ScriptRunner._run_script is wrapped
    assert getattr(wrapped, "_studio_page_switch_guard", False)
    assert wrapped.__wrapped__.__name__ == "_run_script"


def test_the_app_installs_it_before_serving():
    source = open(page_switch_guard.__file__.replace("page_switch_guard.py", "app.py")).read()
    assert source.index("page_switch_guard.install()") < source.index("st.App(")
