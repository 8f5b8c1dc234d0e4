"""The Admin page's parts: a usage table, budgets to edit, the audit log; each exportable as CSV."""

from __future__ import annotations

import time
from dataclasses import asdict
from datetime import UTC, datetime

import streamlit as st

from components.session import SessionContext
from components.text import identity
from kie import catalog, figures
from kie.export import csv_bytes
from kie.models import Task
from kie.prices import Price, catalogue_price, estimated_costs, price_per_image
from kie.team import day_of, display_names, email_key, resolve_person

DAYS = {7: "7 days", 30: "30 days", 90: "90 days"}


MEASURED, ESTIMATED, TOTAL, SOURCE = ("measured (credits)", "estimated for the rest (credits)", "total (credits)",
                                      "estimated from")


def usage_per_model(ctx: SessionContext, since: str) -> list[dict]:
    """Tasks, images and failures per model over the period, and its credits: measured where the balance was read
    before and after a task, plus an estimate for the other tasks that did not fail (a failed task costs nothing),
    each at the cost its card shows (the catalogue's price for its own options: a 4K Seedream, a turbo Midjourney
    grid; live, the default model's from its measured tasks), said as such; most images first."""
    store = ctx.workspace.store
    totals: dict[str, dict] = {}
    unmeasured: dict[str, int] = {}
    for row in store.usage(since, by_model=True):
        model = row.model or catalog.DEFAULT_MODEL
        total = totals.setdefault(model, {"model": catalog.name_of(model), "tasks": 0, "images": 0, "failures": 0,
                                          "measured tasks": 0, MEASURED: None, ESTIMATED: None, TOTAL: None,
                                          SOURCE: ""})
        total["tasks"] += row.tasks
        total["images"] += row.images
        total["failures"] += row.failures
        total["measured tasks"] += row.measured
        if row.measured and row.credits is not None:
            total[MEASURED] = round((total[MEASURED] or 0) + row.credits, 2)
        unmeasured[model] = unmeasured.get(model, 0) + row.unmeasured_images
    tasks_of: dict[str, list[Task]] = {}
    for task in store.unmeasured_tasks(since) if any(unmeasured.values()) else ():
        tasks_of.setdefault(task.model or catalog.DEFAULT_MODEL, []).append(task)
    card_price = price_per_image(store, ctx.mode)  # what the cards estimate with (components.credits.price)
    for model, total in totals.items():
        if unmeasured[model]:
            price = card_price if card_price is not None and card_price.model == model else catalogue_price(model)
            _estimate(total, unmeasured[model], tasks_of.get(model, []), price)
        if total[MEASURED] is not None or total[ESTIMATED] is not None:
            total[TOTAL] = round((total[MEASURED] or 0) + (total[ESTIMATED] or 0), 2)
    return sorted(totals.values(), key=lambda t: -t["images"])


def _estimate(total: dict, images: int, tasks: list[Task], price: Price | None) -> None:
    """Fill a model's estimate for its `images` not measured: `tasks` each at its card's cost; images whose task
    is no longer in the history at the model's price of an image."""
    costs = estimated_costs(tasks, price)
    if price is None or costs is None:
        total[SOURCE] = f"no price known: {figures.count_words(images, 'image')} not estimated"
        return
    rest = max(0, images - sum(task.request.images for task in tasks))
    per_image = [cost / max(1, task.request.images) for cost, task in zip(costs, tasks, strict=True)]
    total[ESTIMATED] = round(sum(costs) + rest * price.credits, 2)
    total[SOURCE] = figures.estimate_basis_words(images, per_image + ([price.credits] if rest else []), price.source)


