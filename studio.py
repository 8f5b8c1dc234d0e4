"""The studio's pages: page config, navigation over app_pages/, the sidebar. Served by app.py's st.App."""

import streamlit as st

from components import sidebar

st.set_page_config(page_title="4o Image Studio", page_icon=":material/palette:", layout="wide")

page = st.navigation([
    st.Page("app_pages/generate.py", title="Generate", icon=":material/auto_awesome:", default=True),
    st.Page("app_pages/edit.py", title="Edit", icon=":material/brush:", url_path="edit"),
    st.Page("app_pages/history.py", title="History", icon=":material/history:", url_path="history"),
])
with st.sidebar:
    st.markdown("### 4o Image Studio")
sidebar.render()
page.run()
