"""Parallel assigns and ends on one body, from several processes, against PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import ckan.plugins.toolkit as tk
import pytest
from ckan import model
from ckan.tests.helpers import call_action

from tests.conftest import site_context

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "with_request_context")

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 4
SHARED = 12


def test_parallel_writers_leave_a_consistent_history(organization):
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
    shared = [
        call_action(
            "lutsk_charter_responsible_assign",
            context=site_context(),
            organization_id=organization["id"],
            role="publisher",
            full_name=f"Спільна особа {n}",
            email=f"s{n}@lutskrada.gov.ua",
        )["id"]
        for n in range(SHARED)
    ]
    model.Session.commit()
    model.Session.remove()

    processes = [
        subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "tests" / "concurrent_worker.py"),
                str(ROOT / "test.ini"),
                organization["id"],
                site_user,
                str(tag),
                json.dumps(shared),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for tag in range(WORKERS)
    ]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=240)
        assert process.returncode == 0, err[-2000:]
        results.append(json.loads(out.strip().splitlines()[-1]))

    # Every shared assignment was ended by exactly one worker; the others were told.
    ended = Counter(i for r in results for i in r["ended"])
    assert ended == Counter(shared)
    for r in results:
        assert set(r["ended"]) | set(r["refused"]) == set(shared)

    history = call_action("lutsk_charter_responsible_history", organization_id=organization["id"])
    created = {i for r in results for i in r["created"]}
    assert len(created) == WORKERS * 3
    assert {h["id"] for h in history} == set(shared) | created
    by_id = {h["id"]: h for h in history}
    assert all(by_id[i]["ended_at"] and by_id[i]["end_reason"].startswith("worker") for i in shared)
    assert all(by_id[i]["current"] for i in created)

    feed = call_action("lutsk_charter_responsible_change_list", limit=1000)
    kinds = Counter(c["kind"] for c in feed["results"])
    assert kinds == {"assigned": SHARED + WORKERS * 3, "ended": SHARED}


def _ckan(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [str(Path(sys.executable).with_name("ckan")), "-c", str(ROOT / "test.ini"), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def _live_flags() -> list[tuple[str, str | None, str]]:
    import sqlalchemy as sa

    model.Session.remove()
    return sorted(
        (r.package_id, r.resource_id, r.code)
        for r in model.Session.execute(
            sa.text(
                "SELECT package_id, resource_id, code FROM lutsk_charter_quality_flag"
                " WHERE status != 'resolved'"
            )
        )
    )


def test_two_checks_started_together_leave_one_consistent_set_of_flags():
    """Two ``ckan lutsk-charter check`` processes at once: a PostgreSQL advisory lock, not a
    process lock, makes the second wait and then find the first one's flags."""
    import sqlalchemy as sa

    from tests.conftest import LutskDataset

    datasets = [LutskDataset() for _ in range(8)]
    expected = _live_flags()
    assert {p for p, _, _ in expected} == {d["id"] for d in datasets}
    # as if never checked: both runs would create every flag
    model.Session.execute(sa.text("DELETE FROM lutsk_charter_quality_flag"))
    model.Session.execute(sa.text("DELETE FROM lutsk_charter_dataset_quality"))
    model.Session.commit()
    model.Session.remove()

    runs = [_ckan("lutsk-charter", "check") for _ in range(2)]
    for run in runs:
        _out, err = run.communicate(timeout=240)
        assert run.returncode == 0, err[-2000:]
    flags = _live_flags()
    assert len(flags) == len(set(flags)), "a flag was stored twice"
    assert flags == expected
