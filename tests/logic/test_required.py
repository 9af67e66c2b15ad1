"""The Resolution 835 catalogue of mandatory datasets: the list, its edits and loads, coverage."""

from __future__ import annotations

import datetime as dt

import ckan.plugins.toolkit as tk
import pytest
import sqlalchemy as sa
from ckan import model
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.conftest import LutskDataset, LutskOrganization, add_csv, site_context

pytestmark = pytest.mark.usefixtures(
    "with_plugins", "clean_db", "clean_index", "with_request_context"
)

HEADER = "code,section,number,name_uk,name_en,source\n"


def _member(organization, capacity: str) -> dict:
    user = factories.User()
    call_action(
        "organization_member_create",
        context=site_context(),
        id=organization["id"],
        username=user["name"],
        role=capacity,
    )
    return user


def _allowed(user: dict | None, action: str, data: dict) -> bool:
    try:
        tk.check_access(action, {"user": user["name"] if user else ""}, data)
    except tk.NotAuthorized:
        return False
    return True


# --- the list -------------------------------------------------------------------------------


def test_the_migration_seeds_the_73_items_of_the_package_csv(migrate_db_for):
    model.Session.remove()
    migrate_db_for("lutsk_charter", "base", False)
    migrate_db_for("lutsk_charter")
    rows = model.Session.execute(
        sa.text(
            "SELECT section, count(*), min(position), max(position), bool_and(active)"
            " FROM lutsk_charter_required_dataset GROUP BY section ORDER BY section"
        )
    ).all()
    assert [tuple(r) for r in rows] == [
        ("all_holders", 16, 1, 16, True),
        ("local_self_government", 57, 1, 57, True),
    ]
    items = call_action("lutsk_charter_required_dataset_list", context={"user": ""})
    assert len(items) == 73
    assert [i["code"] for i in items[:2]] == ["ALL-1", "ALL-2"]
    assert [i["code"] for i in items[15:18]] == ["ALL-16", "OMS-1", "OMS-2"]
    oms1 = items[16]
    assert oms1["name_uk"] == "Перелік об’єктів комунальної власності"
    assert oms1["name_en"]
    assert oms1["section"] == "local_self_government"
    assert oms1["position"] == 1
    assert "brdo-ict-sector" in oms1["source"]


def test_the_list_filters_by_section_and_hides_inactive_items():
    local = call_action("lutsk_charter_required_dataset_list", section="local_self_government")
    assert len(local) == 57
    assert {i["section"] for i in local} == {"local_self_government"}
    call_action("lutsk_charter_required_dataset_update", code="OMS-2", active=False)
    assert "OMS-2" not in {i["code"] for i in call_action("lutsk_charter_required_dataset_list")}
    everything = call_action("lutsk_charter_required_dataset_list", include_inactive=True)
    assert len(everything) == 73
    assert next(i for i in everything if i["code"] == "OMS-2")["active"] is False


def test_a_bad_section_is_refused():
    with pytest.raises(tk.ValidationError) as e:
        call_action("lutsk_charter_required_dataset_list", section="ministries")
    assert "section" in e.value.error_dict


def test_the_sysadmin_edits_an_item():
    sysadmin = factories.Sysadmin()
    item = call_action(
        "lutsk_charter_required_dataset_update",
        context={"user": sysadmin["name"]},
        code="all-15",
        name_en="Information from the public information register",
    )
    assert item["code"] == "ALL-15"
    assert item["name_en"] == "Information from the public information register"
    assert item["updated_by"] == sysadmin["id"]
    assert item["updated_at"]
    assert item["name_uk"] == "Інформація із системи обліку публічної інформації"


def test_editing_an_unknown_item_or_emptying_its_name_fails():
    with pytest.raises(tk.ObjectNotFound):
        call_action("lutsk_charter_required_dataset_update", code="OMS-99", name_en="x")
    with pytest.raises(tk.ValidationError) as e:
        call_action("lutsk_charter_required_dataset_update", code="OMS-1", name_uk="")
    assert "name_uk" in e.value.error_dict
    with pytest.raises(tk.ValidationError) as e:
        call_action("lutsk_charter_required_dataset_update", code="KMU-1", name_en="x")
    assert "code" in e.value.error_dict


# --- who may do what ------------------------------------------------------------------------


