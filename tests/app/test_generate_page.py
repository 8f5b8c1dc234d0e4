"""The Generate page under AppTest: validation messages and a whole run in demo mode."""

from __future__ import annotations

from tests.app.conftest import run_until


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def test_page_shows_demo_mode_and_every_option(app):
    assert "Demo: simulated images" in texts(app.sidebar.info)
    assert app.text_area(key="gen_prompt").label == "Prompt"
    assert app.text_input(key="sidebar_api_key").label == "API key"
    assert app.text_input(key="gen_callback").label == "Callback URL"
    assert app.radio(key="gen_gpt-4o-image_fallback_model").options == ["GPT Image 1", "Flux Max"]
    assert [b.label for b in app.button if b.label == "Generate"] == ["Generate"]
    assert "Credits left" in [m.label for m in app.sidebar.metric]


def test_empty_prompt_is_refused_with_a_message(app):
    generate = next(b for b in app.button if b.label == "Generate")
    generate.click().run()
    assert "Write a prompt, or add a reference picture." in texts(app.error)


def test_bad_callback_url_is_refused(app):
    app.text_area(key="gen_prompt").input("a boat").run()
    app.text_input(key="gen_callback").input("ftp://example.com/cb").run()
    next(b for b in app.button if b.label == "Generate").click().run()
    assert "callback URL must start with http" in texts(app.error)


def test_overlong_prompt_is_refused(app):
    app.text_area(key="gen_prompt").input("x" * 100_000).run()
    next(b for b in app.button if b.label == "Generate").click().run()
    assert "shorten it" in texts(app.error)


def test_a_whole_run_in_demo_mode(app, app_env):
    app.text_area(key="gen_prompt").input("a paper boat on a pond").run()
    app.segmented_control(key="gen_gpt-4o-image_n_variants").set_value(2).run()
    app.radio(key="gen_gpt-4o-image_size").set_value("3:2").run()
    next(b for b in app.button if b.label == "Generate").click().run()
    assert not app.error
    assert "a paper boat on a pond" in texts(app.markdown)
    run_until(app, lambda at: len(at.get("image")) >= 2)
    assert "Done" in texts(app.markdown)
    assert "Simulated" in texts(app.markdown)  # the card says the simulator drew them, as the PNG's text does
    assert len(list((app_env / "workspaces" / "demo" / "images").rglob("*.png"))) == 2


def test_widget_values_survive_a_page_switch(app):
    app.text_area(key="gen_prompt").input("remember me").run()
    app.switch_page("app_pages/history.py").run()
    app.switch_page("app_pages/generate.py").run()
    assert app.text_area(key="gen_prompt").value == "remember me"


def test_a_rerun_reuses_the_sessions_connection_in_demo_mode(app):
    """The connection (its studio, client and credits) is made once per session, not on every rerun: in demo
    mode its polling policy differs from the server's, and a comparison with the wrong one rebuilt it each time."""
    first = app.session_state["_connection"]
    app.text_area(key="gen_prompt").input("a rerun").run()
    app.run()
    assert app.session_state["_connection"] is first
