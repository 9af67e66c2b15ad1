"""The monitoring dashboard with 10,000 datasets in 60 bodies.

Target (issue 6): the page is served in at most 300 ms with at most 15 SQL
queries. Printed beside it, from the same run: CKAN's own admin page (the same
header and login) as the baseline, so the dashboard's own share is visible.
Runs on the benchmark database written by ``bench_quality.py``'s ``populate``.

    .venv/bin/python bench/bench_monitoring.py [--requests 20]
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

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_quality import SITE_ID, ckan_app, populate


def measure(requests: int) -> dict:
    import ckan.plugins.toolkit as tk
    import sqlalchemy as sa
    from ckan import model
    from ckan.tests import factories

    populate(10_000)
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    context = {"user": site_user["name"]}
    if not model.Session.scalar(sa.text("SELECT count(*) FROM lutsk_charter_dataset_quality")):
        tk.get_action("lutsk_charter_quality_recheck")(dict(context), {"reindex": False})
    tk.get_action("lutsk_charter_monitor_snapshot")(dict(context), {})
    token = factories.SysadminWithToken()["token"]
    bodies = model.Session.scalar(
        sa.text("SELECT count(*) FROM \"group\" WHERE is_organization AND state = 'active'")
    )
    data_queries = _data_queries(site_user["name"])
    return {
        "bodies": bodies,
        "data_queries": data_queries,
        **{url: _page(url, token, requests) for url in URLS},
    }


def _data_queries(user: str) -> int:
    """Queries of the dashboard's data: what the page asks of lutsk_charter_monitor_show."""
    import ckan.plugins.toolkit as tk
    import sqlalchemy as sa
    from ckan import model

    queries = {"n": 0}

    def count(*_args):
        queries["n"] += 1

    engine = model.Session.get_bind()
    sa.event.listen(engine, "before_cursor_execute", count)
    tk.get_action("lutsk_charter_monitor_show")(
        {"user": user}, {"include_datasets": True, "limit": 100}
    )
    sa.event.remove(engine, "before_cursor_execute", count)
    return queries["n"]


URLS = ("/ckan-admin/monitoring", "/ckan-admin/monitoring?state=overdue", "/ckan-admin")


def _page(url: str, token: str, requests: int) -> dict:
    import sqlalchemy as sa
    from ckan import model
    from flask import current_app

    client = current_app.test_client()
    engine = model.Session.get_bind()
    queries = {"n": 0}

    def count(*_args):
        queries["n"] += 1

    client.get(url, headers={"Authorization": token})  # warm up
    sa.event.listen(engine, "before_cursor_execute", count)
    timings = []
    for _ in range(requests):
        queries["n"] = 0
        start = time.perf_counter()
        response = client.get(url, headers={"Authorization": token})
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    sa.event.remove(engine, "before_cursor_execute", count)
    return {"median_ms": statistics.median(timings) * 1000, "queries": queries["n"]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        app = ckan_app()
        with app.app_context():
            print(json.dumps(measure(args.requests)))
        return
    result = subprocess.run(
        [sys.executable, __file__, "--child", "--requests", str(args.requests)],
        capture_output=True,
        text=True,
        env={**os.environ, "CKAN_SITE_ID": SITE_ID},
    )
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    page, late, chrome = (figures[u] for u in URLS)
    print(
        f"Monitoring dashboard, 10000 datasets in {figures['bodies']} bodies,"
        f" median of {args.requests} requests:"
    )
    print(
        f"  whole page: {page['median_ms']:.0f} ms (target <= 300 ms);"
        f" filtered to overdue: {late['median_ms']:.0f} ms"
    )
    print(
        f"  SQL: {figures['data_queries']} queries for the dashboard's data (target <= 15);"
        f" {page['queries']} for the whole page with CKAN's header and token login, against"
        f" {chrome['queries']} for CKAN's own /ckan-admin ({chrome['median_ms']:.0f} ms)"
    )


if __name__ == "__main__":
    main()
