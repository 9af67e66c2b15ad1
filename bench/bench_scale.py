"""The national portal's size: 100,000 datasets, 300,000 resources, 2,000 bodies.

Targets (issue 11), each printed beside its baseline from the same run, a portal
a tenth the size (10,000 datasets in 200 bodies, the same mix):

1. The full quality check (the service ``ckan lutsk-charter check`` calls) in at
   most 30 s and 600 MB peak RSS, its cost per dataset within 1.2x of the
   baseline's.
2. ``lutsk_charter_monitor_show`` (the data of ``/ckan-admin/monitoring``) and the
   page itself in at most 300 ms median, with as many SQL statements as at the
   baseline (counted with a SQLAlchemy event listener).
3. ``ckan lutsk-charter notify --dry-run`` over all of them in at most 60 s.

The portal is written straight into CKAN's tables and ours with PostgreSQL's
``COPY`` (not through the action API), so 100,000 datasets take a minute or two.
``--size`` runs it smaller; ``--only monitoring,notify`` measures only those
steps (the portal is still checked once: the dashboard shows the scores). Runs on
the benchmark database of ``make bench`` (``ckan_bench``), which it empties; each
step runs in its own child process. ``COPY`` bypasses the save hooks, so the
dashboard's summary is built by the daily snapshot the monitoring step runs
first (``lutsk_charter_monitor_snapshot``), as on a portal after the migration.

    .venv/bin/python bench/bench_scale.py [--size 100000] [--requests 20]
        [--only check,monitoring,notify]

``--only check`` writes both portals and runs only the full check. The check goes
in batches of ``ckanext.lutsk_charter.quality.batch_size`` datasets (2000), each read
as one JSON document, the next one on a second connection while this one is checked;
its SQL statements grow with the portal (one read and up to four writes a batch) while
its memory does not. Measured on the quiet 2-core machine: 16-18 s a daily run at
100,000 (1.6-1.7 s at 10,000), 0.94-1.07x the baseline's cost per dataset, 277 MB
peak; before the batches, 126.4 s, 1,684 MB and 2.14x. The dashboard is timed after
``VACUUM (ANALYZE)``: a portal's steady state, without autovacuum beside the requests.

``package_update``'s cost per part is ``bench/bench_save.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_quality import INI, SITE_ID, ckan_app

#: Datasets written per round of COPY statements.
BATCH = int(os.environ.get("BENCH_COPY_BATCH", "10000"))
#: Datasets per body, as on data.gov.ua (100,000 in 2,000).
PER_BODY = 50
FREQUENCIES = (
    "once a day",
    "once a week",
    "once a month",
    "once a quarter",
    "once a year",
    "no longer updated",
    "more than once a day",
)


# --- the data, with COPY --------------------------------------------------------------------


def _cell(value: Any) -> str:
    """A value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


class _Copy:
    """Rows of one table, buffered and sent with ``COPY ... FROM STDIN``."""

    def __init__(self, cursor: Any, table: str, columns: tuple[str, ...]) -> None:
        self.cursor, self.table, self.columns = cursor, table, columns
        self.buffer = io.StringIO()
        self.rows = 0

    def add(self, *values: Any) -> None:
        self.buffer.write("\t".join(map(_cell, values)) + "\n")
        self.rows += 1

    def flush(self) -> None:
        self.buffer.seek(0)
        self.cursor.copy_expert(
            f"COPY {self.table} ({', '.join(self.columns)}) FROM STDIN", self.buffer
        )
        self.buffer = io.StringIO()