def test_who_may_do_what(organization):
    other = LutskOrganization()
    users = {
        "anonymous": None,
        "member": _member(organization, "member"),
        "editor": _member(organization, "editor"),
        "admin": _member(organization, "admin"),
        "editor_of_another_body": _member(other, "editor"),
        "sysadmin": factories.Sysadmin(),
    }

    def who_may(action: str, data: dict) -> set[str]:
        return {who for who, user in users.items() if _allowed(user, action, data)}

    assert who_may("lutsk_charter_required_dataset_list", {}) == set(users)
    assert who_may("lutsk_charter_required_dataset_update", {"code": "OMS-1"}) == {"sysadmin"}
    assert who_may("lutsk_charter_required_dataset_load", {"csv": HEADER}) == {"sysadmin"}
    assert who_may("lutsk_charter_required_dataset_coverage", {}) == {"sysadmin"}
    assert who_may(
        "lutsk_charter_required_dataset_coverage", {"organization_id": organization["id"]}
    ) == {"editor", "admin", "sysadmin"}
    assert who_may(
        "lutsk_charter_required_dataset_coverage", {"organization_id": other["name"]}
    ) == {"editor_of_another_body", "sysadmin"}


# --- loading from CSV -----------------------------------------------------------------------


def test_load_updates_and_creates_items_all_at_once():
    csv_text = HEADER + (
        "OMS-1,local_self_government,1,Перелік об’єктів комунальної власності,"
        "Register of municipal property,manual\n"
        ",local_self_government,58,Перелік укриттів,List of shelters,manual\n"
        "ALL-2,all_holders,2,Інформація про структуру (організаційну структуру) розпорядника"
        " інформації,Information on the structure (organisational structure) of the information"
        " holder,github:brdo-ict-sector/postanova835-to-datagovua/data sources/1."
        " 835_orgs_and_required_datasets_Oct24.xlsx@d9a4b9bcd0624bc549fcbf9646e957d6ce8fe130\n"
    )
    dry = call_action("lutsk_charter_required_dataset_load", csv=csv_text, dry_run=True)
    assert dry == {"created": 1, "updated": 1, "unchanged": 1, "dry_run": True}
    assert len(call_action("lutsk_charter_required_dataset_list")) == 73

    result = call_action("lutsk_charter_required_dataset_load", csv="\ufeff" + csv_text)
    assert result == {"created": 1, "updated": 1, "unchanged": 1, "dry_run": False}
    items = {i["code"]: i for i in call_action("lutsk_charter_required_dataset_list")}
    assert len(items) == 74
    assert items["OMS-58"]["name_uk"] == "Перелік укриттів"
    assert items["OMS-58"]["active"] is True
    assert items["OMS-1"]["name_en"] == "Register of municipal property"
    assert items["OMS-1"]["updated_at"]
    assert items["ALL-2"]["updated_at"] is None  # unchanged, untouched


def test_the_package_csv_loads_unchanged():
    from importlib import resources

    text = (resources.files("ckanext.lutsk_charter") / "data" / "835-list.csv").read_text("utf-8")
    result = call_action("lutsk_charter_required_dataset_load", csv=text)
    assert result == {"created": 0, "updated": 0, "unchanged": 73, "dry_run": False}


def test_an_active_column_switches_items_off():
    call_action(
        "lutsk_charter_required_dataset_load",
        csv="section,number,name_uk,active\n"
        "all_holders,16,Результати інформаційного аудиту,false\n",
    )
    assert "ALL-16" not in {i["code"] for i in call_action("lutsk_charter_required_dataset_list")}


