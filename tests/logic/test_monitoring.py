"""The ICT department's monitoring on the real stack: figures, auth, snapshots, exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import ckan.plugins.toolkit as tk
import pytest
import sqlalchemy as sa
from ckan import model
from ckan.tests import factories
from ckan.tests.helpers import call_action
from openpyxl import load_workbook

from ckanext.lutsk_charter.clock import today as portal_today
from ckanext.lutsk_charter.model import MonitorSnapshot
from tests.conftest import LutskDataset, LutskOrganization, add_csv, site_context

# No request context here: the page tests go through the app as a real request.
pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

CSV = "id,name\n1,Луцьк\n".encode()


@pytest.fixture
def city():
    """Two bodies: education (one late, one due soon, one fine, a private and a draft)
    and transport (one stopped dataset, persons assigned)."""
    admin = factories.User()
    education = LutskOrganization(
        name="education",
        title="Департамент освіти",
        users=[{"name": admin["name"], "capacity": "admin"}],
    )
    transport = LutskOrganization(name="transport", title="Департамент транспорту")
    late = LutskDataset(owner_org=education["id"], name="late", update_frequency="once a month")
    add_csv(late, days_ago=45)
    soon = LutskDataset(owner_org=education["id"], name="soon", update_frequency="once a month")
    add_csv(soon, days_ago=27)
    fine = LutskDataset(owner_org=education["id"], name="fine", update_frequency="once a year")
    add_csv(fine, days_ago=3)
    LutskDataset(owner_org=education["id"], name="closed", private=True)
    LutskDataset(owner_org=education["id"], name="unfinished", state="draft")
    stopped = LutskDataset(
        owner_org=transport["id"], name="stopped", update_frequency="no longer updated"
    )
    add_csv(stopped, days_ago=900)
    for role in ("creator", "publisher"):
        call_action(
            "lutsk_charter_responsible_assign",
            context=site_context(),
            organization_id=transport["id"],
            role=role,
            full_name="Петренко Іван",
            email=f"{role}@lutskrada.gov.ua",
        )
    return {"education": education, "transport": transport, "admin": admin}


def test_figures_per_body_and_for_the_city(city):
    result = call_action("lutsk_charter_monitor_show")
    bodies = {b["name"]: b for b in result["bodies"]}
    education, transport = bodies["education"], bodies["transport"]
    assert (education["public"], education["private"], education["draft"]) == (3, 1, 1)
    assert education["timeliness"] == {"normal": 1, "due_soon": 1, "overdue": 1, "inactive": 0}
    assert transport["timeliness"] == {"normal": 0, "due_soon": 0, "overdue": 0, "inactive": 1}
    assert (education["creator"], education["publisher"]) == (False, False)
    assert (transport["creator"], transport["publisher"]) == (True, True)
    assert sum(education["bands"].values()) == 3
    assert education["flags"]["accessible_and_usable"] == 1  # the private one has no data
    assert education["last_publication"] > transport["last_publication"]
    assert result["city"]["public"] == 4
    assert result["city"]["timeliness"]["overdue"] == 1
    assert (result["city"]["creator"], result["city"]["publisher"]) == (1, 1)
    assert result["city"]["open_flags"] == education["open_flags"] + transport["open_flags"]


def test_the_dataset_list_pages_and_filters_by_body(city):
    first = call_action("lutsk_charter_monitor_show", include_datasets=True, limit=2)
    assert first["datasets_count"] == 6
    assert len(first["datasets"]) == 2
    rest = call_action("lutsk_charter_monitor_show", include_datasets=True, limit=2, offset=2)
    assert not {d["name"] for d in first["datasets"]} & {d["name"] for d in rest["datasets"]}
    transport = call_action(
        "lutsk_charter_monitor_show", include_datasets=True, datasets_organization_id="transport"
    )
    assert [d["name"] for d in transport["datasets"]] == ["stopped"]
    assert len(transport["bodies"]) == 2  # the figures still cover every body


def test_the_dataset_list_filters_by_state(city):
    late = call_action("lutsk_charter_monitor_show", include_datasets=True, state="overdue")
    assert [d["name"] for d in late["datasets"]] == ["late"]
    assert late["datasets"][0]["days_left"] < 0
    soon = call_action("lutsk_charter_monitor_show", include_datasets=True, state="due_soon")
    assert [d["name"] for d in soon["datasets"]] == ["soon"]
    assert 0 <= soon["datasets"][0]["days_left"] <= 7
    drafts = call_action("lutsk_charter_monitor_show", include_datasets=True, state="draft")
    assert [d["name"] for d in drafts["datasets"]] == ["unfinished"]
    with pytest.raises(tk.ValidationError) as error:
        call_action("lutsk_charter_monitor_show", state="late")
    assert "state" in error.value.error_dict


def test_a_body_admin_sees_only_their_body(city):
    own = call_action(
        "lutsk_charter_monitor_show",
        context={"user": city["admin"]["name"], "ignore_auth": False},
        organization_id="education",
    )
    assert [b["name"] for b in own["bodies"]] == ["education"]
    for data in (
        {},
        {"organization_id": "transport"},
        {"organization_id": "education", "datasets_organization_id": "transport"},
    ):
        with pytest.raises(tk.NotAuthorized):
            call_action(
                "lutsk_charter_monitor_show",
                context={"user": city["admin"]["name"], "ignore_auth": False},
                **data,
            )
    editor = factories.User()
    call_action(
        "organization_member_create",
        context=site_context(),
        id="education",
        username=editor["name"],
        role="editor",
    )
    for user in (editor["name"], ""):
        with pytest.raises(tk.NotAuthorized):
            call_action(
                "lutsk_charter_monitor_show",
                context={"user": user, "ignore_auth": False},
                organization_id="education",
            )
    with pytest.raises(tk.NotAuthorized):
        call_action(
            "lutsk_charter_monitor_snapshot",
            context={"user": city["admin"]["name"], "ignore_auth": False},
        )


def test_a_snapshot_a_day_and_the_trend_reads_them(city, cli, app):
    from ckan.cli.cli import ckan

    for _ in range(2):  # cron run twice the same day
        result = cli.invoke(ckan, ["lutsk-charter", "snapshot"])
        assert result.exit_code == 0, result.output
    rows = model.Session.execute(sa.select(MonitorSnapshot.organization_id)).scalars().all()
    assert sorted(rows) == sorted(["", city["education"]["id"], city["transport"]["id"]])
    today = portal_today()  # the portal's day (Kyiv), not the machine's (UTC)
    yesterday = today - dt.timedelta(days=1)
    model.Session.add(
        MonitorSnapshot(
            day=yesterday,
            organization_id="",
            figures={"public": 2, "timeliness": {"overdue": 0}, "open_flags": 1},
            taken_at=dt.datetime.now(dt.timezone.utc),
        )
    )
    model.Session.commit()
    trend = call_action("lutsk_charter_monitor_show")["trend"]
    token = factories.SysadminWithToken()["token"]
    response = app.get("/ckan-admin/monitoring/export/trend.xlsx", headers={"Authorization": token})
    rows = list(load_workbook(io.BytesIO(response.data)).active.values)
    assert rows[0][:2] == ("День", "Публічні набори даних")
    days = [r[0].date() for r in rows[1:]]  # real dates, not text
    assert days == [yesterday, today]
    assert rows[1][1] == 2
    assert [p["day"] for p in trend][-2:] == [yesterday.isoformat(), today.isoformat()]
    assert trend[-1]["figures"]["public"] == 4


def _as_sysadmin(app, url: str):
    sysadmin = factories.SysadminWithToken()
    return app.get(url, headers={"Authorization": sysadmin["token"]})


def test_exports_open_in_excel_and_read_back(city, app):
    response = _as_sysadmin(app, "/ckan-admin/monitoring/export/bodies.xlsx")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Розпорядник"
    by_title = {r[0]: r for r in rows[1:]}
    assert by_title["Департамент освіти"][1] == 3  # public
    response = _as_sysadmin(app, "/ckan-admin/monitoring/export/datasets.csv?state=overdue")
    text = response.data.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert len(lines) == 2
    assert lines[1][1] == "Департамент освіти"
    assert _as_sysadmin(app, "/ckan-admin/monitoring/export/everything.csv").status_code == 404


def test_exports_say_words_with_codes_apart_and_typed_cells(city, app):
    """Words for people (state, frequency, band, так/ні), codes in extra columns, real dates."""
    response = _as_sysadmin(app, "/ckan-admin/monitoring/export/datasets.xlsx?state=overdue")
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["Набори даних"]
    sheet = workbook.active
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert row["Стан"] == "прострочений"
    assert row["Стан (код)"] == "overdue"
    assert row["Частота оновлення"] == "Щомісяця"
    assert row["Частота оновлення (код)"] == "once a month"
    assert isinstance(row["Наступне оновлення до"], dt.datetime)  # a date cell Excel can sort
    assert isinstance(row["Залишилось днів"], int)
    assert sheet.column_dimensions["A"].width > 8

    bodies = list(
        csv.DictReader(
            io.StringIO(
                _as_sysadmin(app, "/ckan-admin/monitoring/export/bodies.csv").data.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    values = {b[h] for b in bodies for h in ("Особа, що створює", "Особа, що оприлюднює")}
    assert values <= {"так", "ні"}


def _counting(do) -> int:
    engine = model.Session.get_bind()
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        do()
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def test_the_dashboard_costs_a_fixed_number_of_queries(city, app):
    """The dashboard's data (what the page asks of the action) in at most 15 queries, and
    the whole page (with CKAN's header and login) in as many whatever the datasets."""
    token = factories.SysadminWithToken()["token"]

    def page():
        response = app.get("/ckan-admin/monitoring", headers={"Authorization": token})
        assert response.status_code == 200

    def data():
        call_action("lutsk_charter_monitor_show", include_datasets=True, limit=100)

    page()  # warm CKAN's caches
    first_page, first_data = _counting(page), _counting(data)
    for n in range(5):  # more datasets, same number of queries
        LutskDataset(owner_org=city["transport"]["id"], name=f"more-{n}")
    assert (_counting(page), _counting(data)) == (first_page, first_data)
    assert first_data <= 15


def test_the_bodies_table_pages_by_fifty_and_keeps_sort_and_the_other_pager(app):
    """A national portal's thousands of bodies take pages; the exports and the body filter
    keep every body."""
    from bs4 import BeautifulSoup

    for n in range(52):
        LutskOrganization(name=f"body-{n:02d}", title=f"Орган {n:02d}")

    def bodies(url: str) -> tuple[list[str], Any]:
        response = _as_sysadmin(app, url)
        assert response.status_code == 200, url
        soup = BeautifulSoup(response.data, "html.parser")
        rows = soup.select("table.lutsk-charter-bodies tbody tr")
        return [r["data-body"] for r in rows], soup

    first, soup = bodies("/uk/ckan-admin/monitoring")
    assert first == [f"body-{n:02d}" for n in range(50)]
    pager = soup.select_one("nav[aria-label='Сторінки розпорядників']")
    assert pager is not None
    links = [a["href"] for a in pager.select("a[href]")]
    assert any("bodies_page=2" in link for link in links)
    # the body filter still offers every body
    assert len(soup.select("#filter-body option")) == 52 + 1

    second, soup = bodies("/uk/ckan-admin/monitoring?bodies_page=2")
    assert second == ["body-50", "body-51"]
    # a new sort starts on the first page of bodies
    sort_links = [a["href"] for a in soup.select("table.lutsk-charter-bodies thead a[href]")]
    assert sort_links
    assert not any("bodies_page" in link for link in sort_links)
    assert bodies("/uk/ckan-admin/monitoring?bodies_page=999")[0] == second  # the last page
    reverse, soup = bodies("/uk/ckan-admin/monitoring?sort=-title&bodies_page=2")
    assert reverse == ["body-01", "body-00"]
    pager = soup.select_one("nav[aria-label='Сторінки розпорядників']")
    assert pager is not None
    assert all("sort=-title" in a["href"] for a in pager.select("a[href]"))

    for bad in ("abc", "0", "-1", "1e9", "9" * 30):
        response = _as_sysadmin(app, f"/uk/ckan-admin/monitoring?bodies_page={bad}")
        assert response.status_code == 400, bad
        assert "Номер сторінки" in response.get_data(as_text=True)

    text = _as_sysadmin(app, "/ckan-admin/monitoring/export/bodies.csv").data.decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(text)))) == 52 + 1  # every body, and the header
