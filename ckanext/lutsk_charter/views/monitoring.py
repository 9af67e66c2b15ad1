"""Monitoring: the ICT department's dashboard (sysadmins) and each body's (its admins), exports."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Response
from flask import Response as FlaskResponse
from markupsafe import Markup, escape

from ckanext.lutsk_charter.monitoring.exports import MIMETYPES, table_bytes
from ckanext.lutsk_charter.views import base
from ckanext.lutsk_charter.views.base import bp

_ = tk._

_BODY_COLUMNS = (
    "title", "public", "private", "draft", "normal", "due_soon", "overdue", "inactive",
    "excellent", "good", "sufficient", "bad", "open_flags", "creator", "publisher",
    "last_publication",
)  # fmt: skip
#: The bodies' table's counted columns, between the title and the persons.
_TABLE_COLUMNS = _BODY_COLUMNS[1:13]
_DATASETS_PER_PAGE = 100
#: Bodies a page of the city's table: Lutsk's fit on one, a national portal's take pages.
_BODIES_PER_PAGE = 50
_DATASET_COLUMNS = (
    "title", "organization_title", "state", "update_frequency", "due", "days_left", "band",
    "open_flags",
)  # fmt: skip


#: Columns where more is worse: their first click sorts them from the top down.
_WORSE_WHEN_MORE = frozenset(
    {"private", "draft", "due_soon", "overdue", "inactive", "sufficient", "bad", "open_flags"}
)


def _next_sort(column: str, sort: str) -> str:
    """The sort a column's heading links to: the other way round if it is the current one,
    else worst first (most overdue, fewest public, no publisher, oldest publication)."""
    if sort.lstrip("-") == column:
        return column if sort.startswith("-") else f"-{column}"
    return f"-{column}" if column in _WORSE_WHEN_MORE else column


class _Rows:
    """Flattens bodies' figures to the dashboard's rows; what is the same for many bodies (the
    words of a day, the link with another name) is made once (two thousand bodies)."""

    _NAME = "__lutsk_charter_body__"

    def __init__(self) -> None:
        self.days: dict[Any, str] = {}
        self.link = tk.h.url_for("lutsk_charter.organization_monitoring", id=self._NAME)

    def day(self, value: Any) -> str:
        """``lutsk_charter_datetime(value, False)``: the same words for the same local day."""
        local = tk.h.lutsk_charter_to_local(value)
        key = local.date() if isinstance(local, dt.datetime) else local
        if key not in self.days:
            self.days[key] = tk.h.lutsk_charter_datetime(value, False)
        return self.days[key]

    def row(self, body: dict[str, Any]) -> dict[str, Any]:
        """A body's figures flattened to the dashboard's columns."""
        keys = ("title", "name", "public", "private", "draft", "open_flags")
        return {
            **{k: body.get(k) for k in keys},
            **body["timeliness"],
            **{k: v for k, v in body["bands"].items() if k != "unscored"},
            "creator": body["creator"],
            "publisher": body["publisher"],
            "last_publication": self.day(body["last_publication"]),
            "last_publication_at": body["last_publication"],
            # a body's name is a URL-safe slug (CKAN's name rules): nothing to quote
            "monitoring_url": self.link.replace(self._NAME, body.get("name") or ""),
        }

    @staticmethod
    def table(rows: list[dict[str, Any]]) -> Markup:
        """The rows of the bodies' table, each value escaped: written here rather than in a
        template loop (or ``Markup.format``), which takes a tenth of a second a thousand
        bodies."""
        yes, no = escape(tk._("yes")), escape(tk._("no"))
        return Markup(
            "".join(
                f'<tr data-body="{escape(row["name"])}"><th scope="row">'
                f'<a href="{escape(row["monitoring_url"])}">{escape(row["title"])}</a></th>'
                + "".join(f"<td>{escape(row[c])}</td>" for c in _TABLE_COLUMNS)
                + f"<td>{yes if row['creator'] else no}</td>"
                f"<td>{yes if row['publisher'] else no}</td>"
                f"<td>{escape(row['last_publication'])}</td></tr>\n"
                for row in rows
            )
        )

    @staticmethod
    def options(rows: list[dict[str, Any]], body: str | None) -> Markup:
        """The ``<option>``s of the body filter, the chosen one selected (escaped)."""
        return Markup(
            "".join(
                f'<option value="{escape(row["name"])}"'
                f"{' selected' if row['name'] == body else ''}>{escape(row['title'])}</option>"
                for row in rows
            )
        )


def _monitor(scope: dict[str, Any] | None, everything: bool = False) -> dict[str, Any]:
    """The figures and one page of datasets (every dataset when ``everything``, for exports)."""
    body = tk.request.args.get("body") or None
    page = base.page_number()
    bodies_page = base.page_number("bodies_page")
    data: dict[str, Any] = {"include_datasets": True}
    if not everything:
        data.update(limit=_DATASETS_PER_PAGE, offset=(page - 1) * _DATASETS_PER_PAGE)
    if scope is not None:
        data["organization_id"] = scope["id"]
    elif body:
        data["datasets_organization_id"] = body
    if tk.request.args.get("state"):
        data["state"] = tk.request.args["state"]
    result = tk.get_action("lutsk_charter_monitor_show")(base.context(), data)
    flatten = _Rows()
    rows = all_rows = [flatten.row(b) for b in result["bodies"]]
    if body:
        rows = [r for r in rows if r["name"] == body]
    sort = tk.request.args.get("sort", "title")
    if sort.lstrip("-") in _BODY_COLUMNS:
        key = sort.lstrip("-")
        field = "last_publication_at" if key == "last_publication" else key
        present = [r for r in rows if r[field] is not None]
        present.sort(
            key=lambda r: str(r[field]).casefold() if key == "title" else r[field],
            reverse=sort.startswith("-"),
        )
        rows = present + [r for r in rows if r[field] is None]  # unknown last either way
    filters = {k: v for k, v in (("body", body), ("state", data.get("state")), ("sort", sort)) if v}
    # each pager keeps the other list's page (beyond the last page: the last, as CKAN's pager)
    on_bodies = {"bodies_page": bodies_page} if bodies_page > 1 else {}
    pages = base.pager(page, result["datasets_count"], _DATASETS_PER_PAGE, {**filters, **on_bodies})
    on_datasets = {"page": page} if page > 1 else {}
    bodies_pages = base.pager(
        bodies_page, len(rows), _BODIES_PER_PAGE, {**filters, **on_datasets}, collection=rows
    )
    return {
        **result,
        "pager": pages,
        "bodies_pager": bodies_pages,
        "page_datasets": result["datasets"],
        "rows": rows,
        "rows_all": all_rows,
        "rows_html": flatten.table(list(bodies_pages.items)),
        # the body filter lists every body on the city's page (the template's rows_all or rows)
        "options_html": flatten.options(all_rows if scope is None else rows, body),
        "sort": sort,
        "sort_links": {c: _next_sort(c, sort) for c in _BODY_COLUMNS},
        "body": body,
        "state": data.get("state", ""),
    }


#: The datasets table's coded columns: the export shows them in words, and the
#: code again in a last column for machines.
_CODED_DATASET_COLUMNS = ("state", "update_frequency", "band")


def _export_table(monitor: dict[str, Any], table: str) -> tuple[list[str], Any]:
    """Header and rows of an export: words for people, typed dates and numbers."""
    h = tk.h
    if table == "trend":
        series = h.lutsk_charter_trend_series()
        header = [_("Day"), *(h.lutsk_charter_trend_label(s) for s in series)]
        rows: Any = (
            [
                h.lutsk_charter_to_local(p["day"]),
                *(h.lutsk_charter_trend_value(p["figures"], s) for s in series),
            ]
            for p in monitor["trend"]
        )
        return header, rows
    if table == "bodies":
        header = [h.lutsk_charter_monitor_column(c, table) for c in _BODY_COLUMNS]

        def body_cell(row: dict[str, Any], column: str) -> Any:
            if column in ("creator", "publisher"):
                return h.lutsk_charter_yes_no(row[column])
            if column == "last_publication":
                return h.lutsk_charter_to_local(row.get("last_publication_at"))
            return row.get(column)

        return header, ([body_cell(r, c) for c in _BODY_COLUMNS] for r in monitor["rows"])
    header = [h.lutsk_charter_monitor_column(c, table) for c in _DATASET_COLUMNS]
    code = _("code")
    header += [
        f"{h.lutsk_charter_monitor_column(c, table)} ({code})" for c in _CODED_DATASET_COLUMNS
    ]

    def dataset_cell(row: dict[str, Any], column: str) -> Any:
        value = row.get(column)
        if column == "state":
            return h.lutsk_charter_publication_state(value)
        if column == "update_frequency":
            return h.lutsk_charter_frequency_label(value) if value else ""
        if column == "band":
            return h.lutsk_charter_band_label(value) if value else ""
        if column == "due":
            return h.lutsk_charter_to_local(value)
        return value

    rows = (
        [dataset_cell(r, c) for c in _DATASET_COLUMNS]
        + [r.get(c) or "" for c in _CODED_DATASET_COLUMNS]
        for r in monitor["datasets"]
    )
    return header, rows


def _export(monitor: dict[str, Any], table: str, fmt: str, basename: str) -> Response:
    if fmt not in MIMETYPES or table not in ("bodies", "datasets", "trend"):
        return tk.abort(404, _("There is no such export."))
    header, rows = _export_table(monitor, table)
    sheets = {"bodies": _("Bodies"), "datasets": _("Datasets"), "trend": _("Trend")}
    content = table_bytes(header, rows, fmt, sheets[table])
    response = FlaskResponse(content, mimetype=MIMETYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{basename}-{table}.{fmt}"'
    return response


@bp.route("/ckan-admin/monitoring")
def monitoring() -> str:
    """Sysadmins: the publication figures of every body, trends, late datasets."""
    return tk.render("lutsk_charter/monitoring.html", {**_monitor(None), "organization": None})


@bp.route("/ckan-admin/monitoring/export/<table>.<fmt>")
def monitoring_export(table: str, fmt: str) -> Response:
    return _export(_monitor(None, everything=True), table, fmt, "monitoring")


@bp.route("/organization/monitoring/<id>")
def organization_monitoring(id: str) -> str:
    """A body's admins: its figures, trends and late datasets."""
    body = base.organization(id)
    return tk.render(
        "lutsk_charter/organization_monitoring.html",
        {
            **_monitor(body),
            "organization": body,
            "group_dict": body,
            "group_type": "organization",
        },
    )


@bp.route("/organization/monitoring/<id>/export/<table>.<fmt>")
def organization_monitoring_export(id: str, table: str, fmt: str) -> Response:
    body = base.organization(id)
    return _export(_monitor(body, everything=True), table, fmt, f"monitoring-{body['name']}")