def test_bad_lines_are_reported_by_number_and_nothing_is_loaded():
    csv_text = HEADER + (
        "OMS-1,local_self_government,1,Нова назва,New name,\n"  # line 2: good
        ",ministries,3,Щось,Something,\n"  # line 3: unknown section
        "OMS-4,local_self_government,,Без номера,,\n"  # line 4: no number
        "ALL-5,local_self_government,5,Чужий код,,\n"  # line 5: code of another section
        "OMS-1,local_self_government,1,Двічі,,\n"  # line 6: same code again
        "OMS-7,local_self_government,7,,,\n"  # line 7: no name
    )
    with pytest.raises(tk.ValidationError) as e:
        call_action("lutsk_charter_required_dataset_load", csv=csv_text)
    messages = e.value.error_dict["csv"]
    # In the portal's language, Ukrainian, which the request context speaks.
    assert [m.split(":")[0] for m in messages] == [
        "Рядок 3",
        "Рядок 4",
        "Рядок 5",
        "Рядок 6",
        "Рядок 7",
    ]
    assert messages[0].startswith("Рядок 3: section: Невідомий розділ «ministries»")
    assert messages[1] == "Рядок 4: number: Значення відсутнє"
    assert messages[2] == ("Рядок 5: code: ALL-5 не належить до розділу local_self_government.")
    assert messages[3] == "Рядок 6: code: OMS-1 уже є в рядку 2."
    assert messages[4] == "Рядок 7: name_uk: Значення відсутнє"
    items = {i["code"]: i for i in call_action("lutsk_charter_required_dataset_list")}
    assert items["OMS-1"]["name_uk"] == "Перелік об’єктів комунальної власності"


def test_a_file_without_the_needed_columns_is_refused_at_line_1():
    with pytest.raises(tk.ValidationError) as e:
        call_action("lutsk_charter_required_dataset_load", csv="code,name\nOMS-1,x\n")
    assert e.value.error_dict["csv"] == ["Рядок 1: бракує колонок: section, number, name_uk."]


# --- the dataset field ----------------------------------------------------------------------


def test_a_dataset_links_to_an_item(organization):
    dataset = LutskDataset(owner_org=organization["id"], required_dataset="oms-1")
    assert call_action("package_show", id=dataset["id"])["required_dataset"] == "OMS-1"
    assert "legal_basis" not in dataset or not dataset.get("legal_basis")


def test_an_unknown_or_inactive_item_is_refused(organization):
    with pytest.raises(tk.ValidationError) as e:
        LutskDataset(owner_org=organization["id"], required_dataset="OMS-99")
    assert "required_dataset" in e.value.error_dict
    call_action("lutsk_charter_required_dataset_update", code="OMS-2", active=False)
    with pytest.raises(tk.ValidationError):
        LutskDataset(owner_org=organization["id"], required_dataset="OMS-2")


def test_a_dataset_keeps_its_link_to_an_item_switched_off_later(organization):
    dataset = LutskDataset(owner_org=organization["id"], required_dataset="OMS-2")
    call_action("lutsk_charter_required_dataset_update", code="OMS-2", active=False)
    call_action("package_patch", context=site_context(), id=dataset["id"], title="Нова назва")
    assert call_action("package_show", id=dataset["id"])["required_dataset"] == "OMS-2"
    other = LutskDataset(owner_org=organization["id"])
    with pytest.raises(tk.ValidationError):
        call_action(
            "package_patch", context=site_context(), id=other["id"], required_dataset="OMS-2"
        )


def test_the_form_offers_the_items_in_both_languages():
    from ckanext.lutsk_charter.helpers import lutsk_charter_required_dataset_choices

    choices = lutsk_charter_required_dataset_choices({})
    assert len(choices) == 73
    assert len(choices) == 73
    first = choices[16]
    assert first["value"] == "OMS-1"
    assert first["label"]["uk"] == "OMS-1. Перелік об’єктів комунальної власності"
    assert first["label"]["en"].startswith("OMS-1. ")
    assert all(len(c["label"]["uk"]) <= 160 for c in choices)

    call_action("lutsk_charter_required_dataset_update", code="OMS-1", active=False)
    choices = lutsk_charter_required_dataset_choices({})
    assert choices[-1] == {
        "value": "OMS-1",
        "label": "OMS-1. Перелік об’єктів комунальної власності (більше не обов’язковий)",
    }


# --- coverage -------------------------------------------------------------------------------


@pytest.fixture
def city(organization):
    """Two bodies: the first publishes a current ALL-6 and an overdue OMS-1, the second OMS-3."""
    second = LutskOrganization()
    current = LutskDataset(owner_org=organization["id"], required_dataset="ALL-6")
    add_csv(current)
    overdue = LutskDataset(owner_org=organization["id"], required_dataset="OMS-1")
    add_csv(overdue, days_ago=70)
    private = LutskDataset(owner_org=organization["id"], required_dataset="ALL-5", private=True)
    deleted = LutskDataset(owner_org=organization["id"], required_dataset="ALL-9")
    call_action("package_delete", context=site_context(), id=deleted["id"])
    LutskDataset(owner_org=organization["id"])  # linked to nothing
    elsewhere = LutskDataset(owner_org=second["id"], required_dataset="OMS-3")
    return {
        "first": organization,
        "second": second,
        "current": current,
        "overdue": overdue,
        "private": private,
        "elsewhere": elsewhere,
    }


