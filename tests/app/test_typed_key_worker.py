"""A key typed in the sidebar by a signed-in person: the worker follows the whole workspace of that key (everyone's
tasks and callbacks there), while the person's own pages still see and spend only their own."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _script():
    import streamlit as st

    from components import session

    st.session_state["_api_key"] = "typed-key-0001"
    ctx = session.context()
    st.write(f"owner={ctx.workspace.store.owner}")


def test_the_worker_holds_the_typed_keys_workspace_unscoped(app_env, monkeypatch):
    from components import sign_in
    from kie.service import service
    from kie.team import Person

    monkeypatch.setattr(sign_in, "person", lambda admins: Person(id="iss|dana", name="Dana", is_admin=False,
                                                                  email="dana@example.com", email_verified=True))
    at = AppTest.from_function(_script, default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    assert "owner=iss|dana" in [m.value for m in at.markdown]  # the person's own view
    held = [s for s in service().held.workspaces() if s.store.workspace != service().server_workspace().store.workspace]
    assert len(held) == 1 and held[0].store.owner is None  # the worker's: every person's tasks in that workspace
