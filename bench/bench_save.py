"""What each part of ckanext-lutsk_charter costs a ``package_update``, against bare CKAN.

Target (issue 11): the whole extension adds at most 20 % to the median latency
of ``package_update`` (a dataset with 3 resources, its title changed on each
call), against the same CKAN with only ``activity`` loaded (no scheming, no
schema of ours), measured in the same run. Printed beside it, per save (medians
of the same calls), what each part takes, timed by wrapping it in the process:

- validation of the dataset dict (``plugin_validate``): scheming with our schema
  against CKAN's default schema; of it, our own validators
  (``ckanext.lutsk_charter.logic.validators``, each call timed);
- the save's one read of our tables (``read_for_save``: the resources' data clock
  and validation rows, the quality facts, the check's locks), the data clock
  (``data_clock.record``), the owner move (``follow_owner``, only with the check
  off: the check moves the flags itself), the validation enqueue
  (``save_jobs.queue_validations``) and the DCAT check enqueue (once the save commits),
  the in-transaction quality check (``_check_quality``, also timed as the whole
  save with it switched off, call by call; of it the dashboard's summary,
  ``monitoring_summary.refresh``), the index and show hooks;
- the SQL statements each save sends (a SQLAlchemy event listener on the engine),
  against bare CKAN's: on a shared machine a round trip to PostgreSQL costs more
  the busier it is, so this count is the steadier figure of the two.

Figures (README, "Benchmarks"): +28.9 % first (load 2.9-7.2, 60 calls); 40 statements
a save against bare CKAN's 28, then 37 and +30.1 % on a quiet machine; then 34 statements
and +18.6 % to +26.4 % in four quiet runs (prepared statements, the check's lock,
scores and the show's read riding with other statements' round trips); now 30 statements
and +14.0 % to +20.4 % in seven (median +18.2 %; the save's one read, the activity's show
from the save's rows).

Runs on the benchmark database of ``make bench``; each kind of portal in its own
child process, both up at once and saving by turns, one call each (with ours: a call
with the check on and one with it off), so a change of the machine's load falls on
both alike rather than on one portal's round.

    .venv/bin/python bench/bench_save.py [--calls 200]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_quality import SITE_ID, ckan_app

#: The parts of a save, as printed.
PARTS = {
    "validate": "validation of the dict (plugin_validate)",
    "our_validators": "  of it our validators",
    "save_read": "the save's read: states, facts (read_for_save)",
    "resource_states": "  the states alone, check off (resource_states)",
    "data_clock": "data clock (data_clock.record)",
    "follow_owner": "flags follow the owner, check off (follow_owner)",
    "validation_enqueue": "validation enqueue (queue_validations)",
    "dcat_enqueue": "DCAT check enqueue (_queue_dcat_check)",
    "quality_check": "quality check in the transaction (_check_quality)",
    "monitoring_summary": "  of it the dashboard's summary (monitoring_summary.refresh)",
    "index_hook": "index hook (before_dataset_index)",
    "show_hook": "show hook (after_dataset_show)",
}


class Timers:
    """Time spent in each wrapped part during the current call."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self.depth: dict[str, int] = defaultdict(int)

    def wrap(self, part: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            self.depth[part] += 1
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.depth[part] -= 1
                if not self.depth[part]:  # the outermost call only
                    self.spent[part] += time.perf_counter() - start

        return timed


def instrument(timers: Timers, ours: bool) -> None:
    """Wrap the parts of a save in timers (module attributes, looked up at each call)."""
    from ckan.lib import plugins as lib_plugins
    from ckan.lib.navl import dictization_functions as df

    lib_plugins.plugin_validate = timers.wrap("validate", lib_plugins.plugin_validate)
    if not ours:
        return
    from ckanext.lutsk_charter.implementations import dataset_hooks as hooks
    from ckanext.lutsk_charter.quality import store

    convert = df.convert

    def timed_convert(converter: Any, *args: Any) -> Any:
        if (getattr(converter, "__module__", "") or "").startswith("ckanext.lutsk_charter"):
            start = time.perf_counter()
            try:
                return convert(converter, *args)
            finally:
                timers.spent["our_validators"] += time.perf_counter() - start
        return convert(converter, *args)

    df.convert = timed_convert
    from ckanext.lutsk_charter import data_clock
    from ckanext.lutsk_charter.quality import service

    data_clock.record = timers.wrap("data_clock", data_clock.record)  # type: ignore[assignment]
    service.read_for_save = timers.wrap("save_read", service.read_for_save)  # type: ignore[assignment]
    from ckanext.lutsk_charter.implementations import save_jobs

    for module, part, name in (
        (hooks, "resource_states", "resource_states"),
        (save_jobs, "validation_enqueue", "queue_validations"),
        (save_jobs, "dcat_enqueue", "_queue_dcat_check"),
        (hooks, "quality_check", "_check_quality"),
    ):
        setattr(module, name, timers.wrap(part, getattr(module, name)))
    store.follow_owner = timers.wrap("follow_owner", store.follow_owner)  # type: ignore[assignment]
    from ckanext.lutsk_charter.model import monitoring_summary

    monitoring_summary.refresh = timers.wrap("monitoring_summary", monitoring_summary.refresh)  # type: ignore[assignment]
    cls = hooks.DatasetHooks
    cls.before_dataset_index = timers.wrap("index_hook", cls.before_dataset_index)  # type: ignore[method-assign]
    cls.after_dataset_show = timers.wrap("show_hook", cls.after_dataset_show)  # type: ignore[method-assign]


def saves(calls: int, mode: str) -> dict[str, Any]:
    """``package_update`` medians: ``ours`` (check on and off, call by call) or ``bare``."""
    import ckan.plugins.toolkit as tk
    from ckan.lib import search

    ours = mode == "ours"
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    act = lambda name, data: tk.get_action(name)({"user": site_user["name"]}, data)  # noqa: E731
    org_data: dict[str, Any] = {"name": f"bench-save-{mode}-{uuid.uuid4().hex[:6]}"}
    data: dict[str, Any] = {
        "name": f"bench-save-{uuid.uuid4().hex[:8]}",
        "title": "Набір",
        "notes": "Опис набору даних. " * 8,
        "tag_string": "бюджет, фінанси",
        "license_id": "cc-by",
        "resources": [{"url": f"https://example.org/{i}.csv", "format": "CSV"} for i in range(3)],
    }
    if ours:
        import random

        from ckanext.lutsk_charter.identifiers import edrpou_check_digit

        prefix = str(random.randint(2_000_000, 9_999_999))
        org_data.update(
            edrpou=prefix + str(edrpou_check_digit(prefix)),
            title="Розпорядник",
            body_kind="executive_body",
        )
        data.update(
            update_frequency="once a month",
            language="ua",
            purpose_of_collecting_information="Рішення міської ради.",
            data_actuality_date="2026-01-01",
        )
    data["owner_org"] = act("organization_create", org_data)["id"]
    dataset = act("package_create", data)
    if ours:  # the links checked already: the steady state of a portal
        import datetime as dt

        from ckan import model

        from ckanext.lutsk_charter.model import LinkCheck

        for r in dataset["resources"]:
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
    timers = Timers()
    instrument(timers, ours)
    import sqlalchemy as sa
    from ckan import model

    sent: list[str] = []
    sa.event.listen(model.meta.engine, "before_cursor_execute", lambda *args: sent.append(args[2]))
    modes = ["on", "off"] if ours else ["bare"]
    totals: dict[str, list[float]] = {m: [] for m in modes}
    statements: dict[str, list[int]] = {m: [] for m in modes}
    parts: dict[str, list[float]] = defaultdict(list)
    body = act("package_show", {"id": dataset["id"]})
    print("ready", flush=True)
    for i in range(calls + 10):
        _wait_for_turn()
        for current in modes:
            if ours:
                tk.config["ckanext.lutsk_charter.quality.after_save"] = current == "on"
            timers.spent.clear()
            sent.clear()
            start = time.perf_counter()
            act("package_update", {**body, "title": f"Набір {i} {current}"})
            elapsed = time.perf_counter() - start
            if i < 10:  # warm-up first
                continue
            totals[current].append(elapsed)
            statements[current].append(len(sent))
            if current in ("on", "bare"):
                for part in PARTS:
                    parts[part].append(timers.spent.get(part, 0.0))
        print("done", flush=True)
    search.clear_all()
    return {"totals": totals, "parts": parts, "statements": statements}


def _wait_for_turn() -> None:
    """The parent says when this portal may save again (``go``)."""
    line = sys.stdin.readline().strip()
    if line != "go":
        raise SystemExit(f"expected 'go', got {line!r}")


class Portal:
    """A child process saving on one kind of portal, a call (or a pair) when told to."""

    def __init__(self, mode: str, calls: int) -> None:
        self.mode = mode
        self.log = tempfile.TemporaryFile("w+")  # noqa: SIM115 (read on failure, closed with it)
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--child", mode, str(calls)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
            env={**os.environ, "CKAN_SITE_ID": SITE_ID},
        )
        self._expect("ready")

    def _expect(self, word: str) -> str:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.strip() == word:
                return line
            if line.startswith("{"):
                return line
        self.log.seek(0)
        log = self.log.read()[-3000:]
        raise SystemExit(f"the {self.mode} portal ended before '{word}':\n{log}")

    def save(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("go\n")
        self.process.stdin.flush()
        self._expect("done")

    def result(self) -> dict[str, Any]:
        line = self._expect("{")
        self.process.wait()
        return json.loads(line)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--child", nargs="*")
    args = parser.parse_args()
    if args.child:
        mode, calls = args.child
        app = ckan_app({"ckan.plugins": "activity"} if mode == "bare" else {})
        with app.test_request_context():
            print(json.dumps(saves(int(calls), mode)))
        return
    load = os.getloadavg()[0]
    # Both portals are up at once and take turns call by call (which goes first
    # alternates), so whatever else the machine does falls on both alike.
    portals = [Portal("ours", args.calls), Portal("bare", args.calls)]
    for i in range(args.calls + 10):  # the first 10: warm-up, not counted
        for portal in portals if i % 2 else portals[::-1]:
            portal.save()
    got = {portal.mode: portal.result() for portal in portals}
    totals = {**got["ours"]["totals"], **got["bare"]["totals"]}
    statements = {**got["ours"]["statements"], **got["bare"]["statements"]}
    parts = {mode: got[mode]["parts"] for mode in ("ours", "bare")}
    median = lambda values: statistics.median(values) * 1000  # noqa: E731
    on, off, without = median(totals["on"]), median(totals["off"]), median(totals["bare"])
    ours = {"parts_ms": {k: median(v) for k, v in parts["ours"].items()}}
    bare = {"parts_ms": {k: median(v) for k, v in parts["bare"].items()}}
    print(
        f"package_update, median of {args.calls} calls each, the portals taking turns call by"
        f" call (load average {load:.1f} before, {os.getloadavg()[0]:.1f} after):"
    )
    print(
        f"  with ckanext-lutsk_charter {on:.1f} ms against bare CKAN {without:.1f} ms:"
        f" +{(on / without - 1) * 100:.1f} % (target <= 20 %)"
    )
    print(
        f"  the quality check switched off, call by call: {off:.1f} ms"
        f" (+{(off / without - 1) * 100:.1f} % against bare CKAN)"
    )
    sql = {k: statistics.median(v) for k, v in statements.items()}
    print(
        f"  SQL statements per save: {sql['on']:.0f} ({sql['off']:.0f} with the check off)"
        f" against bare CKAN's {sql['bare']:.0f}"
    )
    print("  per part, median per save:")
    ours_parts, bare_parts = ours["parts_ms"], bare["parts_ms"]
    for part, label in PARTS.items():
        line = f"    {label:<52} {ours_parts.get(part, 0):6.2f} ms"
        if part == "validate":
            line += (
                f"  (bare CKAN's default schema {bare_parts['validate']:.2f} ms:"
                f" scheming with our schema +{ours_parts[part] - bare_parts['validate']:.2f} ms)"
            )
        print(line)
    # our validators and the summary are parts of validation and of the check: not again
    accounted = sum(
        v for k, v in ours_parts.items() if k not in ("our_validators", "monitoring_summary")
    )
    print(
        f"    {'everything else (CKAN core, scheming, dcat, ...)':<52}"
        f" {on - accounted:6.2f} ms  (bare CKAN outside validation"
        f" {without - bare_parts['validate']:.2f} ms)"
    )


if __name__ == "__main__":
    main()
