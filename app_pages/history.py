"""History: every task of this workspace, searchable, reusable, exportable."""

import streamlit as st

from components import history_filters as filters
from components import history_gallery as gallery
from components import session
from components.comparison_tile import one_per_comparison
from components.history_detail import detail
from components.history_tools import view_tools
from components.showcase import demo_gallery_button
from components.task_diff_view import compare_bar, compare_view, ids_from_url
from components.tasks_panel import live_tasks

st.title("History")
ctx = session.with_scope(session.context(), "history")
task_id = st.query_params.get("task")
compare_ids = st.query_params.get("compare")

if compare_ids:
    compare_view(ctx, ids_from_url(compare_ids))
elif task_id:
    if st.button("Back to all tasks", icon=":material/arrow_back:"):
        filters.open_task(None)
        st.rerun()
    if ctx.store.get(task_id) is None:
        st.error("There is no task with that ID in this workspace's history. Use **Add a task by ID** to fetch "
                 "one made elsewhere with your key.", icon=":material/search_off:")
    else:
        live_tasks(ctx, lambda: [t for t in [ctx.store.get(task_id)] if t], key="detail", draw=detail)
else:
    query = filters.filters()
    total = filters.view_count(ctx.store, query)
    compare_bar(ctx)
    page = gallery.pager(total)
    gallery.even_tiles()
    live_tasks(ctx, lambda: one_per_comparison(filters.view(ctx.store, query, limit=gallery.PAGE_SIZE,
                                                            offset=(page - 1) * gallery.PAGE_SIZE)),
               key="gallery", draw=gallery.tile, columns=4,
               empty="No tasks match these filters." if total == 0 and ctx.store.count() else
               "No tasks yet: what you generate and edit shows here.")
    view_tools(ctx, query, total)  # under the pictures: the whole view's exports, adding by ID, costs
    demo_gallery_button(ctx, key="hist-gallery")
