"""Our pages on a phone (390 px wide): tables scroll inside their own box, the page never
scrolls sideways, and a page's main action is reached in a few Tab presses."""

from __future__ import annotations

import datetime as dt

import pytest
from ckan import model
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.lutsk_charter.model import MonitorSnapshot
from tests.conftest import ARTIFACTS, LutskDataset, LutskOrganization, add_csv, site_context

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

PASSWORD = "Lutsk-Correct-Horse-42"
WIDTH = 390
#: How many Tab presses after "Skip to main content" a page's main action may take.
MAX_TABS = 8


@pytest.fixture
def phone(browser, live_server, request):
    context = browser.new_context(
        base_url=live_server,
        locale="uk-UA",
        viewport={"width": WIDTH, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    yield tab
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    finally:
        context.close()


def _log_in(tab, name: str) -> None:
    tab.goto("/uk/user/login")
    tab.fill("#field-login", name)
    tab.fill("#field-password", PASSWORD)
    tab.locator("form").filter(has=tab.locator("#field-password")).locator(
        "button[type=submit]"
    ).click()
    tab.wait_for_load_state()


def _city() -> dict:
    long_title = "Департамент житлово-комунального господарства Луцької міської ради"
    body = LutskOrganization(name="zhkh", title=long_title)
    admin = factories.User(password=PASSWORD)
    call_action(
        "organization_member_create",
        context=site_context(),
        id=body["id"],
        username=admin["name"],
        role="admin",
    )
    datasets = [
        LutskDataset(
            owner_org=body["id"],
            name=f"set-{n}",
            title=f"Дуже довга назва набору даних про житлово-комунальне господарство № {n}",
        )
        for n in range(3)
    ]
    resource = add_csv(datasets[0], days_ago=60)
    for n in range(3):
        call_action(
            "lutsk_charter_responsible_assign",
            context=site_context(),
            organization_id=body["id"],
            role="creator" if n else "publisher",
            full_name=f"Кравчук-Ковальчук Софія-Олена Олегівна {n}",
            email=f"sofiia.kravchuk-kovalchuk{n}@lutskrada.gov.ua",
            position="головний спеціаліст відділу інформаційно-комунікаційних технологій",
            valid_from="2025-01-13",
        )
    call_action("lutsk_charter_monitor_snapshot")
    model.Session.add(
        MonitorSnapshot(
            day=dt.date.today() - dt.timedelta(days=1),
            organization_id="",
            figures={"public": 2, "timeliness": {"overdue": 1, "due_soon": 0}, "open_flags": 9},
            taken_at=dt.datetime.now(dt.timezone.utc),
        )
    )
    model.Session.commit()
    return {"body": body, "admin": admin, "datasets": datasets, "resource": resource}


def _no_sideways_scroll(tab, path: str) -> None:
    response = tab.goto(path)
    assert response.status == 200, path
    sizes = tab.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert sizes[0] <= sizes[1], f"{path}: the page is {sizes[0]} px wide in {sizes[1]} px"
    for table in tab.locator("main table, [role=main] table, #content table").all():
        box = table.evaluate(
            "t => { const s = t.closest('.lutsk-charter-scroll, .table-responsive');"
            " return s ? [s.getBoundingClientRect().right, getComputedStyle(s).overflowX]"
            " : [t.getBoundingClientRect().right, 'none']; }"
        )
        assert box[0] <= sizes[1] + 1, f"{path}: a table's box sticks out ({box})"


def test_our_pages_fit_a_phone(phone):
    city = _city()
    sysadmin = factories.Sysadmin(password=PASSWORD)
    _log_in(phone, sysadmin["name"])
    dataset = city["datasets"][0]["name"]
    resource = city["resource"]["id"]
    for path in (
        "/uk/ckan-admin/monitoring",
        "/uk/ckan-admin/quality",
        "/uk/ckan-admin/responsible-changes",
        "/uk/ckan-admin/required-datasets",
        "/uk/ckan-admin/required-datasets/ALL-1/edit",
        "/uk/organization/responsible/zhkh",
        "/uk/organization/quality/zhkh",
        "/uk/organization/monitoring/zhkh",
        f"/uk/dataset/{dataset}",
        f"/uk/dataset/{dataset}/resource/{resource}",
        f"/uk/dataset/{dataset}/resource/{resource}/validation",
        "/uk/dataset/",
    ):
        _no_sideways_scroll(phone, path)
    phone.goto("/uk/ckan-admin/monitoring")
    bodies = phone.locator(".lutsk-charter-bodies").locator("xpath=..")
    overflow = bodies.evaluate("s => [s.scrollWidth, s.clientWidth, getComputedStyle(s).overflowX]")
    assert overflow[0] > overflow[1]  # the wide table scrolls ...
    assert overflow[2] == "auto"  # ... inside its own box


def _tabs_to(tab, name: str) -> int:
    """Tab presses after the skip link until the element named ``name`` has the focus."""
    tab.keyboard.press("Tab")
    # core's skip link (its Ukrainian text comes with the core-string catalog, issue 10)
    assert tab.evaluate("document.activeElement.getAttribute('href')") == "#content"
    tab.keyboard.press("Enter")
    for presses in range(1, 40):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.textContent.trim()") == name:
            return presses
    return 99


@pytest.mark.parametrize(
    ("user", "path", "action", "lands_in"),
    [
        (
            "admin",
            "/uk/organization/responsible/zhkh",
            "Записати відповідальну особу",
            "field-role",
        ),
        (
            "sysadmin",
            "/uk/ckan-admin/responsible-changes",
            "Позначити вибрані переглянутими",
            "acknowledge-selected",
        ),
        ("sysadmin", "/uk/ckan-admin/quality", "Розглянути вибрані зауваження", "review-note"),
    ],
)
def test_the_main_action_is_a_few_tabs_away(phone, user, path, action, lands_in):
    city = _city()
    name = (
        city["admin"]["name"] if user == "admin" else factories.Sysadmin(password=PASSWORD)["name"]
    )
    _log_in(phone, name)
    phone.goto(path)
    phone.evaluate("document.activeElement.blur()")
    presses = _tabs_to(phone, action)
    assert presses <= MAX_TABS, f"{path}: {presses} Tab presses to “{action}”"
    if lands_in:
        phone.keyboard.press("Enter")
        phone.keyboard.press("Tab")
        assert phone.evaluate("document.activeElement.id") == lands_in
