"""Admin: usage per person and day, budgets, and the audit log (team server, admins only)."""

import streamlit as st

from components import admin_view as view
from components import session

ctx = session.context()
st.title("Admin")
if ctx.person is None or not ctx.person.is_admin:
    st.error("This page is for the studio's admins. Ask one of them if you need usage figures or a different "
             "daily limit.", icon=":material/lock:")
    st.stop()
if not ctx.team:
    st.info("Usage and budgets apply to the key the server holds. You are using a key typed in the sidebar: clear "
            "it to manage the team's workspace.", icon=":material/info:")
    st.stop()

usage, budgets, audit = st.tabs(["Usage", "Budgets", "Audit log"])
with usage:
    view.usage_table(ctx)
with budgets:
    view.budget_editor(ctx)
with audit:
    view.audit_table(ctx)
