"""History: every task of this workspace, searchable, reusable, exportable."""

import streamlit as st

from components import history_view as view
from components import session
from components.compare import compare_bar, compare_view, ids_from_url
from components.showcase import demo_gallery_button
from components.tasks_panel import live_tasks

st.title("History")
conn = session.with_scope(session.connection(), "history")
task_id = st.query_params.get("task")
compare_ids = st.query_params.get("compare")

if compare_ids:
    compare_view(conn, ids_from_url(compare_ids))
elif task_id:
    if st.button("Back to all tasks", icon=":material/arrow_back:"):
        view.open_task(None)
        st.rerun()
    if conn.store.get(task_id) is None:
        st.error("There is no task with that ID in this workspace's history. Use **Add a task by ID** to fetch "
                 "one made elsewhere with your key.", icon=":material/search_off:")
    else:
        live_tasks(conn, lambda: [t for t in [conn.store.get(task_id)] if t], key="detail", draw=view.detail)
else:
    query = view.filters()
    total = view.view_count(conn.store, query)
    view.view_tools(conn, query, total)
    demo_gallery_button(conn, key="hist-gallery")
    compare_bar(conn)
    page = view.pager(total)
    live_tasks(conn, lambda: view.view(conn.store, query, limit=view.PAGE_SIZE, offset=(page - 1) * view.PAGE_SIZE),
               key="gallery", draw=view.tile, columns=4,
               empty="No tasks match these filters." if total == 0 and conn.store.count() else
               "No tasks yet: what you generate and edit shows here.")
