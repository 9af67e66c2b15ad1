"""The dashboard's summary gives exactly the figures of a straightforward count (real stack).

The straightforward count asks each dataset's state one by one (its package, the
timeliness action, its stored score), in Python; the summary is read once built
by the daily snapshot and after saves that keep it current without a rebuild —
a dataset moved between bodies, made private, deleted, its data changed — and
on a later day, when datasets fall overdue without any save.
"""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from ckan import model
from ckan.tests.helpers import call_action
from freezegun import freeze_time

from ckanext.lutsk_charter.clock import today as portal_today
from ckanext.lutsk_charter.model import DatasetQuality, MonitorCount, MonitorDataset, MonitorSummary
from ckanext.lutsk_charter.model.monitoring import current_roles
from ckanext.lutsk_charter.model.queries import org_summaries
from ckanext.lutsk_charter.monitoring.figures import Figures, city_figures
from ckanext.lutsk_charter.quality.service import registered_checks
from ckanext.lutsk_charter.types import MONITOR_BANDS
from tests.conftest import LutskDataset, LutskOrganization, add_csv, site_context

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


@pytest.fixture
def portal():
    """Three bodies: overdue, due soon, on time, never updated (counted from creation, one of
    them long ago), no longer updated, private, draft and deleted datasets; one to move."""
    health = LutskOrganization(name="health", title="Управління охорони здоров'я")
    roads = LutskOrganization(name="roads", title="Департамент доріг")
    LutskOrganization(name="empty", title="Порожній розпорядник")
    made = {}
    for name, owner, frequency, days in (
        ("late", health, "once a month", 45),
        ("soon", health, "once a month", 27),
        ("weekly-late", health, "once a week", 9),
        ("fine", health, "once a year", 3),
        ("stopped", health, "no longer updated", 900),
        ("road-late", roads, "once a quarter", 200),
        ("road-fine", roads, "once a day", 0),
        ("mover", health, "once a month", 40),
    ):
        made[name] = LutskDataset(name=name, owner_org=owner["id"], update_frequency=frequency)
        add_csv(made[name], days_ago=days)
    made["never"] = LutskDataset(name="never", owner_org=roads["id"])
    made["never-old"] = LutskDataset(name="never-old", owner_org=roads["id"])
    # created long ago, its data never changed since
    model.Session.execute(
        sa.text("UPDATE package SET metadata_created = :at WHERE name = 'never-old'"),
        {"at": dt.datetime.utcnow() - dt.timedelta(days=70)},
    )
    model.Session.execute(
        sa.text("DELETE FROM lutsk_charter_data_change WHERE package_id = :id"),
        {"id": made["never-old"]["id"]},
    )
    model.Session.commit()
    model.Session.expire_all()  # CKAN's session keeps loaded objects over a commit
    made["closed"] = LutskDataset(name="closed", owner_org=health["id"], private=True)
    add_csv(made["closed"], days_ago=100)
    made["unfinished"] = LutskDataset(name="unfinished", owner_org=roads["id"], state="draft")
    gone = LutskDataset(name="gone", owner_org=health["id"])
    add_csv(gone, days_ago=60)
    call_action("package_delete", context=site_context(), id=gone["id"])
    call_action(
        "lutsk_charter_responsible_assign",
        context=site_context(),
        organization_id=roads["id"],
        role="publisher",
        full_name="Коваль Олег",
        email="publisher@lutskrada.gov.ua",
    )
    return {"health": health, "roads": roads, **made}


def _straightforward() -> dict[str, dict]:
    """Each body's figures counted dataset by dataset, in Python."""
    principle_of = {c.code: c.principle for c in registered_checks()}
    bodies = org_summaries(None)
    persons = current_roles(model.Session, portal_today())  # Kyiv's day, not UTC's
    found = {
        body: Figures(
            body,
            creator="creator" in persons.get(body, set()),
            publisher="publisher" in persons.get(body, set()),
        )
        for body in bodies
    }
    packages = model.Session.scalars(
        sa.select(model.Package).where(
            model.Package.type == "dataset", model.Package.state.in_(("active", "draft"))
        )
    )
    for package in packages:
        figures = found.get(package.owner_org or "")
        if figures is None:
            continue
        quality = model.Session.get(DatasetQuality, package.id)
        for code in (quality.open_codes if quality else "").split():
            if principle_of.get(code):
                principle = principle_of[code]
                figures.flags[principle] = figures.flags.get(principle, 0) + 1
        if package.state != "active":
            figures.draft += 1
            continue
        if package.private:
            figures.private += 1
            continue
        timely = call_action("lutsk_charter_dataset_timeliness_show", id=package.id)
        figures.public += 1
        figures.timeliness[timely["state"]] += 1
        band = quality.band if quality else None
        assert band in (*MONITOR_BANDS, None)
        figures.bands[band or "unscored"] += 1
        changed = dt.datetime.fromisoformat(timely["data_changed_at"])
        if figures.last_publication is None or changed > figures.last_publication:
            figures.last_publication = changed
    return {
        "bodies": {b: found[b].as_dict() for b in bodies},
        "city": city_figures(found.values()).as_dict(),
    }