def test_city_wide_coverage(city):
    coverage = call_action("lutsk_charter_required_dataset_coverage")
    assert coverage["organization"] is None
    assert coverage["totals"] == {"required": 73, "published": 3, "current": 2, "missing": 70}
    items = {i["code"]: i for i in coverage["items"]}
    assert len(items) == 73

    all6 = items["ALL-6"]
    assert (all6["published"], all6["current"]) == (True, True)
    assert [d["id"] for d in all6["datasets"]] == [city["current"]["id"]]
    assert all6["datasets"][0]["organization"]["id"] == city["first"]["id"]
    assert all6["datasets"][0]["state"] == "normal"

    oms1 = items["OMS-1"]
    assert (oms1["published"], oms1["current"]) == (True, False)
    assert oms1["datasets"][0]["state"] == "overdue"
    assert oms1["datasets"][0]["due"] < dt.date.today().isoformat()

    assert items["OMS-3"]["current"] is True  # no files yet: counted from its creation
    for code in ("ALL-5", "ALL-9", "OMS-2"):  # private, deleted, never linked
        assert (items[code]["published"], items[code]["datasets"]) == (False, [])


def test_coverage_agrees_with_the_timeliness_of_each_dataset(city):
    coverage = call_action("lutsk_charter_required_dataset_coverage")
    for item in coverage["items"]:
        for dataset in item["datasets"]:
            shown = call_action("lutsk_charter_dataset_timeliness_show", id=dataset["id"])
            assert (dataset["state"], dataset["due"], dataset["data_changed_at"]) == (
                shown["state"],
                shown["due"],
                shown["data_changed_at"],
            )


def test_a_bodys_coverage_is_the_items_for_all_holders_and_its_own_local_items(city):
    editor = _member(city["first"], "editor")
    coverage = call_action(
        "lutsk_charter_required_dataset_coverage",
        context={"user": editor["name"]},
        organization_id=city["first"]["name"],
    )
    assert coverage["organization"]["id"] == city["first"]["id"]
    codes = [i["code"] for i in coverage["items"]]
    assert codes == [f"ALL-{n}" for n in range(1, 17)] + ["OMS-1"]
    assert coverage["totals"] == {"required": 17, "published": 2, "current": 1, "missing": 15}

    second = call_action(
        "lutsk_charter_required_dataset_coverage", organization_id=city["second"]["id"]
    )
    assert second["totals"] == {"required": 17, "published": 1, "current": 1, "missing": 16}
    assert second["items"][-1]["code"] == "OMS-3"


def test_an_inactive_item_is_not_counted(city):
    call_action("lutsk_charter_required_dataset_update", code="OMS-1", active=False)
    coverage = call_action("lutsk_charter_required_dataset_coverage")
    assert coverage["totals"] == {"required": 72, "published": 2, "current": 2, "missing": 70}


def test_coverage_of_an_unknown_body_is_refused():
    with pytest.raises(tk.ValidationError) as e:
        call_action("lutsk_charter_required_dataset_coverage", organization_id="no-such-body")
    assert "organization_id" in e.value.error_dict


def test_the_demo_links_its_datasets_to_their_items():
    from ckanext.lutsk_charter.demo import DATASETS, list835, load

    catalogue = {i["code"]: i for i in call_action("lutsk_charter_required_dataset_list")}
    for code, name in list835.ITEMS.items():
        assert catalogue[code]["name_uk"] == name, code

    load(echo=lambda line: None)
    linked = [d for d in DATASETS if d.item_835]
    assert linked
    for spec in linked:
        shown = call_action("package_show", context=site_context(), id=spec.name)
        assert shown["required_dataset"] == spec.item_835
    coverage = {
        i["code"]: i for i in call_action("lutsk_charter_required_dataset_coverage")["items"]
    }
    for spec in linked:
        names = {d["name"] for d in coverage[spec.item_835]["datasets"]}
        assert (spec.name in names) is (not spec.private), spec.name
