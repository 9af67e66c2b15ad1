"""The public action plan page: ``lutsk_charter_plan_progress`` with 100 measures behind
live indicators, at 2,000 bodies and 100,000 datasets.

Target (issue 14): median <= 300 ms, and the number of SQL statements the same for
10 measures as for 100. Printed beside it, from the same run: CKAN's own
``package_show`` of one dataset through the API, the baseline of a request. The
rendered ``/charter`` page is timed too when its blueprint is there. The data
are written straight to the tables (``bench_quality.populate``); the indicator
values come from one ``lutsk_charter_indicator_snapshot``, as cron stores them.

    .venv/bin/python bench/bench_plan.py [--size small|full] [--requests 20]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_quality
from bench_quality import SITE_ID, ckan_app, populate

SIZES = {"full": (2_000, 100_000), "small": (200, 10_000)}
PRINCIPLES = (
    "open_by_default",
    "timely_and_comprehensive",
    "accessible_and_usable",
    "comparable_and_interoperable",
    "improved_governance",
    "inclusive_development",
)


def _plan(context: dict[str, Any], name: str, measures: int, bodies: list[str]) -> str:
    import ckan.plugins.toolkit as tk

    from ckanext.lutsk_charter.plan.indicators import BUILT_IN

    act = tk.get_action
    try:
        return act("lutsk_charter_plan_show")(dict(context), {"id": name})["id"]
    except tk.ObjectNotFound:
        pass
    plan = act("lutsk_charter_plan_create")(
        dict(context),
        {
            "name": name,
            "title_uk": f"План {name}",
            "period_start": "2024-01-01",
            "period_end": "2025-12-31",
            "state": "approved",
        },
    )
    codes = [i.code for i in BUILT_IN]
    for n in range(measures):
        data = {
            "plan_id": plan["id"],
            "number": f"{n // 10 + 1}.{n % 10 + 1}",
            "title_uk": f"Захід {n}",
            "title_en": f"Measure {n}",
            "principles": [PRINCIPLES[n % 6]],
            "lead_organization_id": bodies[n % len(bodies)],
            "deadline_kind": "half_year",
            "deadline": f"{2024 + n % 2}-H{1 + n % 2}",
            "indicator_code": codes[n % len(codes)],
            "indicator_target": 90,
            "defer_commit": True,
        }
        if n % 2:
            data["indicator_organization_id"] = bodies[(n * 7) % len(bodies)]
        act("lutsk_charter_measure_create")(dict(context), data)
    from ckan import model

    model.Session.commit()
    return plan["id"]


def _timed(call, requests: int) -> dict[str, float]:
    import sqlalchemy as sa
    from ckan import model

    engine = model.Session.get_bind()
    queries = {"n": 0}

    def count(*_args):
        queries["n"] += 1

    call()  # warm up
    sa.event.listen(engine, "before_cursor_execute", count)
    timings = []
    for _ in range(requests):
        queries["n"] = 0
        start = time.perf_counter()
        call()
        timings.append(time.perf_counter() - start)
    sa.event.remove(engine, "before_cursor_execute", count)
    return {"median_ms": statistics.median(timings) * 1000, "queries": queries["n"]}


def measure(size: str, requests: int) -> dict[str, Any]:
    import ckan.plugins.toolkit as tk
    import sqlalchemy as sa
    from ckan import model
    from flask import current_app

    bodies_n, datasets = SIZES[size]
    bench_quality.BODIES = bodies_n
    populate(datasets)
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    context = {"user": site_user["name"]}
    bodies = list(
        model.Session.scalars(
            sa.text(
                "SELECT id FROM \"group\" WHERE is_organization AND state = 'active' ORDER BY name"
            )
        )
    )
    small = _plan(context, "bench-plan-10", 10, bodies)
    large = _plan(context, "bench-plan-100", 100, bodies)
    start = time.perf_counter()
    tk.get_action("lutsk_charter_indicator_snapshot")(dict(context), {})
    snapshot_s = time.perf_counter() - start
    client = current_app.test_client()
    dataset = model.Session.scalar(sa.text("SELECT name FROM package WHERE NOT private LIMIT 1"))

    def progress(plan_id: str):
        def call():
            response = client.get(f"/api/action/lutsk_charter_plan_progress?id={plan_id}")
            assert response.status_code == 200, response.status_code

        return call

    def baseline():
        response = client.get(f"/api/action/package_show?id={dataset}")
        assert response.status_code == 200, response.status_code

    result = {
        "bodies": len(bodies),
        "datasets": datasets,
        "snapshot_s": snapshot_s,
        "progress_10": _timed(progress(small), requests),
        "progress_100": _timed(progress(large), requests),
        "baseline": _timed(baseline, requests),
    }
    if client.get("/charter").status_code != 404:
        tk.get_action("lutsk_charter_plan_update")(dict(context), {"id": large, "current": True})

        def page():
            response = client.get("/charter")
            assert response.status_code == 200, response.status_code

        result["page_100"] = _timed(page, requests)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        app = ckan_app()
        with app.test_request_context():
            print(json.dumps(measure(args.size, args.requests)))
        return
    result = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            "--size",
            args.size,
            "--requests",
            str(args.requests),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CKAN_SITE_ID": SITE_ID},
    )
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    f = json.loads(result.stdout.strip().splitlines()[-1])
    small, large, base = f["progress_10"], f["progress_100"], f["baseline"]
    print(
        f"Action plan progress, {f['datasets']} datasets in {f['bodies']} bodies,"
        f" median of {args.requests} requests (through the API):"
    )
    print(
        f"  100 measures: {large['median_ms']:.0f} ms (target <= 300 ms), {large['queries']} SQL;"
        f" 10 measures: {small['median_ms']:.0f} ms, {small['queries']} SQL"
        f" ({'constant' if large['queries'] == small['queries'] else 'NOT constant'})"
    )
    if "page_100" in f:
        page = f["page_100"]
        print(f"  /charter page, 100 measures: {page['median_ms']:.0f} ms, {page['queries']} SQL")
    else:
        print("  /charter page: not in this build (the action alone is timed)")
    print(
        f"  baseline: CKAN's package_show of one dataset {base['median_ms']:.0f} ms,"
        f" {base['queries']} SQL; the daily indicator snapshot took {f['snapshot_s']:.1f} s"
    )


if __name__ == "__main__":
    main()