def populate(datasets: int) -> dict[str, Any]:
    """Empty the portal, then write ``datasets`` datasets (3 resources each) in their bodies."""
    import sqlalchemy as sa
    from ckan import model

    session = model.Session
    assert "extras" in model.package_table.c, "the COPY writer knows CKAN 2.12's tables"
    start = time.perf_counter()
    session.execute(
        sa.text(
            "TRUNCATE lutsk_charter_quality_flag, lutsk_charter_dataset_quality,"
            " lutsk_charter_link_check, lutsk_charter_validation, lutsk_charter_data_change,"
            " lutsk_charter_responsible_assignment, lutsk_charter_responsible_change,"
            " lutsk_charter_reminder, lutsk_charter_dcat_check,"
            " lutsk_charter_monitor_snapshot, lutsk_charter_monitor_dataset,"
            " lutsk_charter_monitor_count, lutsk_charter_monitor_summary,"
            ' package, resource, package_tag, member, tag, "group" CASCADE'
        )
    )
    cursor = session.connection().connection.cursor()
    rng = random.Random(835)
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    aware = now.replace(tzinfo=dt.timezone.utc)
    bodies = max(1, datasets // PER_BODY)
    orgs = [str(uuid.uuid4()) for _ in range(bodies)]
    groups = [str(uuid.uuid4()) for _ in range(5)]
    tags = [str(uuid.uuid4()) for _ in range(20)]
    group_copy = _Copy(
        cursor,
        '"group"',
        ("id", "name", "title", "type", "is_organization", "state", "approval_status", "created"),
    )
    for i, gid in enumerate(orgs):
        group_copy.add(gid, f"bench-body-{i}", f"Розпорядник {i}", "organization", True,
                       "active", "approved", now)  # fmt: skip
    for i, gid in enumerate(groups):
        group_copy.add(gid, f"bench-group-{i}", f"Група {i}", "group", False, "active",
                       "approved", now)  # fmt: skip
    group_copy.flush()
    tag_copy = _Copy(cursor, "tag", ("id", "name"))
    for i, t in enumerate(tags):
        tag_copy.add(t, f"тег-{i}")
    tag_copy.flush()
    packages = _Copy(
        cursor,
        "package",
        ("id", "name", "title", "type", "state", "owner_org", "private", "license_id", "notes",
         "maintainer", "maintainer_email", "metadata_created", "metadata_modified", "extras"),
    )  # fmt: skip
    resources = _Copy(
        cursor,
        "resource",
        ("id", "package_id", "position", "state", "url", "url_type", "format", "size",
         "created", "extras"),
    )  # fmt: skip
    package_tags = _Copy(cursor, "package_tag", ("id", "package_id", "tag_id", "state"))
    members = _Copy(
        cursor, "member", ("id", "group_id", "table_id", "table_name", "capacity", "state")
    )
    changes = _Copy(
        cursor,
        "lutsk_charter_data_change",
        ("resource_id", "package_id", "fingerprint", "changed_at"),
    )
    validations = _Copy(
        cursor,
        "lutsk_charter_validation",
        ("resource_id", "package_id", "status", "requested_at", "finished_at", "report"),
    )
    links = _Copy(
        cursor,
        "lutsk_charter_link_check",
        ("resource_id", "package_id", "url", "status", "reason", "checked_at"),
    )
    tables = (packages, resources, package_tags, members, changes, validations, links)
    for n in range(datasets):
        if n and n % BATCH == 0:  # parents before their children, a batch at a time
            for table in tables:
                table.flush()
        pid = str(uuid.uuid4())
        extras = {
            "update_frequency": rng.choice(FREQUENCIES),
            "language": "ua",
            "purpose_of_collecting_information": "Рішення міської ради.",
            "spatial_coverage": "Луцька міська територіальна громада",
        }
        if n % 3:
            extras["data_actuality_date"] = "2026-01-01"
        packages.add(
            pid, f"bench-{n}", f"Набір {n}", "dataset", "active", orgs[n % bodies], n % 17 == 0,
            "cc-by" if n % 5 else "other-closed", "Опис набору даних. " * (1 + n % 9),
            "Іваненко Олена" if n % 4 else None,
            f"person{n % 90}@lutskrada.gov.ua" if n % 4 else None,
            now - dt.timedelta(days=500), now, extras,
        )  # fmt: skip
        if n % 3:
            for t in rng.sample(tags, 2):
                package_tags.add(str(uuid.uuid4()), pid, t, "active")
        if n % 2:
            members.add(str(uuid.uuid4()), rng.choice(groups), pid, "package", "public", "active")
        for position, fmt in enumerate(("CSV", "XLSX", "PDF")):
            rid = str(uuid.uuid4())
            upload = position != 2
            url = f"data-{position}.{fmt.lower()}" if upload else f"https://example.org/{n}.pdf"
            schema = {"schema": {"fields": [{"name": "id"}]}} if n % 2 and fmt == "CSV" else {}
            resources.add(rid, pid, position, "active", url, "upload" if upload else None, fmt,
                          1000 + n, now, json.dumps(schema))  # fmt: skip
            changes.add(rid, pid, rid, aware - dt.timedelta(days=rng.randint(0, 400)))
            if fmt == "CSV":
                failed = n % 7 == 0
                validations.add(rid, pid, "failure" if failed else "success", aware, aware,
                                {"meta": {"error_count": 3 if failed else 0}})  # fmt: skip
            if not upload:
                broken = n % 11 == 0
                links.add(rid, pid, url, "broken" if broken else "ok",
                          "HTTP 404" if broken else None, aware)  # fmt: skip
    for table in tables:
        table.flush()
    assignments = _Copy(
        cursor,
        "lutsk_charter_responsible_assignment",
        ("id", "organization_id", "role", "full_name", "email", "valid_from", "recorded_at"),
    )
    for i, org in enumerate(orgs[: bodies * 2 // 3]):
        for role in ("creator", "publisher"):
            email = f"person{i % 90}@lutskrada.gov.ua"
            assignments.add(str(uuid.uuid4()), org, role, "Особа", email, dt.date(2025, 1, 1),
                            aware)  # fmt: skip
    assignments.flush()
    session.commit()
    session.execute(sa.text("ANALYZE"))
    session.commit()
    return {
        "datasets": datasets,
        "resources": 3 * datasets,
        "bodies": bodies,
        "seconds": time.perf_counter() - start,
    }


# --- the measurements -----------------------------------------------------------------------


class Statements:
    """Counts the SQL statements sent to the database."""

    def __init__(self) -> None:
        from ckan import model
        from sqlalchemy import event

        self.n = 0
        self.engine = model.meta.engine
        event.listen(self.engine, "before_cursor_execute", self._count)

    def _count(self, *_args: Any) -> None:
        self.n += 1


def full_check(datasets: int) -> dict[str, Any]:
    import resource as rusage

    from ckan import model

    from ckanext.lutsk_charter.quality.service import run_quality_checks

    statements = Statements()
    context = {"model": model, "session": model.Session}

    def timed() -> tuple[float, int, int]:
        statements.n = 0
        start = time.perf_counter()
        outcome = run_quality_checks(context)  # type: ignore[arg-type]
        model.Session.commit()
        return time.perf_counter() - start, statements.n, outcome.checked

    first, first_statements, checked = timed()  # every flag new
    steady, steady_statements, _ = timed()  # the daily run: the flags are there
    assert checked == datasets, (checked, datasets)
    return {
        "checked": checked,
        "first_seconds": first,
        "first_statements": first_statements,
        "seconds": steady,
        "statements": steady_statements,
        "rss_peak_mb": rusage.getrusage(rusage.RUSAGE_SELF).ru_maxrss / 1024,
    }


def monitoring(requests: int) -> dict[str, Any]:
    import ckan.plugins.toolkit as tk
    from ckan.tests import factories
    from flask import current_app

    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    tk.get_action("lutsk_charter_monitor_snapshot")({"user": site_user["name"]}, {})
    # The steady state of a portal: autovacuum has been through the tables just written
    # (else it runs beside the timed requests, now and then).
    import sqlalchemy as sa
    from ckan import model

    engine = model.meta.engine
    assert engine is not None
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(sa.text("VACUUM (ANALYZE)"))
    statements = Statements()

    def show() -> None:
        tk.get_action("lutsk_charter_monitor_show")(
            {"user": site_user["name"]}, {"include_datasets": True, "limit": 100}
        )

    show()  # warm up
    timings, counts = [], []
    for _ in range(requests):
        statements.n = 0
        start = time.perf_counter()
        show()
        timings.append(time.perf_counter() - start)
        counts.append(statements.n)
    token = factories.SysadminWithToken()["token"]
    client = current_app.test_client()
    page_timings, page_counts = [], []
    client.get("/ckan-admin/monitoring", headers={"Authorization": token})  # warm up
    for _ in range(requests):
        statements.n = 0
        start = time.perf_counter()
        response = client.get("/ckan-admin/monitoring", headers={"Authorization": token})
        page_timings.append(time.perf_counter() - start)
        page_counts.append(statements.n)
        assert response.status_code == 200, response.status_code
    return {
        "show_ms": statistics.median(timings) * 1000,
        "show_statements": max(counts),
        "page_ms": statistics.median(page_timings) * 1000,
        "page_statements": max(page_counts),
    }


def notify_dry_run() -> dict[str, Any]:
    """``ckan lutsk-charter notify --dry-run`` as cron would run it, in a process of its own."""
    ckan = Path(sys.executable).with_name("ckan")
    start = time.perf_counter()
    result = subprocess.run(
        [str(ckan), "-c", str(INI), "lutsk-charter", "notify", "--dry-run"],
        capture_output=True,
        text=True,
        env={**os.environ, "CKAN_SITE_ID": SITE_ID},
    )
    seconds = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"notify --dry-run failed:\n{result.stderr[-3000:]}")
    last = result.stdout.strip().splitlines()[-1]
    return {"seconds": seconds, "summary": last, "mails": result.stdout.count("\nSubject: ") + 1}


def child(args: list[str]) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "CKAN_SITE_ID": SITE_ID},
    )
    if result.returncode:
        raise SystemExit(f"{args} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


STEPS = ("check", "monitoring", "notify")


def measure(size: int, requests: int, steps: tuple[str, ...] = STEPS) -> dict[str, Any]:
    """One portal of ``size`` datasets: written, then the ``steps`` (checked, monitored,
    reminded). The quality facts the dashboard shows are written by the check, so the
    portal is always checked once; without the step it is not timed."""
    print(f"  {size} datasets: writing ...", flush=True)
    written: dict[str, Any] = child(["populate", str(size)])
    print(f"  {size} datasets: written in {written['seconds']:.0f} s; checking ...", flush=True)
    written["check"] = child(["full", str(size)])
    if "monitoring" in steps:
        print(f"  {size} datasets: monitoring ...", flush=True)
        written["monitor"] = child(["monitoring", str(requests)])
    if "notify" in steps:
        print(f"  {size} datasets: notify ...", flush=True)
        written["notify"] = notify_dry_run()
    return written


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000, help="datasets (default 100000)")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument(
        "--only",
        default=",".join(STEPS),
        help="steps to measure, comma-separated (default: check,monitoring,notify)",
    )
    parser.add_argument("--child", nargs="*")
    args = parser.parse_args()
    steps = tuple(s.strip() for s in args.only.split(",") if s.strip())
    if unknown := set(steps) - set(STEPS):
        parser.error(f"unknown steps: {', '.join(sorted(unknown))} (known: {', '.join(STEPS)})")
    if args.child:
        kind, *rest = args.child
        app = ckan_app()
        if kind == "monitoring":  # requests of their own: no request context pushed around them
            with app.app_context():
                result = monitoring(int(rest[0]))
        else:
            with app.test_request_context():
                result = (populate if kind == "populate" else full_check)(int(rest[0]))
        print(json.dumps(result))
        return

    load = os.getloadavg()
    base = measure(args.size // 10, args.requests, steps)
    big = measure(args.size, args.requests, steps)
    load_after = os.getloadavg()
    b, s = big["check"], base["check"]
    per_big, per_base = b["seconds"] / b["checked"] * 1e6, s["seconds"] / s["checked"] * 1e6
    print(
        f"Portal of {big['datasets']} datasets, {big['resources']} resources, {big['bodies']}"
        f" bodies (written with COPY in {big['seconds']:.0f} s), against {base['datasets']}"
        f" datasets in {base['bodies']} bodies; load average {load[0]:.1f} before,"
        f" {load_after[0]:.1f} after:"
    )
    print(
        f"  full check: {b['seconds']:.1f} s a daily run, {b['first_seconds']:.1f} s the first"
        f" (every flag new) (target <= 30 s); {s['seconds']:.2f} s / {s['first_seconds']:.2f} s"
        f" at {base['datasets']}"
    )
    print(
        f"  per dataset: {per_big:.0f} µs against {per_base:.0f} µs at {base['datasets']}:"
        f" {per_big / per_base:.2f}x (target <= 1.2x)"
    )
    print(
        f"  peak: {b['rss_peak_mb']:.0f} MB RSS of the whole CKAN process (target <= 600 MB),"
        f" {s['rss_peak_mb']:.0f} MB at {base['datasets']}; SQL: {b['statements']} statements"
        f" ({b['first_statements']} the first run), {s['statements']} at {base['datasets']}"
    )
    if "monitoring" in steps:
        _print_monitoring(big, base)
    if "notify" in steps:
        _print_notify(big, base)


def _print_monitoring(big: dict[str, Any], base: dict[str, Any]) -> None:
    bm, sm = big["monitor"], base["monitor"]
    print(
        f"  monitoring: lutsk_charter_monitor_show {bm['show_ms']:.0f} ms median"
        f" (target <= 300 ms), {sm['show_ms']:.0f} ms at {base['datasets']};"
        f" /ckan-admin/monitoring {bm['page_ms']:.0f} ms, {sm['page_ms']:.0f} ms at"
        f" {base['datasets']}"
    )
    print(
        f"  monitoring SQL: {bm['show_statements']} statements for the data,"
        f" {sm['show_statements']} at {base['datasets']} (target: the same);"
        f" {bm['page_statements']} for the whole page,"
        f" {sm['page_statements']} at {base['datasets']}"
    )


def _print_notify(big: dict[str, Any], base: dict[str, Any]) -> None:
    bn, sn = big["notify"], base["notify"]
    print(
        f"  notify --dry-run: {bn['seconds']:.1f} s (target <= 60 s; {bn['summary']!r}),"
        f" {sn['seconds']:.1f} s at {base['datasets']} ({sn['summary']!r}); both include"
        f" the command's start"
    )


if __name__ == "__main__":
    main()
