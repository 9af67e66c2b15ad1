"""Fuzz every ``lutsk_charter_*`` action through the HTTP API: bad input is a 4xx, never a 5xx.

The actions are read from CKAN's registry and their parameters from their
docstrings (``:param name:``), so a new action or parameter is fuzzed without
touching this file. Each is called as anonymous, a body's editor and a sysadmin
with each class of bad value, and after every call another user's request must
still succeed (nothing left behind in the database session).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from ckan.logic import get_action
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.conftest import LutskDataset, LutskOrganization, site_context

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

API = "/api/3/action/"
#: The whole fuzz run takes about a minute; this bound holds even on a busy machine.
TIME_BUDGET = 150


def _nested(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


#: Classes of bad value; those marked strict must always be refused with a 4xx.
BAD_VALUES: list[tuple[str, Any, bool]] = [
    ("wrong type: object", {"a": [1, {"b": None}]}, True),
    ("wrong type: float", 12.5, True),
    ("huge number", 10**30, True),
    ("NUL", "ALL-6\x00<script>", True),
    ("lone surrogate", "x\ud800y", True),
    ("deep nesting", _nested(60), True),
    ("empty", "", False),
    ("100k string", "я" * 100_000, False),
    ("unknown id", "00000000-0000-0000-0000-000000000000", False),
]


def _our_actions() -> list[str]:
    from ckan.logic import _actions  # the registry of every loaded action

    get_action("package_show")  # make sure the registry is filled
    names = sorted(n for n in _actions if n.startswith("lutsk_charter_"))
    assert len(names) >= 27
    return names


def _params(action: str) -> list[str]:
    doc = get_action(action).__doc__ or ""
    found: list[str] = []
    for group in re.findall(r":param ([\w, \n]+?):", doc):
        found.extend(p.strip() for p in group.replace("\n", " ").split(",") if p.strip())
    return list(dict.fromkeys(found))


def _base(action: str, fixture: dict[str, Any]) -> dict[str, Any]:
    """Valid values for an action's parameters: the fuzzed one is then the only bad input."""
    ids = {
        "lutsk_charter_responsible_end": fixture["assignment"],
        "lutsk_charter_responsible_correct": fixture["assignment"],
        "lutsk_charter_responsible_change_acknowledge": fixture["change"],
        "lutsk_charter_flag_review": fixture["flag"],
    }
    values: dict[str, Any] = {
        "id": ids.get(action, fixture["dataset"]),
        "organization_id": fixture["organization"],
        "datasets_organization_id": fixture["organization"],
        "package_id": fixture["dataset"],
        "dataset_id": fixture["dataset"],
        "resource_id": fixture["resource"],
        "role": "publisher",
        "full_name": "Олена Коваль",
        "email": "o.koval@lutskrada.gov.ua",
        "phone": "+380332777000",
        "position": "Головний спеціаліст",
        "user_id": fixture["editor"],
        "appointing_document": {"number": "15-к", "date": "2025-01-10"},
        "valid_from": "2025-01-10",
        "valid_to": "2026-01-10",
        "reason": "перевірка",
        "contact_public": False,
        "limit": 5,
        "offset": 0,
        "status": "acknowledged" if action == "lutsk_charter_flag_review" else "open",
        "note": "примітка",
        "code": "ALL-6",
        "name_uk": "Назва",
        "name_en": "Name",
        "active": True,
        "section": "all_holders",
        "include_inactive": True,
        "include_datasets": True,
        "dry_run": True,
        "sync": False,
        "background": True,
        "reindex": False,
        "pending": True,
        "format": "csv",
        "acknowledged": False,
        "state": "overdue",
        "principle": "timely_and_comprehensive",
        "severity": "warning",
        "csv": "code,section,number,name_uk\nALL-1,all_holders,1,Перелік\n",
    }
    return {p: values[p] for p in _params(action) if p in values}


