"""Quality checks at scale, and what the after-save check costs a save.

Targets (issue 4), printed beside their baselines from the same run:

1. A full check of 10,000 datasets with 30,000 resources in at most 5 s and 300 MB
   peak memory, with a number of SQL queries that does not grow with the number
   of datasets; the naive way (``package_show`` per dataset, then the same
   checks) is timed too, and ours must be at least 20x faster.
2. The after-save check adds at most 10 % to the median latency of
   ``package_update`` (200 calls), against the same portal with the check off;
   the same portal without ckanext-lutsk_charter at all is printed too.

Runs on its own database (``ckan_bench``) and search site id, made by
``make bench``; each measurement runs in its own child process.

    .venv/bin/python bench/bench_quality.py [--datasets 10000] [--naive-sample 500]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INI = ROOT / "test.ini"
BODIES = 60
SITE_ID = "lutsk-charter-bench"


def ckan_app(overrides: dict[str, str] | None = None):
    """A configured CKAN (Flask) app, as ``ckan`` commands get."""
    from ckan.cli import CKANConfigLoader
    from ckan.config.middleware import make_app

    config = CKANConfigLoader(str(INI)).get_config()
    config.update(overrides or {})
    return make_app(config)._wsgi_app


# --- the data: 10,000 datasets written straight to the tables ------------------------------


def populate(datasets: int) -> None:
    import sqlalchemy as sa
    from ckan import model

    from ckanext.lutsk_charter.model import (
        LinkCheck,
        ResourceDataChange,
        ResourceValidation,
        ResponsibleAssignment,
    )

    session = model.Session
    have = session.scalar(
        sa.select(sa.func.count())
        .select_from(model.package_table)
        .where(model.package_table.c.name.like("bench-%"))
    )
    if have == datasets:
        return
    print(f"  writing {datasets} datasets with {3 * datasets} resources ...", flush=True)
    for table in (
        "lutsk_charter_quality_flag",
        "lutsk_charter_dataset_quality",
        "lutsk_charter_link_check",
        "lutsk_charter_validation",
        "lutsk_charter_data_change",
        "lutsk_charter_responsible_assignment",
        "lutsk_charter_monitor_dataset",
        "lutsk_charter_monitor_count",
        "lutsk_charter_monitor_summary",
    ):
        session.execute(sa.text(f"DELETE FROM {table}"))
    session.execute(
        sa.text('TRUNCATE package, resource, package_tag, member, tag, "group" CASCADE')
    )
    rng = random.Random(835)
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    orgs = [str(uuid.uuid4()) for _ in range(BODIES)]
    groups = [str(uuid.uuid4()) for _ in range(5)]
    session.execute(
        model.group_table.insert(),
        [
            {
                "id": gid,
                "name": f"bench-body-{i}",
                "title": f"Розпорядник {i}",
                "type": "organization",
                "is_organization": True,
                "state": "active",
                "approval_status": "approved",
                "created": now,
            }
            for i, gid in enumerate(orgs)
        ]
        + [
            {
                "id": gid,
                "name": f"bench-group-{i}",
                "title": f"Група {i}",
                "type": "group",
                "is_organization": False,
                "state": "active",
                "approval_status": "approved",
                "created": now,
            }
            for i, gid in enumerate(groups)
        ],
    )
    tags = [str(uuid.uuid4()) for _ in range(20)]
    session.execute(
        model.tag_table.insert(), [{"id": t, "name": f"тег-{i}"} for i, t in enumerate(tags)]
    )
    frequencies = [
        "once a day",
        "once a week",
        "once a month",
        "once a quarter",
        "once a year",
        "no longer updated",
        "more than once a day",
    ]
    extras_in_column = "extras" in model.package_table.c
    packages, extras_rows, resources, package_tags, members = [], [], [], [], []
    changes, validations, links = [], [], []
    for n in range(datasets):
        pid = str(uuid.uuid4())
        extras = {
            "update_frequency": rng.choice(frequencies),
            "language": "ua",
            "purpose_of_collecting_information": "Рішення міської ради.",
            "spatial_coverage": "Луцька міська територіальна громада",
        }
        if n % 3:
            extras["data_actuality_date"] = "2026-01-01"
        row = {
            "id": pid,
            "name": f"bench-{n}",
            "title": f"Набір {n}",
            "type": "dataset",
            "state": "active",
            "owner_org": orgs[n % BODIES],
            "private": n % 17 == 0,
            "license_id": "cc-by" if n % 5 else "other-closed",
            "notes": "Опис набору даних. " * (1 + n % 9),
            "maintainer": "Іваненко Олена" if n % 4 else None,
            "maintainer_email": f"person{n % 90}@lutskrada.gov.ua" if n % 4 else None,
            "metadata_created": now - dt.timedelta(days=500),
            "metadata_modified": now,
        }
        if extras_in_column:
            row["extras"] = extras
        else:
            extras_rows += [
                {
                    "id": str(uuid.uuid4()),
                    "package_id": pid,
                    "key": k,
                    "value": v,
                    "state": "active",
                }
                for k, v in extras.items()
            ]
        packages.append(row)
        if n % 3:
            package_tags += [
                {"id": str(uuid.uuid4()), "package_id": pid, "tag_id": t, "state": "active"}
                for t in rng.sample(tags, 2)
            ]
        if n % 2:
            members.append(
                {
                    "id": str(uuid.uuid4()),
                    "group_id": rng.choice(groups),
                    "table_id": pid,
                    "table_name": "package",
                    "capacity": "public",
                    "state": "active",
                }
            )
        for position, fmt in enumerate(("CSV", "XLSX", "PDF")):
            rid = str(uuid.uuid4())
            upload = position != 2
            resources.append(
                {
                    "id": rid,
                    "package_id": pid,
                    "position": position,
                    "state": "active",
                    "url": f"data-{position}.{fmt.lower()}"
                    if upload
                    else f"https://example.org/{n}.pdf",
                    "url_type": "upload" if upload else None,
                    "format": fmt,
                    "size": 1000 + n,
                    "mimetype": None,
                    "created": now,
                    "extras": json.dumps(
                        {"schema": {"fields": [{"name": "id"}]}} if n % 2 and fmt == "CSV" else {}
                    ),
                }
            )
            changes.append(
                {
                    "resource_id": rid,
                    "package_id": pid,
                    "fingerprint": rid,
                    "changed_at": now.replace(tzinfo=dt.timezone.utc)
                    - dt.timedelta(days=rng.randint(0, 400)),
                }
            )
            if fmt == "CSV":
                failed = n % 7 == 0
                validations.append(
                    {
                        "resource_id": rid,
                        "package_id": pid,
                        "status": "failure" if failed else "success",
                        "requested_at": now,
                        "finished_at": now,
                        "report": {"meta": {"error_count": 3 if failed else 0}},
                    }
                )
            if not upload:
                links.append(
                    {
                        "resource_id": rid,
                        "package_id": pid,
                        "url": f"https://example.org/{n}.pdf",
                        "status": "broken" if n % 11 == 0 else "ok",
                        "reason": "HTTP 404" if n % 11 == 0 else None,
                        "checked_at": now,
                    }
                )
    session.execute(model.package_table.insert(), packages)
    if extras_rows:
        session.execute(model.package_extra_table.insert(), extras_rows)
    session.execute(model.resource_table.insert(), resources)
    session.execute(model.package_tag_table.insert(), package_tags)
    session.execute(model.member_table.insert(), members)
    session.execute(sa.insert(ResourceDataChange), changes)
    session.execute(sa.insert(ResourceValidation), validations)
    session.execute(sa.insert(LinkCheck), links)
    session.execute(
        sa.insert(ResponsibleAssignment),
        [
            {
                "id": str(uuid.uuid4()),
                "organization_id": org,
                "role": role,
                "full_name": "Особа",
                "email": f"person{i % 90}@lutskrada.gov.ua",
                "valid_from": dt.date(2025, 1, 1),
                "recorded_at": now,
            }
            for i, org in enumerate(orgs[: BODIES * 2 // 3])
            for role in ("creator", "publisher")
        ],
    )
    session.commit()


# --- 1. the full check ---------------------------------------------------------------------


def full_check(datasets: int) -> dict:
    import resource as rusage
    import tracemalloc

    import sqlalchemy as sa
    from ckan import model

    from ckanext.lutsk_charter.quality.service import run_quality_checks

    populate(datasets)  # already done by its own child: this process's memory is the check's
    baseline_rss = rusage.getrusage(rusage.RUSAGE_SELF).ru_maxrss / 1024
    queries = {"n": 0}

    def count(*_args):
        queries["n"] += 1

    engine = model.Session.get_bind()
    sa.event.listen(engine, "before_cursor_execute", count)
    context = {"model": model, "session": model.Session}

    def timed(**scope) -> tuple[float, int, int]:
        queries["n"] = 0
        start = time.perf_counter()
        outcome = run_quality_checks(context, **scope)
        model.Session.commit()
        return time.perf_counter() - start, queries["n"], outcome.checked

    one_body = model.Session.scalar(
        sa.select(model.group_table.c.id).where(model.group_table.c.name == "bench-body-0")
    )
    _, small_queries, small = timed(organization_id=one_body)
    first, first_queries, checked = timed()  # every flag new
    steady, queries_all, _ = timed()  # the daily run: most flags already there
    rss_peak = rusage.getrusage(rusage.RUSAGE_SELF).ru_maxrss / 1024  # before tracemalloc's own
    tracemalloc.start()
    timed()
    _current, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "checked": checked,
        "first_seconds": first,
        "seconds": steady,
        "queries": queries_all,
        "first_queries": first_queries,
        "small_checked": small,
        "small_queries": small_queries,
        "traced_peak_mb": traced_peak / (1 << 20),
        "rss_peak_mb": rss_peak,
        "rss_baseline_mb": baseline_rss,
    }


def naive_check(sample: int) -> dict:
    """``package_show`` per dataset, then the same checks over what it returns."""
    import ckan.plugins.toolkit as tk
    import sqlalchemy as sa
    from ckan import model

    from ckanext.lutsk_charter.quality.checks import run_checks
    from ckanext.lutsk_charter.quality.facts import DatasetFacts, ResourceFacts
    from ckanext.lutsk_charter.quality.service import check_env, registered_checks
    from ckanext.lutsk_charter.timeliness import parse_ckan_time

    ids = list(
        model.Session.scalars(
            sa.select(model.package_table.c.id)
            .where(model.package_table.c.name.like("bench-%"))
            .order_by(model.package_table.c.name)
            .limit(sample)
        )
    )
    env, checks = check_env(), registered_checks()
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    start = time.perf_counter()
    for package_id in ids:
        d = tk.get_action("package_show")(
            {"user": site_user["name"], "ignore_auth": True}, {"id": package_id}
        )
        facts = DatasetFacts(
            id=d["id"],
            name=d["name"],
            title=d.get("title") or "",
            notes=d.get("notes") or "",
            private=d["private"],
            owner_org=d.get("owner_org"),
            license_id=d.get("license_id"),
            maintainer=d.get("maintainer"),
            maintainer_email=d.get("maintainer_email"),
            metadata_created=parse_ckan_time(d.get("metadata_created")),
            extras={k: v for k, v in d.items() if isinstance(v, str)},
            tags=len(d.get("tags") or []),
            groups=len(d.get("groups") or []),
            resources=tuple(
                ResourceFacts(
                    id=r["id"],
                    url=r.get("url") or "",
                    url_type=r.get("url_type"),
                    format=r.get("format") or "",
                    has_schema=bool(r.get("schema")),
                )
                for r in d.get("resources") or []
            ),
        )
        run_checks(facts, env, checks)
    return {"sampled": len(ids), "seconds": time.perf_counter() - start}


# --- 2. the after-save check ------------------------------------------------------------------


def saves(calls: int, mode: str) -> dict:
    """Median ``package_update`` latency: ``interleaved`` (check on and off, call by call)
    or ``without`` ckanext-lutsk_charter."""
    import ckan.plugins.toolkit as tk
    from ckan import model
    from ckan.lib import search

    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    act = lambda name, data: tk.get_action(name)({"user": site_user["name"]}, data)  # noqa: E731
    from ckanext.lutsk_charter.identifiers import edrpou_check_digit

    prefix = str(random.randint(2_000_000, 9_999_999))
    org = act(
        "organization_create",
        {
            "name": f"bench-saves-{mode}-{uuid.uuid4().hex[:6]}",
            **(
                {
                    "edrpou": prefix + str(edrpou_check_digit(prefix)),
                    "title": "Розпорядник",
                    "body_kind": "executive_body",
                }
                if mode != "without"
                else {}
            ),
        },
    )
    data = {
        "name": f"bench-save-{uuid.uuid4().hex[:8]}",
        "title": "Набір",
        "owner_org": org["id"],
        "notes": "Опис набору даних. " * 8,
        "tag_string": "бюджет, фінанси",
        "license_id": "cc-by",
        "resources": [{"url": f"https://example.org/{i}.csv", "format": "CSV"} for i in range(3)],
    }
    if mode != "without":
        data.update(
            update_frequency="once a month",
            language="ua",
            purpose_of_collecting_information="Рішення міської ради.",
            data_actuality_date="2026-01-01",
        )
    dataset = act("package_create", data)
    if mode != "without":
        from ckanext.lutsk_charter.model import LinkCheck

        for r in dataset["resources"]:  # links checked already: the steady state
            model.Session.add(
                LinkCheck(
                    resource_id=r["id"],
                    package_id=dataset["id"],
                    url=r["url"],
                    status="ok",
                    checked_at=dt.datetime.now(dt.timezone.utc),
                )
            )
        model.Session.commit()
    # "on" and "off" alternate call by call in this one process (the option is read on
    # each save), so both meet the same warm caches; "without" needs its own process.
    modes = ["on", "off"] if mode == "interleaved" else [mode]
    timings: dict[str, list[float]] = {m: [] for m in modes}
    for i in range(calls + 10):
        for current in modes:
            if mode == "interleaved":
                tk.config["ckanext.lutsk_charter.quality.after_save"] = current == "on"
            start = time.perf_counter()
            act("package_patch", {"id": dataset["id"], "title": f"Набір {i} {current}"})
            if i >= 10:  # warm-up first
                timings[current].append(time.perf_counter() - start)
    search.clear_all()
    return {m: statistics.median(t) * 1000 for m, t in timings.items()}


def child(args: list[str]) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "CKAN_SITE_ID": SITE_ID},
    )
    if result.returncode:
        raise SystemExit(f"{args} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--datasets", type=int, default=10_000)
    parser.add_argument("--naive-sample", type=int, default=500)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--child", nargs="*")
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        overrides = {}
        if kind == "saves" and rest[0] == "without":
            overrides["ckan.plugins"] = "activity"
        app = ckan_app(overrides)
        with app.test_request_context():
            if kind == "populate":
                populate(int(rest[0]))
                result = {}
            elif kind == "full":
                result = full_check(int(rest[0]))
            elif kind == "naive":
                result = naive_check(int(rest[0]))
            else:
                result = saves(int(rest[1]), rest[0])
        print(json.dumps(result))
        return

    child(["populate", str(args.datasets)])
    full = child(["full", str(args.datasets)])
    naive = child(["naive", str(args.naive_sample)])
    naive_total = naive["seconds"] / naive["sampled"] * full["checked"]
    print(f"Full check of {full['checked']} datasets ({3 * full['checked']} resources):")
    print(
        f"  ours:  {full['seconds']:.2f} s a daily run, {full['first_seconds']:.2f} s the first "
        f"(every flag new) (target <= 5 s)"
    )
    print(
        f"  SQL:   {full['queries']} queries ({full['first_queries']} the first run), and "
        f"{full['small_queries']} for one body's {full['small_checked']} datasets (must not grow)"
    )
    print(
        f"  peak:  {full['rss_peak_mb']:.0f} MB RSS of the whole CKAN process (target <= 300 MB),"
        f" {full['rss_baseline_mb']:.0f} MB of it before the check; the check itself allocates"
        f" {full['traced_peak_mb']:.0f} MB at most (tracemalloc)"
    )
    print(
        f"  naive: package_show per dataset, {naive['sampled']} timed: "
        f"{naive['seconds']:.2f} s -> {naive_total:.0f} s for {full['checked']} "
        f"(ratio {naive_total / full['seconds']:.0f}x, target >= 20x)"
    )
    side_by_side = child(["saves", "interleaved", str(args.calls)])
    on, off = side_by_side["on"], side_by_side["off"]
    without = child(["saves", "without", str(args.calls)])["without"]
    print(f"package_update, median of {args.calls} calls each, alternating in one process:")
    print(
        f"  with the after-save check {on:.1f} ms, check off {off:.1f} ms: "
        f"+{(on / off - 1) * 100:.1f} % (target <= 10 %)"
    )
    print(
        f"  CKAN without ckanext-lutsk_charter (and its schema) {without:.1f} ms: "
        f"+{(on / without - 1) * 100:.1f} % for everything the extension does on a save"
    )


if __name__ == "__main__":
    main()
