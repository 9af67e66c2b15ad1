"""The ICT department reads the monitoring dashboard in Ukrainian, charts included."""

from __future__ import annotations

import datetime as dt

import pytest
from ckan import model
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.lutsk_charter.model import MonitorSnapshot
from tests.conftest import LutskDataset, LutskOrganization, add_csv

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

PASSWORD = "Correct-horse-battery-9"


def _late(organization: dict, name: str, days_ago: int) -> None:
    dataset = LutskDataset(owner_org=organization["id"], name=name, title=f"Набір {name}")
    add_csv(dataset, days_ago=days_ago)


def test_the_ict_department_reads_the_dashboard(page, log_in):
    sysadmin = factories.Sysadmin(password=PASSWORD)
    education = LutskOrganization(name="education", title="Департамент освіти")
    LutskOrganization(name="culture", title="Управління культури")
    _late(education, "schools", 45)
    _late(education, "kindergartens", 27)
    call_action("lutsk_charter_monitor_snapshot")
    model.Session.add(
        MonitorSnapshot(
            day=dt.date.today() - dt.timedelta(days=1),
            organization_id="",
            figures={"public": 1, "timeliness": {"overdue": 0, "due_soon": 1}, "open_flags": 4},
            taken_at=dt.datetime.now(dt.timezone.utc),
        )
    )
    model.Session.commit()
    log_in(sysadmin["name"], PASSWORD)

    page.goto("/uk/ckan-admin/monitoring")
    assert page.get_by_role("heading", name="Моніторинг оприлюднення відкритих даних").is_visible()
    assert page.locator("[data-figure=public]").inner_text() == "2"
    assert page.locator("[data-figure=overdue]").inner_text() == "1"
    assert page.locator("[data-figure=due_soon]").inner_text() == "1"
    assert page.locator("svg.lutsk-charter-chart").count() == 2  # datasets and flags apart
    chart = page.locator("#lutsk-charter-chart-datasets")
    assert chart.is_visible()
    assert chart.locator("title").text_content() == "Набори даних з часом"
    assert chart.locator("polyline").count() == 3
    flags = page.locator("#lutsk-charter-chart-flags")
    assert flags.locator("title").text_content() == "Відкриті зауваження щодо якості з часом"
    assert flags.locator("polyline").count() == 1
    labels = chart.locator("text.x-label").all_text_contents()
    assert len(labels) == 2
    assert labels[0] != labels[1]
    assert labels[1].endswith("р.")  # "1 грудня 2026 р.", not 2026-12-01
    page.get_by_text("Графік у вигляді таблиці").click()
    trend = page.locator("table.lutsk-charter-trend-table").inner_text()
    assert "Публічні набори" in trend
    assert "прострочений" in trend

    bodies = page.locator("table.lutsk-charter-bodies tbody tr")
    assert bodies.count() == 2
    row = page.locator("tr[data-body=education]").inner_text()
    assert "Департамент освіти" in row
    page.get_by_role("link", name="прострочений", exact=True).first.click()  # sort by overdue
    page.wait_for_url("**sort=-overdue**")  # worst first: the most overdue on top
    assert (
        page.locator("table.lutsk-charter-bodies tbody tr").first.get_attribute("data-body")
        == "education"
    )
    heading = page.locator("table.lutsk-charter-bodies th[aria-sort=descending]")
    assert heading.locator(".lutsk-charter-sort-arrow").inner_text() == "▼"
    heading.get_by_role("link").click()  # the other way round
    page.wait_for_url("**sort=overdue**")
    assert (
        page.locator("table.lutsk-charter-bodies tbody tr").first.get_attribute("data-body")
        == "culture"
    )
    assert page.locator("th[aria-sort=ascending] .lutsk-charter-sort-arrow").inner_text() == "▲"

    page.select_option("#filter-state", "overdue")
    page.locator("section[aria-labelledby=datasets-heading] button[type=submit]").click()
    page.wait_for_url("**state=overdue**")
    datasets = page.locator("table.lutsk-charter-datasets tbody tr")
    assert datasets.count() == 1
    assert "Набір schools" in datasets.first.inner_text()
    assert "прострочений" in datasets.first.inner_text()
    with page.expect_download() as download:
        page.locator("section[aria-labelledby=datasets-heading]").get_by_role(
            "link", name="XLSX"
        ).click()
    assert download.value.suggested_filename == "monitoring-datasets.xlsx"


def test_a_body_admin_sees_their_body_and_nobody_else_does(page, log_in):
    admin = factories.User(password=PASSWORD)
    education = LutskOrganization(
        name="education",
        title="Департамент освіти",
        users=[{"name": admin["name"], "capacity": "admin"}],
    )
    _late(education, "schools", 45)
    log_in(admin["name"], PASSWORD)
    page.goto("/uk/organization/education")
    page.get_by_role("link", name="Моніторинг").click()
    assert page.get_by_role("heading", name="Моніторинг оприлюднення відкритих даних").is_visible()
    assert page.locator("[data-figure=overdue]").inner_text() == "1"
    persons = page.locator(".lutsk-charter-persons").inner_text()
    assert "Не записано відповідальних осіб: ніхто не створює й не оприлюднює відкриті дані." in (
        persons
    )
    assert page.goto("/uk/ckan-admin/monitoring").status == 403


def test_a_portal_of_many_bodies_reads_the_bodies_table_page_by_page(page, log_in):
    sysadmin = factories.Sysadmin(password=PASSWORD)
    for n in range(51):
        LutskOrganization(name=f"body-{n:02d}", title=f"Орган {n:02d}")
    log_in(sysadmin["name"], PASSWORD)
    page.goto("/uk/ckan-admin/monitoring")
    table = page.locator("table.lutsk-charter-bodies tbody tr")
    assert table.count() == 50
    pages = page.get_by_role("navigation", name="Сторінки розпорядників")
    assert pages.is_visible()
    pages.get_by_role("link", name="2").click()
    page.wait_for_url("**bodies_page=2**")
    assert table.count() == 1
    assert "Орган 50" in table.first.inner_text()
    # the datasets' section below is still there, in Ukrainian
    assert page.get_by_role("heading", name="Набори даних").is_visible()