def usage_table(ctx: SessionContext) -> None:
    days = st.segmented_control("Period", list(DAYS), format_func=DAYS.get, default=7, key="admin_days",
                                required=True)
    since = day_of(time.time() - (days - 1) * 86400)
    rows = [asdict(r) for r in ctx.workspace.store.usage(since)]
    names = display_names(ctx.workspace.store)
    for row in rows:
        row["credits"] = round(row["credits"], 2) if row["measured"] else None
        row["person id"], row["person"] = row["person"], names.get(row["person"], row["person"])
    st.caption("Credits are shown where the balance was read just before and after a task with nothing else "
               "accepted in between; other tasks are counted in tasks and images only.")
    columns = ["day", "person", "tasks", "images", "failures", "credits", "person id"]
    st.dataframe(rows, column_order=columns, hide_index=True, width="stretch",
                 column_config={"credits": st.column_config.NumberColumn("credits", format="%.2f")})
    st.download_button("Usage (CSV)", csv_bytes(rows, columns), file_name=f"studio-usage-since-{since}.csv",
                       mime="text/csv", icon=":material/download:", on_click="ignore", key="admin_usage_csv")
    if models := usage_per_model(ctx, since):
        st.markdown("**Per model**")
        st.caption("Measured: the tasks whose balance was read just before and after. Estimated for the rest: the "
                   "images of the other tasks that did not fail (a failed task costs nothing), at the price in "
                   "*estimated from*; not the provider's bill. Total: the two together.")
        number = st.column_config.NumberColumn(format="%.2f")
        st.dataframe(models, hide_index=True, width="stretch",
                     column_config={MEASURED: number, ESTIMATED: number, TOTAL: number})


def budget_editor(ctx: SessionContext) -> None:
    budgets = ctx.workspace.budgets
    default = budgets.default_limit
    st.markdown(f"Default: **{default} images per person per day**" if default else
                "Default: **unlimited** (set `STUDIO_DAILY_IMAGE_LIMIT` to cap it)")
    with st.form("admin_budget", clear_on_submit=True):
        who = st.text_input("Person (e-mail)", placeholder="someone@example.com")
        limit = st.number_input("Images per day (0 = unlimited)", min_value=0, max_value=100_000, step=1, value=10)
        use_default = st.checkbox("Back to the default")
        if st.form_submit_button("Save budget", icon=":material/save:"):
            if not who.strip():
                st.error("Enter the person's e-mail first.")
            else:
                # Kept under the person's id once they have signed in (their e-mail until then): any letter case.
                owner = resolve_person(ctx.workspace.store, who)
                budgets.set_limit(owner, None if use_default else int(limit), by=ctx.person.id)
                st.success(f"Saved: {identity(email_key(who) if '@' in who else who.strip())}.")
    rows = [asdict(r) for r in ctx.workspace.store.budgets()]
    names = display_names(ctx.workspace.store)
    for row in rows:
        row["person"], row["person id"] = names.get(row["owner"], row["owner"]), row["owner"]
        row["updated_by"] = names.get(row["updated_by"], row["updated_by"])
        row["updated"] = datetime.fromtimestamp(row["updated_at"], UTC).strftime("%Y-%m-%d %H:%M UTC")
        row["used today"] = budgets.used_today(row["owner"])
    columns = ["person", "daily_images", "used today", "updated_by", "updated", "person id"]
    st.dataframe(rows, column_order=columns, hide_index=True, width="stretch")
    st.download_button("Budgets (CSV)", csv_bytes(rows, columns), file_name="studio-budgets.csv", mime="text/csv",
                       icon=":material/download:", on_click="ignore", key="admin_budgets_csv", disabled=not rows)


def audit_table(ctx: SessionContext) -> None:
    rows = [asdict(r) for r in ctx.workspace.store.audit_log(limit=1000)]
    names = display_names(ctx.workspace.store)
    for row in rows:
        row["when"] = datetime.fromtimestamp(row["at"], UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        row["actor id"], row["actor"] = row["actor"], names.get(row["actor"], row["actor"])
    columns = ["when", "actor", "action", "target", "detail", "actor id"]
    st.dataframe(rows, column_order=columns, hide_index=True, width="stretch")
    st.download_button("Audit log (CSV)", csv_bytes(rows, columns), file_name="studio-audit.csv", mime="text/csv",
                       icon=":material/download:", on_click="ignore", key="admin_audit_csv")
