"""Fuzz every ``lutsk_charter_*`` action through the HTTP API: bad input is a 4xx, never a 5xx.

The actions are read from CKAN's registry and their parameters from their
docstrings (``:param name:``), so a new action or parameter is fuzzed without
touching this file. Each is called as anonymous, a body's editor and a sysadmin
with each class of bad value, the three users taking turns call by call, so each
call is the next request of another user after the one before: a call that left
the database session broken would show as the next one's 5xx; after each action's
calls another user's ordinary request must still succeed (a 200).
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
#: About 1,200 calls: some 10 s on an idle machine, about a minute on a busy one (load 10 on
#: 2 cores); the bound fails the test as soon as it is passed, naming how far the run got.
TIME_BUDGET = 120


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

    def check(response: Any, where: str, strict: bool, refusable: bool) -> None:
        if response.status_code >= 500:
            problems.append(f"{where}: {response.status_code}")
            return
        if strict and response.status_code < 400 and refusable:
            problems.append(f"{where}: accepted ({response.status_code})")
        if response.status_code >= 400:
            body = response.json
            if body.get("success") is not False or not body.get("error"):
                problems.append(f"{where}: no error body")

    def next_request_succeeds(token: str | None, where: str) -> None:
        after = client.post(
            API + "lutsk_charter_required_dataset_list",
            data="{}",
            content_type="application/json",
            headers={"Authorization": token} if token else {},
        )
        if after.status_code != 200:
            problems.append(f"after {where}: the next request got {after.status_code}")

    actions = _our_actions()
    for done, action in enumerate(actions):
        params = _params(action) or ["unexpected"]
        refusable = params != ["unexpected"]
        base = _base(action, fixture)
        for label, value, strict in BAD_VALUES:
            # Every class with the bad value in every parameter at once, as each user in
            # turn: each call is the next request of another user after the one before, so
            # a call that left the database session broken shows as the next one's 5xx.
            for who, token in users.items():
                if who == "sysadmin" and strict and refusable:
                    continue  # covered below, parameter by parameter
                check(post(action, token, dict.fromkeys(params, value)),
                      f"{action} as {who}, {label} in {params[:6]}", strict, refusable)  # fmt: skip
            if strict and refusable:
                # Sysadmins pass auth, so each parameter's own validation decides: the bad
                # value in each parameter alone, the others valid.
                for p in params:
                    check(post(action, users["sysadmin"], {**base, p: value}),
                          f"{action} as sysadmin, {label} in {p}", strict, refusable)  # fmt: skip
        # and another user's ordinary request right after the last bad one still succeeds
        next_request_succeeds(users["editor"], f"{action} as sysadmin")
        elapsed = time.monotonic() - started
        # A bound that fails loudly (never a skip), as soon as it is passed.
        assert elapsed < TIME_BUDGET, (
            f"the fuzz run passed its {TIME_BUDGET} s after {done + 1} of {len(actions)}"
            f" actions ({calls} calls); problems so far: {problems[:10]}"
        )
    elapsed = time.monotonic() - started
    print(f"fuzz: {len(actions)} actions, {calls} bad calls in {elapsed:.1f} s")
    Path("test-artifacts").mkdir(exist_ok=True)
    Path("test-artifacts/fuzz-problems.txt").write_text("\n".join(problems))
    assert not problems, "\n".join(problems[:60])