def _shown() -> dict[str, dict]:
    result = call_action("lutsk_charter_monitor_show")
    keys = tuple(Figures("").as_dict())
    return {
        "bodies": {b["id"]: {k: b[k] for k in keys} for b in result["bodies"]},
        "city": result["city"],
    }


def _same_moment(figures: dict) -> dict:
    """``last_publication`` as a moment (the action's ISO text and Python's may differ in zone)."""
    for body in [*figures["bodies"].values(), figures["city"]]:
        if body["last_publication"]:
            body["last_publication"] = dt.datetime.fromisoformat(body["last_publication"])
    return figures


def _built() -> bool:
    return model.Session.get(MonitorSummary, 1) is not None


def _datasets(**filters) -> list[tuple]:
    shown = call_action("lutsk_charter_monitor_show", include_datasets=True, **filters)
    return [(d["name"], d["state"], d["due"], d["days_left"], d["band"]) for d in shown["datasets"]]


def test_the_summary_counts_as_the_datasets_one_by_one(portal):
    expected = _same_moment(_straightforward())
    assert expected["bodies"][portal["health"]["id"]]["timeliness"] == {
        "normal": 1, "due_soon": 1, "overdue": 3, "inactive": 1,
    }  # fmt: skip
    states = {
        name: call_action("lutsk_charter_dataset_timeliness_show", id=name)["state"]
        for name in ("road-late", "never-old", "road-fine", "never")
    }
    assert states == {
        "road-late": "overdue", "never-old": "overdue", "road-fine": "due_soon", "never": "normal",
    }  # fmt: skip
    assert not _built()
    live = _same_moment(_shown())  # counted from the packages: not built yet
    live_datasets = {s: _datasets(state=s) for s in ("overdue", "due_soon", "normal", "private")}
    assert live == expected

    call_action("lutsk_charter_monitor_snapshot", context=site_context())
    assert _built()
    assert _same_moment(_shown()) == expected
    assert {s: _datasets(state=s) for s in live_datasets} == live_datasets
    assert _datasets(limit=3, offset=2) == _datasets()[2:5]
    roads = portal["roads"]["id"]
    assert [d[0] for d in _datasets(organization_id=roads)] == [
        "road-late", "never-old", "road-fine", "never", "unfinished",
    ]  # fmt: skip


def test_saves_keep_the_summary_current_without_a_rebuild(portal):
    call_action("lutsk_charter_monitor_snapshot", context=site_context())
    context = site_context
    # moved to another body, made private, deleted, new data, a new dataset, no longer updated
    call_action("package_patch", context=context(), id="mover", owner_org=portal["roads"]["id"])
    call_action("package_patch", context=context(), id="soon", private=True)
    call_action("package_delete", context=context(), id="road-late")
    add_csv(portal["late"], days_ago=1)
    fresh = LutskDataset(name="fresh", owner_org=portal["health"]["id"])
    add_csv(fresh, days_ago=35)
    call_action("package_patch", context=context(), id="fine", update_frequency="no longer updated")
    call_action("package_patch", context=context(), id="unfinished", state="active")
    built_at = model.Session.get(MonitorSummary, 1).built_at
    assert _same_moment(_shown()) == _same_moment(_straightforward())
    assert model.Session.get(MonitorSummary, 1).built_at == built_at  # no rebuild happened
    rows = {r.package_id: r for r in model.Session.scalars(sa.select(MonitorDataset))}
    assert rows[portal["mover"]["id"]].organization_id == portal["roads"]["id"]
    assert portal["road-late"]["id"] not in rows
    # nothing counted twice: the counts are those a rebuild writes
    counts = sa.select(MonitorCount.organization_id, MonitorCount.key, MonitorCount.n).where(
        MonitorCount.n != 0
    )
    before = set(model.Session.execute(counts).all())
    call_action("lutsk_charter_monitor_snapshot", context=site_context())
    assert set(model.Session.execute(counts).all()) == before


def test_datasets_fall_overdue_with_the_date_without_any_save(portal):
    call_action("lutsk_charter_monitor_snapshot", context=site_context())
    today = _same_moment(_shown())
    with freeze_time(dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=40)):
        later = _same_moment(_shown())
        assert later == _same_moment(_straightforward())
        overdue = {s[0] for s in _datasets(state="overdue")}
    assert later["city"]["timeliness"]["overdue"] > today["city"]["timeliness"]["overdue"]
    assert {"soon", "never"} <= overdue  # due soon today, never updated: late in 40 days
