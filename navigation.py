"""The studio's pages: page config, navigation over app_pages/, the sidebar. Served by app.py's st.App."""

import streamlit as st

from components import following, notify, session, sidebar, sign_in, text
from components.trouble import store_trouble_shown

st.set_page_config(page_title="4o Image Studio", page_icon=":material/palette:", layout="wide")
sign_in.require()  # with [auth] configured, nothing below is drawn before sign-in
who = sign_in.person(session.settings().admins)

page = st.navigation([
    st.Page("app_pages/generate.py", title="Generate", icon=":material/auto_awesome:", default=True),
    st.Page("app_pages/edit.py", title="Edit", icon=":material/brush:", url_path="edit"),
    st.Page("app_pages/history.py", title="History", icon=":material/history:", url_path="history"),
    st.Page("app_pages/showcase.py", title="Showcase", icon=":material/slideshow:", url_path="showcase"),
    # Only admins see it in the navigation; anyone else opening /admin gets a refusal from the page itself.
    st.Page("app_pages/admin.py", title="Admin", icon=":material/admin_panel_settings:", url_path="admin",
            visibility="visible" if who and who.is_admin else "hidden"),
])
with st.sidebar:
    st.markdown("### 4o Image Studio")
with store_trouble_shown():  # a database restart shows as trouble that is retried, not a crash
    ctx = sidebar.render()
    following.set_page(page.url_path)
    text.wrap_style()  # people's long words wrap instead of widening the page
    with st.sidebar:
        notify.finished_tasks(ctx)  # (reads what the page drew at its last run: before the page draws again)
    following.drawing_starts()
    page.run()