@pytest.fixture
def fixture() -> dict[str, Any]:
    editor = factories.UserWithToken()
    body = LutskOrganization(
        users=[{"name": editor["name"], "capacity": "editor"}], contact_email="a@lutskrada.gov.ua"
    )
    dataset = LutskDataset(owner_org=body["id"])
    resource = call_action(
        "resource_create",
        context=site_context(),
        package_id=dataset["id"],
        url="https://example.com/data.csv",
        format="CSV",
    )
    person = call_action(
        "lutsk_charter_responsible_assign",
        context=site_context(),
        organization_id=body["id"],
        role="creator",
        full_name="Марія Гнатюк",
        email="m.hnatiuk@lutskrada.gov.ua",
    )
    change = call_action("lutsk_charter_responsible_change_list")["results"][0]
    flag = call_action("lutsk_charter_flag_list", package_id=dataset["id"])["results"][0]
    return {
        "editor": editor["name"],
        "editor_token": editor["token"],
        "sysadmin_token": factories.SysadminWithToken()["token"],
        "organization": body["id"],
        "dataset": dataset["id"],
        "resource": resource["id"],
        "assignment": person["id"],
        "change": change["id"],
        "flag": flag["id"],
    }


def test_every_action_refuses_every_class_of_bad_value_with_a_4xx(app, fixture):
    users = {
        "anonymous": None,
        "editor": fixture["editor_token"],
        "sysadmin": fixture["sysadmin_token"],
    }
    # The request of "another user" after each call: a sysadmin after the others, and back.
    checker = {"anonymous": "editor", "editor": "sysadmin", "sysadmin": "anonymous"}
    client = app.test_client()
    started = time.monotonic()
    calls = 0
    problems: list[str] = []

    def post(action: str, token: str | None, data: dict[str, Any]) -> Any:
        nonlocal calls
        calls += 1
        return client.post(
            API + action,
            data=json.dumps(data),
            content_type="application/json",
            headers={"Authorization": token} if token else {},
        )

    def next_request_succeeds(who: str, where: str) -> None:
        other = users[checker[who]]
        after = client.post(
            API + "lutsk_charter_required_dataset_list",
            data="{}",
            content_type="application/json",
            headers={"Authorization": other} if other else {},
        )
        if after.status_code != 200:
            problems.append(f"after {where}: the next request got {after.status_code}")

    actions = _our_actions()
    for action in actions:
        params = _params(action) or ["unexpected"]
        base = _base(action, fixture)
        for who, token in users.items():
            for label, value, strict in BAD_VALUES:
                # the bad value in every parameter at once; for sysadmins (who pass auth,
                # so each parameter's validation decides) also in each alone
                cases = [dict.fromkeys(params, value)]
                if who == "sysadmin" and strict:
                    cases += [{**base, p: value} for p in params]
                for data in cases:
                    response = post(action, token, data)
                    where = f"{action} as {who}, {label} in {sorted(data)[:6]}"
                    if response.status_code >= 500:
                        problems.append(f"{where}: {response.status_code}")
                        continue
                    if strict and response.status_code < 400 and params != ["unexpected"]:
                        problems.append(f"{where}: accepted ({response.status_code})")
                    if response.status_code >= 400:
                        body = response.json
                        if body.get("success") is not False or not body.get("error"):
                            problems.append(f"{where}: no error body")
                # another user's request right after each class of bad value
                next_request_succeeds(who, f"{action} as {who}, {label}")
    elapsed = time.monotonic() - started
    print(f"fuzz: {len(actions)} actions, {calls} bad calls in {elapsed:.1f} s")
    Path("test-artifacts").mkdir(exist_ok=True)
    Path("test-artifacts/fuzz-problems.txt").write_text("\n".join(problems))
    assert not problems, "\n".join(problems[:60])
    assert elapsed < TIME_BUDGET, f"the fuzz run took {elapsed:.0f} s"
